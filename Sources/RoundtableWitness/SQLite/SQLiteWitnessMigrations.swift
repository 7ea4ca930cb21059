import GRDB

/// The versioned schema of a witness's SQLite database. Migrations are append-only: never edit a registered one,
/// add the next.
enum SQLiteWitnessMigrations {
    /// Every migration, in order: `v1-witness`; `v2-audit`, an audited log's URL, its replay (size, tree, snapshot and
    /// the entries after it) and the refusals kept as evidence.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-witness") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log (
                        origin TEXT PRIMARY KEY
                    );
                    CREATE TABLE log_key (
                        origin TEXT NOT NULL REFERENCES log(origin),
                        vkey TEXT NOT NULL,
                        PRIMARY KEY (origin, vkey)
                    );
                    CREATE TABLE cosigned (
                        origin TEXT PRIMARY KEY REFERENCES log(origin),
                        size INTEGER NOT NULL,
                        root BLOB NOT NULL,
                        note BLOB NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2-audit") { db in
            try db.execute(
                sql: """
                    ALTER TABLE log ADD COLUMN audit_url TEXT;
                    CREATE TABLE replay (
                        origin TEXT PRIMARY KEY REFERENCES log(origin),
                        size INTEGER NOT NULL,
                        range BLOB NOT NULL,
                        snapshot_index INTEGER NOT NULL,
                        snapshot BLOB
                    );
                    CREATE TABLE replay_entry (
                        origin TEXT NOT NULL REFERENCES log(origin),
                        idx INTEGER NOT NULL,
                        entry BLOB NOT NULL,
                        PRIMARY KEY (origin, idx)
                    ) WITHOUT ROWID;
                    CREATE TABLE refusal (
                        origin TEXT NOT NULL REFERENCES log(origin),
                        size INTEGER NOT NULL,
                        root BLOB NOT NULL,
                        note BLOB NOT NULL,
                        entry_index INTEGER NOT NULL,
                        entry BLOB NOT NULL,
                        reason TEXT NOT NULL,
                        refused_at INTEGER NOT NULL,
                        PRIMARY KEY (origin, size, root)
                    );
                    """
            )
        }
        return migrator
    }
}
