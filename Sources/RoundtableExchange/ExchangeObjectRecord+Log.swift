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
        ExchangeRecord.fields(
            kind, objectID: objectID, version: version.isEmpty ? "-" : version, type: type, member: member,
            sha256: Hex.encode(SHA256.hash(data: json)))
    }

    /// The line of the node's `exchange` act for this version: in clear, or, for a version with a salt, sealed.
    /// - Parameters:
    ///   - kind: `add` or `delete`.
    ///   - member: The member who added or deleted it.
    public func line(_ kind: String, by member: MemberID) -> ExchangeRecord.Line {
        let text = lineText(kind, by: member)
        if let salt {
            let commitment = ExchangeRecord.commitment(salt: salt, line: text)
            return kind == "add" ? .addSealed(commitment: commitment) : .deleteSealed(commitment: commitment)
        }
        let version = version.isEmpty ? "-" : version
        let digest = String(text.split(separator: " ").last ?? "")
        return kind == "add"
            ? .add(objectID: objectID, version: version, type: type, submitter: member, sha256: digest)
            : .delete(objectID: objectID, version: version, type: type, member: member, sha256: digest)
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
