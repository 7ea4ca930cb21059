#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableDomain

/// libFuzzer target: an act's text that parses is written back to a text that parses to the same act, and that text
/// is the act's canonical form (writing it again changes nothing).
func fuzzAct(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let text = String(validating: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self),
        let act = try? Act(parsing: text)
    else { return 0 }
    let written = act.text
    guard let again = try? Act(parsing: written) else { fatalError("an accepted act's text is refused: \(written.debugDescription)") }
    guard again == act, again.text == written else { fatalError("an act changes through its text: \(text.debugDescription)") }
    return 0
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            guard let data else { return fuzzAct(UnsafeRawPointer(bitPattern: 1)!, 0) }
            return fuzzAct(UnsafeRawPointer(data), count)
        })
    }
}
