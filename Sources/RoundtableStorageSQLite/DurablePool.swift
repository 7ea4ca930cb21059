package import GRDB

/// Opens SQLite databases in WAL mode with `synchronous = FULL` on the connection that writes, so that a commit is
/// on stable storage (the WAL `fsync`ed) before it returns.
///
/// GRDB's `DatabasePool` sets `synchronous = NORMAL` on its writer while it sets up WAL mode, *after*
/// `Configuration.prepareDatabase` has run, so a pragma set there holds on the readers only. This sets it again on the
/// writer once the pool exists and reads it back on that same connection.
package enum DurablePool {
    /// SQLite's value of `PRAGMA synchronous` for `FULL`.
    static let full = 2

    /// Opens a pool whose writer commits durably.
    /// - Parameters:
    ///   - path: The database file's path.
    ///   - configuration: GRDB's configuration; its `prepareDatabase` runs on every connection as usual.
    /// - Throws: GRDB's errors, or ``SQLiteStoreError/notDurable(_:)`` if the writer does not keep `FULL`.
    package static func open(path: String, configuration: Configuration = Configuration()) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            let setting = try Int.fetchOne(db, sql: "PRAGMA synchronous")
            guard setting == full else {
                throw SQLiteStoreError.notDurable("PRAGMA synchronous is \(setting.map(String.init) ?? "unknown") on the writer")
            }
        }
        return pool
    }

    /// Reads a pragma on the pool's writer, the connection whose settings decide durability.
    package static func writerPragma(_ name: String, of pool: DatabasePool) throws -> String? {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
