/// Why a Merkle proof could not be built or did not verify.
public struct ProofError: Error, Hashable, CustomStringConvertible, Sendable {
    /// A short, stable description of the failure.
    public let description: String

    /// Creates an error.
    /// - Parameter description: What failed.
    public init(_ description: String) { self.description = description }
}
