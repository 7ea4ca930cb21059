/// The tables the SQL stores (SQLite and PostgreSQL) share, by name and column, for copying a forum from one store to
/// another row by row (`roundtable store copy`). The log's entries are not among them: a copy appends them through
/// ``ForumLogStore/append(_:at:)``, each store keeping them in its own layout.
public enum StoreTable: String, CaseIterable, Sendable {
    case forum, member
    case memberKey = "member_key"
    case memberToken = "member_token"
    case logTree = "log_tree"
    case logTile = "log_tile"
    case logCheckpoint = "log_checkpoint"
    case logCosigned = "log_cosigned"
    case document
    case exchangeObject = "exchange_object"
    case exchangeStatus = "exchange_status"
    case exchangeSecret = "exchange_secret"
    case exchangeCount = "exchange_count"
    case exchangeOwner = "exchange_owner"
    case sealedRecord = "sealed_record"
    case deliveryAttempt = "delivery_attempt"

    /// A column: its name, what it holds, and whether it may be empty (`NULL`).
    public struct Column: Sendable {
        /// The column's name.
        public let name: String
        /// What it holds.
        public let kind: StoreValue.Kind
        /// Whether it may be `NULL`.
        public let optional: Bool

        init(_ name: String, _ kind: StoreValue.Kind, optional: Bool = false) {
            self.name = name
            self.kind = kind
            self.optional = optional
        }
    }

    /// The columns copied, in order.
    public var columns: [Column] {
        switch self {
        case .forum: [.init("id", .integer), .init("origin", .text), .init("name", .text), .init("node_key", .text), .init("node_sequence", .integer)]
        case .member: [.init("id", .text), .init("display_name", .text), .init("status", .text), .init("last_sequence", .integer)]
        case .memberKey: [.init("vkey", .text), .init("member_id", .text)]
        case .memberToken: [.init("member_id", .text), .init("label", .text), .init("sha256", .blob)]
        case .logTree: [.init("id", .integer), .init("size", .integer), .init("root", .blob)]
        case .logTile: [.init("level", .integer), .init("idx", .integer), .init("data", .blob)]
        case .logCheckpoint: [.init("size", .integer), .init("note", .blob), .init("published_at", .integer, optional: true)]
        case .logCosigned: [.init("size", .integer), .init("note", .blob), .init("cosigners", .text), .init("witnessed_at", .integer)]
        case .document: [.init("sha256", .blob), .init("media_type", .text), .init("data", .blob)]
        case .exchangeObject:
            [
                .init("date_added", .integer), .init("collection", .text), .init("object_id", .text), .init("version", .text),
                .init("version_us", .integer), .init("type", .text), .init("spec_version", .text), .init("tlp", .integer),
                .init("recipients", .text), .init("submitter", .text), .init("json", .blob), .init("salt", .blob, optional: true),
                .init("log_index", .integer), .init("is_first", .boolean), .init("is_last", .boolean),
            ]
        case .exchangeStatus: [.init("id", .text), .init("json", .blob)]
        case .exchangeSecret: [.init("id", .integer), .init("secret", .blob)]
        case .exchangeCount: [.init("collection", .text), .init("day", .integer), .init("tlp", .integer), .init("count", .integer)]
        case .exchangeOwner: [.init("object_id", .text), .init("member", .text)]
        case .sealedRecord:
            [
                .init("kind", .text), .init("act_index", .integer), .init("document", .blob, optional: true), .init("detail", .text, optional: true),
                .init("request", .integer, optional: true),
            ]
        case .deliveryAttempt: [.init("act_index", .integer), .init("attempt", .blob)]
        }
    }

    /// Whether a new store already holds this table's one row (which a copy then replaces).
    public var hasInitialRow: Bool { self == .logTree }

    /// The order rows are read in: the order they were written, where it matters.
    public var order: String {
        switch self {
        case .forum, .logTree, .exchangeSecret: "id"
        case .member: "id"
        case .memberKey, .memberToken, .sealedRecord, .deliveryAttempt: "" // each store's insertion order
        case .logTile: "level, idx"
        case .logCheckpoint, .logCosigned: "size"
        case .document: "sha256"
        case .exchangeObject: "date_added"
        case .exchangeStatus: "id"
        case .exchangeCount: "collection, day, tlp"
        case .exchangeOwner: "object_id"
        }
    }
}

/// One cell of a copied row.
public enum StoreValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])

    /// What a column holds: integers (booleans are 0 and 1), text or bytes.
    public enum Kind: Sendable {
        case integer, boolean, text, blob
    }
}

/// A store a forum can be copied out of and into, table by table (`roundtable store copy`).
public protocol StoreCopying: ForumStore {
    /// Every row of a table, in ``StoreTable/order`` (or the order written), in pages of at most `limit` rows,
    /// handed to `body` one page at a time.
    func exportRows(_ table: StoreTable, pageSize limit: Int, _ body: ([[StoreValue]]) async throws -> Void) async throws

    /// Writes rows into a table, in one transaction; a table with ``StoreTable/hasInitialRow`` has that row replaced.
    func importRows(_ table: StoreTable, _ rows: [[StoreValue]]) async throws
}
