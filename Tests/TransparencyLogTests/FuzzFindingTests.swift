import Foundation
import Testing
import TransparencyLog

/// The inputs the libFuzzer targets found (Fuzz/, docs/fuzzing.md), byte for byte, and what the parsers do with them
/// now.
@Suite("Fuzz findings: tile paths, checkpoints, receipts")
struct FuzzFindingTests {
    @Test("a tile index just beyond 2^64 - 1 is refused, where adding its last group overflowed and crashed the node (FuzzTilePath)")
    func tileIndexBeyondUInt64() throws {
        #expect(TileID.parse(path: "tile/0/x018/x446/x744/x073/x709/x551/943")?.0 == nil)
        #expect(TileID.parse(path: "tile/entries/x018/x446/x744/x073/x709/x551/616.p/5")?.0 == nil)
        let (largest, kind) = try #require(TileID.parse(path: "tile/0/x018/x446/x744/x073/x709/x551/615"))
        #expect(largest == TileID(level: 0, index: .max) && kind == .hashes)
    }

    @Test("a checkpoint whose root is base64 with other bits after its last byte is refused: it read as the root written otherwise (FuzzCheckpoint)")
    func checkpointRootSpelledOtherwise() throws {
        #expect(throws: FormatError.self) {
            try Checkpoint(parsing: "127.0.0.1/log\n104\nY1E+FGHR2M/XCa81fn1w14TOkc7KaV4e/Ln4I6mSYge=\nwsed-by\" 3\n")
        }
        let text = "127.0.0.1/log\n104\nY1E+FGHR2M/XCa81fn1w14TOkc7KaV4e/Ln4I6mSYgc=\nwsed-by\" 3\n"
        #expect(try Checkpoint(parsing: text).text == text)
        #expect(TreeHash(base64: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=") == nil)
        #expect(TreeHash(base64: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=") == .emptyTree)
    }

    @Test("a receipt whose extra data is base64 with other bits after its last byte is refused: it was written back otherwise (FuzzReceipt)")
    func receiptExtraSpelledOtherwise() throws {
        let found = try #require(Data(base64Encoded: [
            "YzJzcC5vcmcvdGxvZy1wcm9vZkB2MQpleHRyYSBCaFkzUWdOdz09CmluZGV4IDcKOEVIMHBjVmdhdHFtK1FoTW5ZQ3NPd1RVWEFsalB2SDlFZVpJUnNTbi9x",
            "bz0KRDdXQit1OG4vWmFhQThhNTFQSGtmYWFMelVXdjBvdmxmTDBPOGpFZnVQMD0KbWg3ZFE1ekxiUTlMMWdiYjNwMEtmV3Zjejg0K0E4aHNpN0xVZmIzcnNI",
            "bz0KS1QrdDVVbWJVaDF1RCtvSlNvSFgwa3NJR0cyZDZ0MnJmVmNkL3JiZ0FIbz0KdGtabkU5SUZQQ055SlVZWjJYZGxpdDZvaDVORmFKNzMrRXpWUDY5QUdF",
            "Zz0KTWgvMDdZNjRzQkxaS1FDSzdRM21zME11QzVjanhkbWg2TzdlMHpZbmRVZz0KOHc2OG5KZTNhTmhvb0YyVWV1ajNuQnltVG4zU2dnSkUvaVIwVVFyRGpa",
            "VT0KCjEyOC6aMC4wLjEvbG9nCjEwNQo1YUNBb3U0UlNTemFpbWxUWk56czdERTJxeXcvbFIrUnA5MTQzUXRGSFVzPQoK4oCUIDEyNy4wLjAuMS9sb2cgWHE5",
            "VlVOaW9mbmR0YWJsZSBGcjRmeUFBQUFBY205MWJtUjBZV0pzWlNCaFkzUWdOdz09CmluZGV4IDcKOEVIMHBjVmdhdHFtK1FoTW5ZQ3NPd1RVWEFsalB2SDlF",
            "ZVpJUnNTbi9xbz0KRDdXQit1OG4vWmFhQThhNTFQSGtmYWFMelVXdjBvdmxmTDBPOGpFZnVQMD0KbWg3ZFE1ekxiUTlMMWdiYjNwMEtmV3Zjejg0K0E4aHNp",
            "N0xVZmIzcnNIbz0KS1QrdDVVbWJVaDF1RCtvSlNvSFgwa3NJR0cyZDZ0MnJmVmNkL3JiZ0FIbz0KdGtabkU5SUZQQ055SlVZWjJYZGxpdDZvaDVORmFKNzMr",
            "RXpWUDY5QUdFZz0KTWgvMDdZNjRzQkxaS1FDSzdRM21zME11QzVjanhkbWg2TzdlMHpZbmRVZz0KOHc2OG5KZTNhTmhvb0YyVWV1ajNuQnltVG4zU2dnSkUv",
            "aVIwVVFyRGpaVT0KCjEyOC6aMC4wLjEvbG9nCjEwNQo1YUNBb3U0UlNTemFpbWxUWk56czdERTJxeXcvbFIrUnA5MTQzUXRGSFVzPQoK4oCUIDEyNy4wLjAu",
            "MS9sb2cgWHE5VlVOaW9mbmR0YWJsZSBGcjRmeUFBQUFBQnJEa2M1V0YrbWE3Qm9vTlJtKUtvakJXQWc9PQo="
        ].joined()))
        #expect(found.count == 962)
        #expect(throws: FormatError.self) { try InclusionReceipt(parsing: found) }
        let receipt = InclusionReceipt(index: 7, proof: [.emptyTree], checkpoint: Array("note\n".utf8), extra: Array("act 7".utf8))
        #expect(try InclusionReceipt(parsing: receipt.bytes) == receipt)
        #expect(String(decoding: receipt.bytes, as: UTF8.self).contains("\nextra YWN0IDc=\n"))
        let otherwise = String(decoding: receipt.bytes, as: UTF8.self).replacingOccurrences(of: "YWN0IDc=", with: "YWN0IDd=")
        #expect(throws: FormatError.self) { try InclusionReceipt(parsing: Array(otherwise.utf8)) }
    }
}
