import Testing
import TransparencyLog

@Suite("Verifying client against honest and dishonest logs")
struct LogClientTests {
    @Test("an honest log audits, proves every sampled entry and stays consistent as it grows", arguments: [1, 255, 256, 257, 70_000])
    func honest(_ size: Int) async throws {
        let log = try TestLog(size: size)
        let checkpoint = try await LogAuditor(client: log.client).audit()
        #expect(checkpoint.size == UInt64(size))
        for index in Set([0, size / 2, size - 1]) {
            let (receipt, entry) = try await log.client.receipt(index: UInt64(index))
            #expect(entry == log.entries[index])
            #expect(try receipt.verify(entry: entry, logKey: log.signer.verifier).size == UInt64(size))
        }
    }

    @Test("consistency across growth is proven; a rollback and a fork signed with the right key are caught")
    func consistency() async throws {
        let log = try TestLog(size: 70_000)
        try log.publish(size: 300)
        let old = try await log.client.latestCheckpoint().note
        try log.publish(size: 70_000)
        #expect(try await log.client.verifyConsistency(since: old).checkpoint.size == 70_000)

        let newer = try await log.client.latestCheckpoint().note
        try log.publish(size: 300)
        await #expect(throws: LogClientError.rollback(previousSize: 70_000, size: 300)) { try await log.client.verifyConsistency(since: newer) }

        // A split view: the same key signs a different history, served completely and coherently.
        for forkSize in [69_000, 300] {
            let fork = try TestLog(size: forkSize, signer: log.signer, prefix: "rewritten")
            await #expect { try await fork.client.verifyConsistency(since: old) } throws: { error in
                if case .fork = error as? LogClientError { return true }
                return false
            }
        }
    }

    static let tamperable = [
        "tile/0/000", "tile/0/272", "tile/1/000", "tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1",
        "tile/entries/000", "tile/entries/273.p/112",
    ]

    @Test("one altered bit in any tile or bundle is caught by the audit", arguments: tamperable)
    func auditCatchesTampering(_ path: String) async throws {
        let log = try TestLog(size: 70_000)
        log.alter(path)
        await #expect(throws: LogClientError.self) { try await LogAuditor(client: log.client).audit() }
    }

    @Test(
        "receipts and consistency proofs refuse altered tiles on their path",
        arguments: ["tile/0/000", "tile/1/000", "tile/2/000.p/1", "tile/0/273.p/112"]
    )
    func proofsCatchTampering(_ path: String) async throws {
        let log = try TestLog(size: 70_000)
        try log.publish(size: 300)
        let old = try await log.client.latestCheckpoint().note
        try log.publish(size: 70_000)
        log.alter(path)
        await #expect(throws: LogClientError.self) {
            _ = try await log.client.receipt(index: 3)
            _ = try await log.client.receipt(index: 69_999)
        }
        if path != "tile/0/000" {  // the proof from 300 uses the root of tile/0/000 (in tile/1/000), not the tile itself
            await #expect(throws: LogClientError.self) { try await log.client.verifyConsistency(since: old) }
        }
    }

    @Test("a forged right-edge hash in a full tile's parent is caught: full tiles are never trusted by position")
    func forgedParent() async throws {
        let log = try TestLog(size: 512)
        let forged = HashTile(hashes: (0..<256).map { _ in MerkleHasher.leafHash(Array("forged".utf8)) })
        log.replace("tile/0/001", with: forged.bytes)
        await #expect(throws: LogClientError.tampered(path: "tile/0/001")) { try await log.client.receipt(index: 300) }
    }

    @Test("a missing tile or bundle is reported by name")
    func missing() async throws {
        let log = try TestLog(size: 1000)
        log.remove("tile/entries/001")
        await #expect(throws: LogClientError.missing(path: "tile/entries/001")) { try await LogAuditor(client: log.client).audit() }
    }
}
