/// Why the exchange refused a request as a whole: an envelope (nothing of it was stored) or a deletion (nothing was
/// deleted).
///
/// The server answers it as a TAXII error message (422 for an envelope, 403 for a deletion by another than the
/// owner); refusals of single objects are not errors but the failures of the envelope's status resource.
public struct ExchangeError: Error, CustomStringConvertible, Sendable {
    /// What kind of refusal.
    public enum Code: String, Sendable {
        /// An object's TLP marking breaks the policy (an unknown marking, RED without recipients, …), or it names a
        /// recipient who is not a member.
        case refusedByPolicy = "refused_by_policy"
        /// No object of the envelope is valid STIX 2.1.
        case noValidObject = "no_valid_object"
        /// The member asked to delete an object that another member first added: only the owner deletes it.
        case notOwner = "not_owner"
    }

    /// What kind of refusal.
    public let code: Code
    /// Which objects were refused and why, for people.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
