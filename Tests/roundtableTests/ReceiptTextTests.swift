import RoundtableClient
import Testing

/// What a command prints once the node accepted its act: a sentence for a person, the receipt for a script.
@Suite("Printed receipts")
struct ReceiptTextTests {
    static let receipt = #"{"act":"vote","by":"ke","index":42,"seq":7}"#

    @Test("a sentence with the act's page by default; the node's JSON with --json, or when the answer is not a receipt")
    func receipts() {
        let sentence = ReceiptText.describe(Self.receipt, node: "https://forum.example/", json: false)
        #expect(sentence.hasPrefix("Logged as act 42: 'vote' by ke, sequence number 7.\n"))
        #expect(sentence.hasSuffix("\n  https://forum.example/acts/42   the act, its signatures and its inclusion proof"))
        #expect(ReceiptText.describe(Self.receipt, node: "https://forum.example", json: true) == Self.receipt)
        #expect(ReceiptText.describe("not json", node: "https://forum.example", json: false) == "not json")
    }
}
