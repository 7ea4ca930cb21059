#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableExchange
import RoundtableJSON

/// libFuzzer target: what a TAXII client posts, STIX 2.1 objects and envelopes, through the exchange's validator and its
/// TLP marking policy; and STIX and TAXII timestamps.
///
/// - An object (alone, or each of an envelope's `objects`) that validates, written back by the JSON writer, validates
///   again to the same id, type, spec version, timestamps, markings and recipients; one refused is refused again with
///   the same message. Whatever validates has `modified` no earlier than `created`.
/// - Its TLP level (the strictest of its markings) and the policy's verdict, with the envelope's marking definitions,
///   are the same for the written-back object; a marking id that names a TLP level is that level's, or a TLP 1.0 id.
/// - A timestamp that parses reads back from its text to the same instant and text, and its TAXII form (six fraction
///   digits) reads back to the same microsecond.
func fuzzSTIX(_ bytes: [UInt8]) {
    if let text = String(validating: bytes, as: UTF8.self) { checkTimestamp(text) }
    guard let json = try? JSONParser.parse(bytes) else { return }
    guard let again = try? JSONParser.parse(json.serialized) else { fatalError("the writer's output does not parse") }
    let objects = json["objects"]?.array ?? [json]
    let rewritten = again["objects"]?.array ?? [again]
    let validated = objects.map(validation)
    let revalidated = rewritten.map(validation)
    let defined = Set(validated.compactMap { try? $0.get() }.filter { $0.type == "marking-definition" }.map(\.id))
    for (first, second) in zip(validated, revalidated) {
        switch (first, second) {
        case (.success(let one), .success(let two)):
            guard summary(one) == summary(two) else { fatalError("an object validates otherwise once written back: \(summary(one))") }
            checkMarkings(one, two, defined: defined)
        case (.failure(let one), .failure(let two)) where one == two: continue
        default: fatalError("an object's verdict changes once written back: \(first) / \(second)")
        }
    }
}

private func validation(_ json: JSONValue) -> Result<STIXObject, STIXError> {
    Result { () throws(STIXError) in try STIXValidator.validate(json) }
}

/// What the exchange keeps of a validated object, as text to compare and print.
private func summary(_ object: STIXObject) -> String {
    let times = [object.created, object.modified].map { $0.map { "\($0.text) \($0.seconds).\($0.nanosecond)" } ?? "-" }
    return [object.id, object.type, object.specVersion, times.joined(separator: " "), object.markingRefs.joined(separator: ","),
            object.granularMarkingRefs.joined(separator: ","), object.recipients?.joined(separator: ",") ?? "-"].joined(separator: " | ")
}

/// Checks a validated object's level, policy verdict and timestamps against its written-back twin.
private func checkMarkings(_ object: STIXObject, _ twin: STIXObject, defined: Set<String>) {
    let level = TLPLevel.strictest(of: object.allMarkingRefs)
    guard level == TLPLevel.strictest(of: twin.allMarkingRefs),
        TLPPolicy.refusal(for: object, defined: defined) == TLPPolicy.refusal(for: twin, defined: defined)
    else { fatalError("an object's TLP level or verdict changes once written back: \(object.id)") }
    for ref in object.allMarkingRefs {
        guard let named = TLPLevel(markingID: ref) else { continue }
        guard TLPLevel(markingID: named.markingID) == named, ref == named.markingID || TLPLevel.allCases.allSatisfy({ $0.markingID != ref })
        else { fatalError("the marking \(ref) reads as \(named), whose id reads otherwise") }
    }
    if let created = object.created, let modified = object.modified, modified < created {
        fatalError("an object modified (\(modified)) before it was created (\(created)) validates")
    }
    for timestamp in [object.created, object.modified].compactMap(\.self) { checkTimestamp(timestamp.text) }
}

/// Checks a text as a STIX timestamp and, if it is one, its TAXII form.
private func checkTimestamp(_ text: String) {
    guard let timestamp = STIXTimestamp(text) else { return }
    guard let again = STIXTimestamp(timestamp.text), again == timestamp, again.text == text, again.precision == timestamp.precision else {
        fatalError("a timestamp does not read back: \(text.debugDescription)")
    }
    let micros = timestamp.microseconds
    guard TAXIITimestamp.microseconds(text) == micros, TAXIITimestamp.microseconds(TAXIITimestamp.text(micros)) == micros else {
        fatalError("a timestamp's TAXII form does not read back: \(text.debugDescription) -> \(TAXIITimestamp.text(micros))")
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzSTIX(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
