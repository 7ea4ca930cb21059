/// When an entry was logged, as the checkpoints that include it show: the node's time of signing the first of them
/// (its own clock), and, once one met the witness quorum, the members' witnesses' time for it, which does not rest on
/// the node.
public struct LoggingTime: Hashable, Sendable {
    /// When the node signed the first checkpoint including the entry, by its clock.
    public var signed: Timestamp?
    /// The witnessed time of the first cosigned checkpoint including the entry.
    public var witnessed: Timestamp?

    /// Creates a value.
    public init(signed: Timestamp?, witnessed: Timestamp?) {
        self.signed = signed
        self.witnessed = witnessed
    }
}
