import Logging
import PostgresNIO

/// The versioned schema of a Roundtable PostgreSQL database. Migrations are append-only: never edit a registered one,
/// add the next. Each runs in its own transaction with its row in `roundtable_migration`, under an advisory lock, so
/// that front-ends starting together migrate once and a database is never left half-created.
enum PostgresMigrations {
    /// Every migration, in order.
    static let all: [(id: String, sql: [String])] = [
        (
            "v1-forum",
            [
                """
                CREATE TABLE forum (
                    id integer PRIMARY KEY CHECK (id = 1),
                    origin text NOT NULL,
                    name text NOT NULL,
                    node_key text NOT NULL,
                    node_sequence bigint NOT NULL
                )
                """,
                """
                CREATE TABLE member (
                    id text PRIMARY KEY,
                    display_name text NOT NULL,
                    status text NOT NULL CHECK (status IN ('active', 'suspended')),
                    last_sequence bigint NOT NULL
                )
                """,
                """
                CREATE TABLE member_key (
                    position bigint GENERATED ALWAYS AS IDENTITY,
                    vkey text PRIMARY KEY,
                    member_id text NOT NULL REFERENCES member (id)
                )
                """,
                """
                CREATE TABLE member_token (
                    position bigint GENERATED ALWAYS AS IDENTITY,
                    member_id text NOT NULL REFERENCES member (id),
                    label text NOT NULL,
                    sha256 bytea NOT NULL UNIQUE,
                    PRIMARY KEY (member_id, label)
                )
                """,
                // The log's size, the row every append locks and checks: two appenders never both write at one index.
                "CREATE TABLE log_head (id integer PRIMARY KEY CHECK (id = 1), size bigint NOT NULL CHECK (size >= 0))",
                "INSERT INTO log_head (id, size) VALUES (1, 0)",
                "CREATE TABLE entry (idx bigint PRIMARY KEY CHECK (idx >= 0), data bytea NOT NULL CHECK (length(data) <= 65535))",
                "CREATE TABLE log_tree (id integer PRIMARY KEY CHECK (id = 1), size bigint NOT NULL, root bytea NOT NULL)",
                // The empty tree's root: SHA-256 of nothing.
                """
                INSERT INTO log_tree (id, size, root)
                    VALUES (1, 0, '\\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'::bytea)
                """,
                "CREATE TABLE log_tile (level integer NOT NULL, idx bigint NOT NULL, data bytea NOT NULL, PRIMARY KEY (level, idx))",
                // When each checkpoint was signed (unknown for the checkpoints of a SQLite store from before it kept the time).
                "CREATE TABLE log_checkpoint (size bigint PRIMARY KEY, note bytea NOT NULL, published_at bigint)",
                "CREATE TABLE log_cosigned (size bigint PRIMARY KEY, note bytea NOT NULL, cosigners text NOT NULL, witnessed_at bigint NOT NULL)",
                "CREATE TABLE document (sha256 bytea PRIMARY KEY, media_type text NOT NULL, data bytea NOT NULL)",
                """
                CREATE TABLE exchange_object (
                    date_added bigint PRIMARY KEY,
                    collection text NOT NULL,
                    object_id text NOT NULL,
                    version text NOT NULL,
                    version_us bigint NOT NULL,
                    type text NOT NULL,
                    spec_version text NOT NULL,
                    tlp integer NOT NULL,
                    recipients text NOT NULL,
                    submitter text NOT NULL,
                    json bytea NOT NULL,
                    salt bytea,
                    log_index bigint NOT NULL,
                    is_first boolean NOT NULL,
                    is_last boolean NOT NULL,
                    UNIQUE (object_id, collection, version_us)
                )
                """,
                // Pages are range scans of this index.
                "CREATE INDEX exchange_object_by_date ON exchange_object (collection, date_added)",
                "CREATE TABLE exchange_status (id text PRIMARY KEY, json bytea NOT NULL)",
                "CREATE TABLE exchange_secret (id integer PRIMARY KEY CHECK (id = 1), secret bytea NOT NULL)",
                """
                CREATE TABLE exchange_count (
                    collection text NOT NULL, day bigint NOT NULL, tlp integer NOT NULL, count bigint NOT NULL,
                    PRIMARY KEY (collection, day, tlp)
                )
                """,
                // The owners of ids some of whose versions were deleted; otherwise an id's first version tells.
                "CREATE TABLE exchange_owner (object_id text PRIMARY KEY, member text NOT NULL)",
                """
                CREATE TABLE sealed_record (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    kind text NOT NULL CHECK (kind IN ('sealed', 'nonces', 'delivered')),
                    act_index bigint NOT NULL,
                    document bytea,
                    detail text,
                    request bigint
                )
                """,
                """
                CREATE TABLE delivery_attempt (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, act_index bigint NOT NULL, attempt bytea NOT NULL
                )
                """,
                "CREATE INDEX delivery_attempt_by_act ON delivery_attempt (act_index)",
            ]
        ),
        (
            "v2-front-ends",
            [
                // Which front-end leads: each one that takes the lead raises the epoch, and every append checks the epoch
                // its store saw, so a front-end that lost the lead writes nothing more.
                "ALTER TABLE log_head ADD COLUMN epoch bigint NOT NULL DEFAULT 0",
                "ALTER TABLE log_head ADD COLUMN leader_url text",
                "ALTER TABLE log_head ADD COLUMN leader_since timestamptz",
            ]
        ),
        (
            "v3-sealed-records-by-act",
            [
                // The content of requests and answers is read by its act when a party asks for it, not kept in memory;
                // a front-end that follows reads the records from an act on.
                "CREATE INDEX sealed_record_by_act ON sealed_record (act_index)"
            ]
        ),
    ]

    /// The advisory lock key migrations hold (`roundtable` in ASCII).
    static let lockKey: Int64 = 0x726f_756e_6474_6162

    /// Brings the database's schema up to date: refuses a database that holds other tables, or migrations this
    /// version does not know, and applies the missing migrations, each in a transaction.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
            do {
                try await migrate(connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
                throw error
            }
        }
    }

    private static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        let tables = try await connection.query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()", logger: logger
        ).collect().map { try $0.decode(String.self) }
        if !tables.isEmpty, !tables.contains("roundtable_migration") { throw PostgresStoreError.foreignDatabase(tables.sorted()) }
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS roundtable_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            logger: logger)
        let applied = Set(
            try await connection.query("SELECT id FROM roundtable_migration", logger: logger).collect().map { try $0.decode(String.self) })
        let unknown = applied.subtracting(all.map(\.id))
        guard unknown.isEmpty else { throw PostgresStoreError.newerSchema(unknown.sorted()) }
        for migration in all where !applied.contains(migration.id) {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query("INSERT INTO roundtable_migration (id) VALUES (\(migration.id))", logger: logger)
            }
        }
    }
}
