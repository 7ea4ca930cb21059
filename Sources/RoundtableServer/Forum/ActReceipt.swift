import RoundtableDomain

/// What the node answers when it accepts an act: where the act stands in the log.
public struct ActReceipt: Hashable, Sendable, Codable {
    /// The act's log index.
    public let index: UInt64
    /// The act's type.
    public let act: String
    /// Who performed it.
    public let by: String
    /// Its sequence number.
    public let seq: UInt64

    /// Creates a receipt from its fields, as a client decoding one would.
    /// - Parameters:
    ///   - index: The act's log index.
    ///   - act: The act's type.
    ///   - by: Who performed it.
    ///   - seq: Its sequence number.
    public init(index: UInt64, act: String, by: String, seq: UInt64) {
        self.index = index
        self.act = act
        self.by = by
        self.seq = seq
    }

    /// The receipt as JSON with sorted keys, written directly: the act type and the member id are plain ASCII
    /// (`docs/acts.md`), so nothing needs escaping, and this is the hottest response of the node.
    var json: String {
        "{\"act\":\"\(act)\",\"by\":\"\(by)\",\"index\":\(index),\"seq\":\(seq)}"
    }

    init(index: UInt64, act: Act) {
        self.index = index
        self.act = act.body.type
        self.by = act.actor.description
        self.seq = act.sequence
    }
}
