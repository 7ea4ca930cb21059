/// Thrown by a store shared by several front-ends when the one appending no longer leads: another took the lead
/// since, and this one writes nothing more.
public struct NotLeading: Error, Hashable, Sendable, CustomStringConvertible {
    /// The lead this front-end held (its epoch), if it held one.
    public let epoch: Int64
    /// The lead now (the epoch of the front-end that took it).
    public let current: Int64

    /// Creates the error.
    public init(epoch: Int64, current: Int64) {
        self.epoch = epoch
        self.current = current
    }

    public var description: String {
        "another front-end took the lead (epoch \(current); this one's was \(epoch)); this one writes nothing more"
    }
}
