#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// libFuzzer target: a signed note that parses serializes to bytes that parse back to the same note, and its
/// serialization is stable (serializing the re-parsed note gives the same bytes).
func fuzzSignedNote(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let note = try? SignedNote(parsing: bytes) else { return 0 }
    let serialized = note.bytes
    guard let again = try? SignedNote(parsing: serialized) else { fatalError("a parsed note's bytes do not parse: \(serialized)") }
    guard again == note, again.bytes == serialized else { fatalError("a note changes through serialization: \(bytes)") }
    return 0
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            guard let data else { return fuzzSignedNote(UnsafeRawPointer(bitPattern: 1)!, 0) }
            return fuzzSignedNote(UnsafeRawPointer(data), count)
        })
    }
}
