#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// libFuzzer target: checkpoint bodies (c2sp.org/tlog-checkpoint: origin, decimal tree size, base64 root hash, extension
/// lines), the text a log signs and its witnesses cosign, read from every checkpoint a client, mirror or witness
/// fetches.
///
/// - A text that parses is written back byte for byte (signatures are on those bytes, and a witness cosigns the text
///   it writes back).
/// - A checkpoint of the parsed origin and extensions with another, fuzz-chosen size and root writes a text that parses
///   back to it.
func fuzzCheckpoint(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self), let checkpoint = try? Checkpoint(parsing: text) else { return }
    guard Array(checkpoint.text.utf8) == bytes else {
        fatalError("a checkpoint is written back otherwise: \(text.debugDescription) -> \(checkpoint.text.debugDescription)")
    }
    var input = FuzzBytes(bytes.reversed())
    let root = TreeHash(input.padded(TreeHash.byteCount))
    let other = Checkpoint(origin: checkpoint.origin, size: input.uint64(), root: root, extensions: checkpoint.extensions)
    guard let again = try? Checkpoint(parsing: other.text), again == other, again.text == other.text else {
        fatalError("a checkpoint with size \(other.size) and root \(other.root) does not read back: \(other.text.debugDescription)")
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzCheckpoint(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
