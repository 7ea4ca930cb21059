import RoundtableNode

extension ActReceipt {
    /// The receipt as `API.ActReceipt`'s JSON with sorted keys, written directly: the act type and the member id are
    /// plain ASCII (`docs/acts.md`), so nothing needs escaping, and this is the hottest response of the node.
    var json: String {
        "{\"act\":\"\(act)\",\"by\":\"\(by)\",\"index\":\(index),\"seq\":\(seq)}"
    }
}
