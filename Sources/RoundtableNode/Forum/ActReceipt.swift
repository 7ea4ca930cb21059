import RoundtableDomain

/// Where an accepted act stands in the log; `POST /api/v1/acts` answers it as `API.ActReceipt`.
public struct ActReceipt: Hashable, Sendable {
    /// The act's log index.
    public let index: UInt64
    /// The act's type.
    public let act: String
    /// Who performed it.
    public let by: String
    /// Its sequence number.
    public let seq: UInt64

    init(index: UInt64, act: Act) {
        self.index = index
        self.act = act.body.type
        self.by = act.actor.description
        self.seq = act.sequence
    }
}
