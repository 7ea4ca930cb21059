/// A fraction of small positive integers, `N/D`, as the rules write quorum.
public struct Fraction: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The numerator.
    public let numerator: Int
    /// The denominator.
    public let denominator: Int

    /// Creates a fraction strictly between 0 and 1.
    /// - Parameters:
    ///   - numerator: The numerator, at least 1.
    ///   - denominator: The denominator, greater than the numerator and at most 1,000.
    public init(_ numerator: Int, _ denominator: Int) throws(ActError) {
        guard numerator >= 1, denominator > numerator, denominator <= 1_000 else {
            throw ActError(.malformedAct, "\(numerator)/\(denominator) is not a fraction between 0 and 1 with a denominator up to 1000")
        }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Parses `N/D`.
    /// - Parameter text: The fraction's text.
    public init(parsing text: some StringProtocol) throws(ActError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let numerator = Int(parts[0]), let denominator = Int(parts[1]),
            String(numerator) == parts[0], String(denominator) == parts[1]
        else { throw ActError(.malformedAct, "'\(text)' is not a fraction; write N/D, for example 1/2") }
        try self.init(numerator, denominator)
    }

    public var description: String { "\(numerator)/\(denominator)" }

    /// Whether `part` out of `whole` is strictly more than this fraction.
    /// - Parameters:
    ///   - part: The count compared, for example the members present.
    ///   - whole: The count it is a part of, for example the electorate.
    public func isExceeded(by part: Int, of whole: Int) -> Bool {
        part * denominator > whole * numerator
    }
}
