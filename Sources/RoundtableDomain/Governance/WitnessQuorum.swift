/// The `witness-quorum` rule: how many of the members' registered witnesses must cosign a checkpoint for it to count.
public enum WitnessQuorum: Hashable, Sendable, CustomStringConvertible, Codable {
    /// More than half of the registered witnesses (the default).
    case majority
    /// At least this many, or every registered witness when fewer are registered.
    case count(Int)

    /// The largest count a rule may name.
    public static let largestCount = 1_000

    /// The cosignatures a checkpoint needs when this many witnesses are registered: none while there is none, then at
    /// least one.
    /// - Parameter registered: The number of registered witnesses.
    public func required(of registered: Int) -> Int {
        guard registered > 0 else { return 0 }
        switch self {
        case .majority: return registered / 2 + 1
        case .count(let count): return min(count, registered)
        }
    }

    public var description: String {
        switch self {
        case .majority: "majority"
        case .count(let count): String(count)
        }
    }

    /// Parses `majority` or a whole number from 1 to ``largestCount``.
    public init(parsing text: some StringProtocol) throws(ActError) {
        if text == "majority" {
            self = .majority
        } else if let count = Int(text), String(count) == text, (1...Self.largestCount).contains(count) {
            self = .count(count)
        } else {
            throw ActError(
                .malformedAct, "'witness-quorum \(text)': write 'majority' or a whole number of witnesses from 1 to \(Self.largestCount)")
        }
    }
}
