#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// The key of the demonstration forum's Estonian witness, which cosigned the checkpoints of the seed corpus: a throwaway
/// key made by `roundtable serve --demo`, used for nothing else.
let witness = try! CosignatureSigner(
    NoteSigner(parsing: "PRIVATE+KEY+witness.ee.demo.roundtable+0f8229aa+Af/XSnz1mAsDI9+74fC7SBvmKCJ6B5YFbuaUgLkQjZwd"))

/// libFuzzer target: cosignatures (c2sp.org/tlog-cosignature), the `cosignature/v1` lines a witness adds to a
/// checkpoint note, which a log collects from witnesses and every client checks against its witness policy.
///
/// - In a note that parses, a line of the witness's key either is refused or verifies to the time its first eight bytes
///   state; changed to state another time, or checked on another checkpoint text, it is refused.
/// - A cosignature made at a fuzz-chosen time on a fuzz-chosen checkpoint is a line that a note carries unchanged, that
///   verifies to that time, and that is refused on any other checkpoint or time.
/// - A witness key text that parses writes a text that parses back to the same key, and writing that again changes
///   nothing.
func fuzzCosignature(_ bytes: [UInt8]) {
    if let note = try? SignedNote(parsing: bytes) {
        for line in note.signatures where line.keyName == witness.verifier.name && line.keyID == witness.verifier.keyID {
            guard let time = try? witness.verifier.verify(line, checkpointText: note.text) else { continue }
            guard time == CosignatureVerifier.timestamp(of: line) else { fatalError("a cosignature verifies to another time: \(line.line)") }
            checkForgeries(line, text: note.text)
        }
    }
    if let text = String(validating: bytes, as: UTF8.self), let key = try? CosignatureVerifier(parsing: text) {
        guard let again = try? CosignatureVerifier(parsing: key.description), again == key, again.description == key.description else {
            fatalError("a witness key does not read back: \(text.debugDescription) -> \(key.description)")
        }
    }
    var input = FuzzBytes(bytes)
    let time = input.uint64() >> 1
    let checkpoint = Checkpoint(origin: "127.0.0.1/log", size: input.uint64(), root: TreeHash(input.padded(TreeHash.byteCount)))
    guard let line = try? witness.cosign(checkpointText: checkpoint.text, timestamp: time),
        let note = try? SignedNote(parsing: Array(checkpoint.text.utf8) + [0x0A] + Array(line.line.utf8)), note.signatures == [line],
        (try? witness.verifier.verify(line, checkpointText: checkpoint.text)) == time
    else { fatalError("a cosignature at \(time) on \(checkpoint.text.debugDescription) does not verify to its time") }
    checkForgeries(line, text: checkpoint.text)
}

/// Checks that a verified cosignature is refused once it states another time or is checked on another text.
private func checkForgeries(_ line: NoteSignature, text: String) {
    var retimed = line.signature
    retimed[7] ^= 1
    let other = NoteSignature(keyName: line.keyName, keyID: line.keyID, signature: retimed)
    guard (try? witness.verifier.verify(other, checkpointText: text)) == nil,
        (try? witness.verifier.verify(line, checkpointText: text + "x\n")) == nil
    else { fatalError("a cosignature verifies at another time or on another checkpoint: \(line.line)") }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzCosignature(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
