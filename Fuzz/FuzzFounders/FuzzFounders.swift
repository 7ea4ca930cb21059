#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableDomain

/// libFuzzer target: founders files (`roundtable serve --founders FILE`: `MEMBER-ID VKEY DISPLAY NAME` lines and
/// `rule NAME VALUE` lines), from which the node writes its forum's genesis.
///
/// - Parsing is deterministic: the same text gives the same founders and rules, or the same error.
/// - A file that parses, written back as one line per founder and one `rule` line per rule, parses to the same
///   founders (ids, keys, display names) and the same rules.
func fuzzFounders(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let first = Result { () throws(ActError) in try FoundersFile.parse(text) }
    let second = Result { () throws(ActError) in try FoundersFile.parse(text) }
    switch (first, second) {
    case (.success(let one), .success(let two)) where one.founders == two.founders && one.rules == two.rules: break
    case (.failure(let one), .failure(let two)) where one.code == two.code && one.message == two.message: break
    default: fatalError("the same founders file parses twice to different results: \(text.debugDescription)")
    }
    guard case .success(let (founders, rules)) = first else { return }
    let written = founders.map { "\($0.id) \($0.key) \($0.displayName)\n" }.joined() + rules.settings.map { "rule \($0)\n" }.joined()
    guard let again = try? FoundersFile.parse(written), again.founders == founders, again.rules == rules else {
        fatalError("a founders file written back parses otherwise: \(text.debugDescription) -> \(written.debugDescription)")
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzFounders(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
