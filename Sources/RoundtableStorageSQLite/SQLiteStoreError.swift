/// Why a SQLite database could not be used as a Roundtable store.
public enum SQLiteStoreError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or read as a SQLite database.
    case unreadable(path: String, reason: String)
    /// The database holds migrations this version does not know.
    case newerSchema
    /// The database holds a row that this version cannot read.
    case corruptRow(String)
    /// An entry is larger than a log entry may be.
    case entryTooLarge(Int)
    /// The connection that writes does not commit durably.
    case notDurable(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot open \(path) as a Roundtable database (\(reason)); restore it from a backup or start with a new data directory"
        case .newerSchema:
            "the database was written by a newer version of Roundtable; run that version or a later one"
        case .corruptRow(let what):
            "the database holds an unreadable row (\(what)); restore it from a backup"
        case .entryTooLarge(let size):
            "an entry of \(size) bytes is larger than the 65,535 bytes a log entry may have"
        case .notDurable(let why):
            "the database would not commit durably (\(why)); check the SQLite library and the file system"
        }
    }
}
