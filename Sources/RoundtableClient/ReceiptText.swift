import Foundation
public import RoundtableAPI

/// How a command that submitted an act says so: a sentence for a person, or the node's JSON receipt for a script.
public enum ReceiptText {
    /// The words for an accepted act, or the receipt as the node sent it when `json` is set or the receipt does not
    /// read as one.
    /// - Parameters:
    ///   - receipt: The body of the node's `201` answer (``API/ActReceipt`` as JSON).
    ///   - node: The node's URL, for the act's page.
    ///   - json: Whether to print the receipt as the node sent it.
    public static func describe(_ receipt: String, node: String, json: Bool) -> String {
        guard !json, let value = try? JSONDecoder().decode(API.ActReceipt.self, from: Data(receipt.utf8)) else { return receipt }
        return "Logged as act \(value.index): '\(value.act)' by \(value.by), sequence number \(value.seq).\n"
            + "  \(node.trimmingSuffix("/"))/acts/\(value.index)   the act, its signatures and its inclusion proof"
    }
}
