/// The body of the node's `exchange` act: object versions added to or deleted from a collection, each in clear
/// (TLP:CLEAR and GREEN) or as a salted commitment (AMBER, AMBER+STRICT, RED).
public struct ExchangeRecord: Hashable, Sendable {
    /// One added or deleted object version.
    public enum Line: Hashable, Sendable {
        /// `add OBJECT-ID VERSION TYPE SUBMITTER SHA256`: an object in clear; VERSION is `-` for objects without one.
        case add(objectID: String, version: String, type: String, submitter: MemberID, sha256: String)
        /// `add-sealed COMMITMENT`: SHA-256 over a salt and the fields of an `add` line.
        case addSealed(commitment: String)
        /// `delete OBJECT-ID VERSION TYPE MEMBER SHA256`.
        case delete(objectID: String, version: String, type: String, member: MemberID, sha256: String)
        /// `delete-sealed COMMITMENT`.
        case deleteSealed(commitment: String)
    }

    /// What a line does to an object version: the first word of its clear line.
    public enum Change: String, Hashable, Sendable {
        /// The version was added to the collection.
        case add
        /// The version was deleted from the collection.
        case delete
    }

    /// The collection's id.
    public let collection: String
    /// What changed, one line per object version.
    public let lines: [Line]

    /// Creates a record.
    public init(collection: String, lines: [Line]) {
        self.collection = collection
        self.lines = lines
    }

    /// The text an `add` or `delete` line's fields make, which a sealed line commits to after the salt.
    public static func fields(_ change: Change, objectID: String, version: String, type: String, member: MemberID, sha256: String) -> String {
        "\(change.rawValue) \(objectID) \(version) \(type) \(member) \(sha256)"
    }
}
