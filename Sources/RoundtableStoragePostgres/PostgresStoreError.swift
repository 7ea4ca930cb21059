/// Why a PostgreSQL database could not be used as a Roundtable store.
public enum PostgresStoreError: Error, CustomStringConvertible, Equatable {
    /// The `--database` URL cannot be read.
    case badURL(String)
    /// The server could not be reached or refused the connection.
    case unreachable(url: String, reason: String)
    /// The database holds migrations this version does not know.
    case newerSchema([String])
    /// The database holds tables that are not a Roundtable store's.
    case foreignDatabase([String])
    /// The database holds a row that this version cannot read.
    case corruptRow(String)
    /// An entry is larger than a log entry may be.
    case entryTooLarge(Int)
    /// The server would acknowledge commits before they are on stable storage.
    case notDurable(String)

    public var description: String {
        switch self {
        case .badURL(let why):
            "the database URL cannot be read: \(why)"
        case .unreachable(let url, let reason):
            "cannot connect to \(url) (\(reason)); check that PostgreSQL runs there and that the user may connect to the database"
        case .newerSchema(let migrations):
            "the database was written by a newer version of Roundtable (migrations \(migrations.joined(separator: ", "))); "
                + "run that version or a later one"
        case .foreignDatabase(let tables):
            "the database holds tables that are not Roundtable's (\(tables.prefix(3).joined(separator: ", "))); "
                + "give Roundtable a database of its own (createdb) and name it in the URL"
        case .corruptRow(let what):
            "the database holds an unreadable row (\(what)); restore it from a backup"
        case .entryTooLarge(let size):
            "an entry of \(size) bytes is larger than the 65,535 bytes a log entry may have"
        case .notDurable(let why):
            "the server would acknowledge a commit before it is on stable storage (\(why)); set it back to on in postgresql.conf"
        }
    }
}
