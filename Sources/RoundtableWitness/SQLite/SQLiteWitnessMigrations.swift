import GRDB

/// The versioned schema of a witness's SQLite database. Migrations are append-only: never edit a registered one,
/// add the next.
enum SQLiteWitnessMigrations {
    /// Every migration, in order: `v1-witness`.
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
        return migrator
    }
}
