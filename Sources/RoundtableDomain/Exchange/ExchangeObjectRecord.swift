/// An object version of the exchange as the store keeps it, written in the transaction of the `exchange` act that
/// records it.
public struct ExchangeObjectRecord: Hashable, Sendable {
    /// The collection's id.
    public let collection: String
    /// The STIX id.
    public let objectID: String
    /// The version's text (`modified`, else `created`), empty when the object has none.
    public let version: String
    /// The version as microseconds since 1970, 0 when the object has none.
    public let versionMicros: Int64
    /// When the forum added it, in microseconds since 1970: strictly increasing across the node.
    public let dateAdded: Int64
    /// The STIX type.
    public let type: String
    /// The STIX spec version.
    public let specVersion: String
    /// The effective TLP level (0 CLEAR … 4 RED).
    public let tlp: Int
    /// The members named by `x_roundtable_recipients`.
    public let recipients: [MemberID]
    /// The member who submitted it.
    public let submitter: MemberID
    /// The object's compact JSON.
    public let json: [UInt8]
    /// The salt of its sealed log line, for AMBER and stricter objects.
    public let salt: [UInt8]?
    /// The log index of the `exchange` act that records it.
    public let logIndex: UInt64

    /// Creates a record.
    public init(
        collection: String, objectID: String, version: String, versionMicros: Int64, dateAdded: Int64, type: String, specVersion: String,
        tlp: Int, recipients: [MemberID], submitter: MemberID, json: [UInt8], salt: [UInt8]?, logIndex: UInt64
    ) {
        self.collection = collection
        self.objectID = objectID
        self.version = version
        self.versionMicros = versionMicros
        self.dateAdded = dateAdded
        self.type = type
        self.specVersion = specVersion
        self.tlp = tlp
        self.recipients = recipients
        self.submitter = submitter
        self.json = json
        self.salt = salt
        self.logIndex = logIndex
    }
}

extension ExchangeObjectRecord {
    /// The same record, recorded by the act at this log index.
    public func recorded(at index: UInt64) -> ExchangeObjectRecord {
        ExchangeObjectRecord(
            collection: collection, objectID: objectID, version: version, versionMicros: versionMicros, dateAdded: dateAdded, type: type,
            specVersion: specVersion, tlp: tlp, recipients: recipients, submitter: submitter, json: json, salt: salt, logIndex: index)
    }
}

/// One stored object version: its collection, id and version.
public struct ExchangeObjectKey: Hashable, Sendable {
    /// The collection's id.
    public let collection: String
    /// The STIX id.
    public let objectID: String
    /// The version as microseconds since 1970, 0 when the object has none.
    public let versionMicros: Int64

    /// Creates a key.
    public init(collection: String, objectID: String, versionMicros: Int64) {
        self.collection = collection
        self.objectID = objectID
        self.versionMicros = versionMicros
    }
}
