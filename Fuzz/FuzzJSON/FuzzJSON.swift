#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableJSON

/// libFuzzer target: JSON the strict parser accepts is written back compactly, parses to an equal value, and writing
/// that value again gives the same bytes; no object anywhere holds a member name twice.
func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = value.serialized
    guard let again = try? JSONParser.parse(written) else { fatalError("the writer's output does not parse: \(written)") }
    guard again == value, again.serialized == written else { fatalError("a value changes through the writer: \(bytes)") }
    guard !hasDuplicateNames(value) else { fatalError("an object with a duplicate name was accepted: \(bytes)") }
    return 0
}

private func hasDuplicateNames(_ value: JSONValue) -> Bool {
    switch value {
    case .array(let elements): return elements.contains(where: hasDuplicateNames)
    case .object(let members):
        var names = Set<[UInt8]>()
        for member in members {
            guard names.insert(Array(member.key.utf8)).inserted else { return true }
            if hasDuplicateNames(member.value) { return true }
        }
        return false
    default: return false
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            guard let data else { return fuzzJSON(UnsafeRawPointer(bitPattern: 1)!, 0) }
            return fuzzJSON(UnsafeRawPointer(data), count)
        })
    }
}
