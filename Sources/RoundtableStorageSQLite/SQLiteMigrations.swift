import Foundation
package import GRDB
import RoundtableDomain
import TransparencyLog

/// The versioned schema of a Roundtable SQLite database. Migrations are append-only: never edit a registered one,
/// add the next.
package enum SQLiteMigrations {
    /// Every migration, in order, from `v1-forum` to `v13-sealed-documents-by-act`.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-forum") { db in
            try db.execute(
                sql: """
                    CREATE TABLE forum (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        origin TEXT NOT NULL,
                        name TEXT NOT NULL,
                        node_key TEXT NOT NULL,
                        node_sequence INTEGER NOT NULL
                    );
                    CREATE TABLE entry (
                        idx INTEGER PRIMARY KEY,
                        data BLOB NOT NULL
                    );
                    CREATE TABLE member (
                        id TEXT PRIMARY KEY,
                        display_name TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
                        last_sequence INTEGER NOT NULL
                    );
                    CREATE TABLE member_key (
                        vkey TEXT PRIMARY KEY,
                        member_id TEXT NOT NULL REFERENCES member(id)
                    );
                    CREATE TABLE member_token (
                        member_id TEXT NOT NULL REFERENCES member(id),
                        label TEXT NOT NULL,
                        sha256 BLOB NOT NULL UNIQUE,
                        PRIMARY KEY (member_id, label)
                    );
                    """
            )
        }
        migrator.registerMigration("v2-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log_tree (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        size INTEGER NOT NULL,
                        root BLOB NOT NULL
                    );
                    CREATE TABLE log_tile (
                        level INTEGER NOT NULL,
                        idx INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (level, idx)
                    ) WITHOUT ROWID;
                    CREATE TABLE log_checkpoint (
                        size INTEGER PRIMARY KEY,
                        note BLOB NOT NULL
                    );
                    """
            )
            try db.execute(sql: "INSERT INTO log_tree (id, size, root) VALUES (1, 0, ?)", arguments: [Data(TreeHash.emptyTree.bytes)])
        }
        migrator.registerMigration("v3-entry-bundles") { db in
            try db.execute(
                sql: "CREATE TABLE entry_bundle (idx INTEGER PRIMARY KEY, count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 256), data BLOB NOT NULL)"
            )
            let rows = try Data.fetchCursor(db, sql: "SELECT data FROM entry ORDER BY idx")
            var pending: [[UInt8]] = []
            while let data = try rows.next() {
                pending.append(Array(data))
                if pending.count == 4096 {
                    try SQLiteEntryBundles.appendAsBundles(pending, to: db)
                    pending.removeAll()
                }
            }
            try SQLiteEntryBundles.appendAsBundles(pending, to: db)
            try db.execute(sql: "DROP TABLE entry")
        }
        migrator.registerMigration("v4-documents") { db in
            // Proposal texts, kept by their SHA-256; never changed or deleted.
            try db.execute(
                sql: """
                    CREATE TABLE document (
                        sha256 BLOB PRIMARY KEY NOT NULL,
                        media_type TEXT NOT NULL,
                        data BLOB NOT NULL
                    ) WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("v5-exchange") { db in
            // STIX object versions of the exchange's collections, written with the node's `exchange` acts.
            try db.execute(
                sql: """
                    CREATE TABLE exchange_object (
                        date_added INTEGER PRIMARY KEY,
                        collection TEXT NOT NULL,
                        object_id TEXT NOT NULL,
                        version TEXT NOT NULL,
                        version_us INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        spec_version TEXT NOT NULL,
                        tlp INTEGER NOT NULL,
                        recipients TEXT NOT NULL,
                        submitter TEXT NOT NULL,
                        json BLOB NOT NULL,
                        salt BLOB,
                        log_index INTEGER NOT NULL,
                        is_first INTEGER NOT NULL,
                        is_last INTEGER NOT NULL,
                        UNIQUE (collection, object_id, version_us)
                    );
                    -- Pages are range scans of this index, whose entries point straight at the rows (date_added is the rowid).
                    CREATE INDEX exchange_object_by_date ON exchange_object (collection, date_added);
                    CREATE TABLE exchange_status (id TEXT PRIMARY KEY NOT NULL, json BLOB NOT NULL) WITHOUT ROWID;
                    CREATE TABLE exchange_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL);
                    """)
        }
        migrator.registerMigration("v6-entry-tail") { db in
            // The entries of the bundle not yet full, one row each, so that an append never rewrites that bundle.
            try db.execute(sql: "CREATE TABLE entry_tail (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)")
            guard let last = try Row.fetchOne(db, sql: "SELECT idx, count, data FROM entry_bundle ORDER BY idx DESC LIMIT 1"),
                (last["count"] as Int) < SQLiteEntryBundles.width
            else { return }
            let bundle: Int64 = last["idx"]
            let data: Data = last["data"]
            for (offset, range) in try SQLiteEntryBundles.ranges(in: data).enumerated() {
                try db.execute(
                    sql: "INSERT INTO entry_tail (idx, data) VALUES (?, ?)",
                    arguments: [bundle * Int64(SQLiteEntryBundles.width) + Int64(offset), Data(data[range])])
            }
            try db.execute(sql: "DELETE FROM entry_bundle WHERE idx = ?", arguments: [bundle])
        }
        migrator.registerMigration("v7-public-pages") { db in
            // What the public pages show without scanning: objects per collection, day and TLP level, kept with every
            // insert and delete; and when each checkpoint was signed.
            try db.execute(
                sql: """
                    CREATE TABLE exchange_count (
                        collection TEXT NOT NULL,
                        day INTEGER NOT NULL,
                        tlp INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (collection, day, tlp)
                    ) WITHOUT ROWID;
                    INSERT INTO exchange_count (collection, day, tlp, count)
                        SELECT collection, date_added / \(ExchangeCount.Key.microsecondsPerDay), tlp, COUNT(*) FROM exchange_object GROUP BY 1, 2, 3;
                    ALTER TABLE log_checkpoint ADD COLUMN published_at INTEGER;
                    """)
        }
        migrator.registerMigration("v8-exchange-owner") { db in
            // Who owns each object id: the member that first added it, in any collection (docs/exchange.md).
            try db.execute(
                sql: """
                    CREATE TABLE exchange_owner (object_id TEXT PRIMARY KEY NOT NULL, member TEXT NOT NULL) WITHOUT ROWID;
                    INSERT OR IGNORE INTO exchange_owner (object_id, member) SELECT object_id, submitter FROM exchange_object ORDER BY date_added;
                    """)
        }
        migrator.registerMigration("v9-owner-from-versions") { db in
            // An object's owner is the submitter of its first version added, found through the unique index, now keyed by
            // object id first; `exchange_owner` keeps only the owners that versions deleted since can no longer tell.
            try db.execute(
                sql: """
                    CREATE TABLE exchange_object_new (
                        date_added INTEGER PRIMARY KEY,
                        collection TEXT NOT NULL,
                        object_id TEXT NOT NULL,
                        version TEXT NOT NULL,
                        version_us INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        spec_version TEXT NOT NULL,
                        tlp INTEGER NOT NULL,
                        recipients TEXT NOT NULL,
                        submitter TEXT NOT NULL,
                        json BLOB NOT NULL,
                        salt BLOB,
                        log_index INTEGER NOT NULL,
                        is_first INTEGER NOT NULL,
                        is_last INTEGER NOT NULL,
                        UNIQUE (object_id, collection, version_us)
                    );
                    INSERT INTO exchange_object_new SELECT * FROM exchange_object;
                    DROP TABLE exchange_object;
                    ALTER TABLE exchange_object_new RENAME TO exchange_object;
                    CREATE INDEX exchange_object_by_date ON exchange_object (collection, date_added);
                    DELETE FROM exchange_owner WHERE member =
                        (SELECT submitter FROM exchange_object o WHERE o.object_id = exchange_owner.object_id ORDER BY date_added LIMIT 1);
                    """)
        }
        migrator.registerMigration("v10-cosigned-checkpoints") { db in
            // Checkpoints that met the witness quorum, with their cosignatures and the quorum's time.
            try db.execute(
                sql: """
                    CREATE TABLE log_cosigned (
                        size INTEGER PRIMARY KEY,
                        note BLOB NOT NULL,
                        cosigners TEXT NOT NULL,
                        witnessed_at INTEGER NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v11-communication") { db in
            // What the communication acts' sealed documents and the checks' nonces say, in the order of their acts, and
            // the outcome of each attempt to deliver a notice (kept by the node, not part of the log).
            try db.execute(
                sql: """
                    CREATE TABLE communication_record (id INTEGER PRIMARY KEY, record BLOB NOT NULL);
                    CREATE TABLE delivery_attempt (
                        id INTEGER PRIMARY KEY,
                        act_index INTEGER NOT NULL,
                        attempt BLOB NOT NULL
                    );
                    CREATE INDEX delivery_attempt_by_act ON delivery_attempt (act_index);
                    """)
        }
        migrator.registerMigration("v12-sealed-records") { db in
            // The records beside the log in columns of their own (a document as a blob, not a JSON array of numbers).
            try db.execute(
                sql: """
                    CREATE TABLE sealed_record (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('sealed', 'nonces', 'delivered')),
                        act_index INTEGER NOT NULL,
                        document BLOB,
                        detail TEXT,
                        request INTEGER
                    )
                    """)
            try SQLiteSealedRecords.moveFirstSchemaRecords(in: db)
            try db.execute(sql: "DROP TABLE communication_record")
        }
        migrator.registerMigration("v13-sealed-documents-by-act") { db in
            // The content of requests and answers is read from here when a party asks for it, not kept in memory.
            try db.execute(sql: "CREATE INDEX sealed_record_document_by_act ON sealed_record (act_index) WHERE kind = 'sealed'")
        }
        return migrator
    }
}
