import Crypto
public import RoundtableDomain
import TransparencyLog

extension ExchangeObjectRecord {
    /// The version as TAXII shows it: the STIX version, or `date_added` for an object that has none.
    public var taxiiVersion: String { version.isEmpty ? TAXIITimestamp.text(dateAdded) : version }

    /// The text of the line that records this version's addition or deletion by a member, in clear:
    /// `KIND OBJECT-ID VERSION TYPE MEMBER SHA256` (VERSION `-` when the object has none).
    /// - Parameters:
    ///   - change: Whether the line records the addition or the deletion.
    ///   - member: The member who added or deleted it.
    public func lineText(_ change: ExchangeRecord.Change, by member: MemberID) -> String {
        ExchangeRecord.fields(change, objectID: objectID, version: version.isEmpty ? "-" : version, type: type, member: member, sha256: sha256)
    }

    /// The SHA-256 of the version's JSON, in hex: what its line in the log names.
    var sha256: String { Hex.encode(SHA256.hash(data: json)) }

    /// The line of the node's `exchange` act for this version: in clear, or, for a version with a salt, sealed.
    /// - Parameters:
    ///   - change: Whether the line records the addition or the deletion.
    ///   - member: The member who added or deleted it.
    public func line(_ change: ExchangeRecord.Change, by member: MemberID) -> ExchangeRecord.Line {
        let version = version.isEmpty ? "-" : version
        switch (change, salt) {
        case (.add, let salt?): return .addSealed(commitment: ExchangeRecord.commitment(salt: salt, line: lineText(change, by: member)))
        case (.delete, let salt?): return .deleteSealed(commitment: ExchangeRecord.commitment(salt: salt, line: lineText(change, by: member)))
        case (.add, nil): return .add(objectID: objectID, version: version, type: type, submitter: member, sha256: sha256)
        case (.delete, nil): return .delete(objectID: objectID, version: version, type: type, member: member, sha256: sha256)
        }
    }
}

extension ExchangeRecord {
    /// The commitment a sealed line holds: the SHA-256, in hex, of the salt followed by the text of the clear line.
    /// - Parameters:
    ///   - salt: The 32-byte salt kept with the object.
    ///   - line: The clear line's text.
    public static func commitment(salt: [UInt8], line: String) -> String {
        Hex.encode(SHA256.hash(data: salt + Array(line.utf8)))
    }
}
