import Crypto
public import RoundtableDomain
import TransparencyLog

extension ExchangeObjectRecord {
    /// The version as TAXII shows it: the STIX version, or `date_added` for an object that has none.
    public var taxiiVersion: String { version.isEmpty ? TAXIITimestamp.text(dateAdded) : version }

    /// The text of the line that records this version's addition or deletion by a member, in clear:
    /// `KIND OBJECT-ID VERSION TYPE MEMBER SHA256` (VERSION `-` when the object has none).
    /// - Parameters:
    ///   - kind: `add` or `delete`.
    ///   - member: The member who added or deleted it.
    public func lineText(_ kind: String, by member: MemberID) -> String {
        ExchangeRecord.fields(kind, objectID: objectID, version: version.isEmpty ? "-" : version, type: type, member: member, sha256: sha256)
    }

    /// The SHA-256 of the version's JSON, in hex: what its line in the log names.
    var sha256: String { Hex.encode(SHA256.hash(data: json)) }

    /// The line of the node's `exchange` act for this version: in clear, or, for a version with a salt, sealed.
    /// - Parameters:
    ///   - kind: `add` or `delete`.
    ///   - member: The member who added or deleted it.
    public func line(_ kind: String, by member: MemberID) -> ExchangeRecord.Line {
        if let salt {
            let commitment = ExchangeRecord.commitment(salt: salt, line: lineText(kind, by: member))
            return kind == "add" ? .addSealed(commitment: commitment) : .deleteSealed(commitment: commitment)
        }
        let version = version.isEmpty ? "-" : version
        return kind == "add"
            ? .add(objectID: objectID, version: version, type: type, submitter: member, sha256: sha256)
            : .delete(objectID: objectID, version: version, type: type, member: member, sha256: sha256)
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
