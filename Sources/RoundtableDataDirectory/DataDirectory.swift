import Foundation
import RoundtableClient
public import RoundtableStorageSQLite
public import TransparencyLog

/// A node's data directory: the node key (`node.key`, mode 0600), the SQLite database (`roundtable.sqlite`) and the
/// operator's token (`admin.token`, mode 0600).
///
/// A new directory, or an empty one, is set up on first use; one that holds only part of a node, or other files, is
/// refused with a message that says what is wrong.
///
/// A process holds the directory's lock (``DataDirectoryLock``) from the moment it makes a `DataDirectory` until the
/// value is gone: a second process is refused before it reads or writes anything of the node.
public struct DataDirectory {
    /// The node key's file.
    public static let keyFileName = "node.key"
    /// The SQLite database's file.
    public static let databaseFileName = "roundtable.sqlite"
    /// The operator's token's file.
    public static let adminTokenFileName = "admin.token"

    /// The directory.
    public let path: String
    private let lock: DataDirectoryLock

    /// Takes the directory for this process, creating it if needed.
    /// - Parameter path: The directory.
    /// - Throws: ``CLIError`` when the directory holds files that are not a node's, or another process holds it.
    public init(path: String) throws {
        self.path = path
        try Self.refuseForeign(path)
        lock = try DataDirectoryLock(directory: path)
    }

    /// Where the node key is.
    public var keyPath: String { path + "/" + Self.keyFileName }
    /// Where the database is.
    public var databasePath: String { path + "/" + Self.databaseFileName }
    /// Where the operator's token is.
    public var adminTokenPath: String { path + "/" + Self.adminTokenFileName }

    /// The operator's token for `/api/v1/admin/…` (`admin.token`, mode 0600), created on first use.
    public func adminToken() throws -> String {
        if let data = FileManager.default.contents(atPath: adminTokenPath) {
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let token = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
        try KeyFile.write(Data((token + "\n").utf8), to: adminTokenPath)
        return token
    }

    /// Whether the directory holds no node yet.
    public var isNew: Bool { !FileManager.default.fileExists(atPath: keyPath) && !FileManager.default.fileExists(atPath: databasePath) }

    /// Opens the directory, creating the node key and database when it is new.
    /// - Parameter keyName: The node key's name, used only when the key is created.
    /// - Returns: The node key and the store.
    public func open(keyName: String) throws -> (signer: NoteSigner, store: SQLiteForumStore) {
        let files = FileManager.default
        try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let hasKey = files.fileExists(atPath: keyPath)
        let hasDatabase = files.fileExists(atPath: databasePath)
        switch (hasKey, hasDatabase) {
        case (false, false):
            try KeyFile.write(try NoteSigner.generate(name: keyName), to: keyPath)
        case (true, false):
            throw CLIError(
                "\(path) has a node key but no \(Self.databaseFileName); restore the database from a backup, or start with a new data directory"
            )
        case (false, true):
            throw CLIError("\(path) has a database but no \(Self.keyFileName); restore the node key from a backup")
        case (true, true):
            break
        }
        let signer = try KeyFile.read(keyPath)
        do { return (signer, try SQLiteForumStore(path: databasePath)) } catch {
            throw CLIError("\(error)")
        }
    }

    /// Makes a new SQLite database beside an existing node key, for a forum copied in from another store
    /// (`roundtable store copy`).
    /// - Returns: The node key and the new, empty store.
    /// - Throws: ``CLIError`` when there is no node key, or a database is there already.
    public func openNewDatabase() throws -> (signer: NoteSigner, store: SQLiteForumStore) {
        guard FileManager.default.fileExists(atPath: keyPath) else {
            throw CLIError("\(path) has no \(Self.keyFileName): copy into the data directory that holds the forum's node key")
        }
        guard !FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError("\(path) holds a \(Self.databaseFileName) already; move it away first")
        }
        let signer = try KeyFile.read(keyPath)
        do { return (signer, try SQLiteForumStore(path: databasePath)) } catch { throw CLIError("\(error)") }
    }

    /// Opens the node key of a forum whose database is elsewhere (PostgreSQL), creating the key for a new forum; the
    /// directory then holds the node key and the operator's token, and no database of its own.
    /// - Parameters:
    ///   - keyName: The node key's name, used only when the key is created.
    ///   - database: The database, as it is named in messages.
    ///   - databaseHoldsForum: Whether the database holds a forum already.
    /// - Throws: ``CLIError`` when the directory and the database do not belong together: a key without a forum, a
    ///   forum without its key, or a SQLite database beside the key.
    public func openKey(keyName: String, database: String, databaseHoldsForum: Bool) throws -> NoteSigner {
        let files = FileManager.default
        try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard !files.fileExists(atPath: databasePath) else {
            throw CLIError(
                "\(path) holds a SQLite database (\(Self.databaseFileName)) and --database names \(database): the forum would be in two places. "
                    + "Copy it (roundtable store copy --from \(path) --to URL), then move \(Self.databaseFileName) out of \(path)")
        }
        switch (files.fileExists(atPath: keyPath), databaseHoldsForum) {
        case (false, false):
            try KeyFile.write(try NoteSigner.generate(name: keyName), to: keyPath)
        case (true, false):
            throw CLIError(
                "\(path) has a node key but \(database) holds no forum; name the database this node wrote, or start with a new data directory")
        case (false, true):
            throw CLIError("\(database) holds a forum but \(path) has no \(Self.keyFileName); restore the node key from a backup")
        case (true, true):
            break
        }
        return try KeyFile.read(keyPath)
    }

    /// Refuses a directory that holds no node but other files, before anything is written into it.
    private static func refuseForeign(_ path: String) throws {
        let files = FileManager.default
        guard let contents = try? files.contentsOfDirectory(atPath: path), !contents.contains(keyFileName), !contents.contains(databaseFileName)
        else { return }
        let others = contents.filter { !$0.hasPrefix(".") && $0 != "demo-keys" && $0 != DataDirectoryLock.fileName }
        guard others.isEmpty else {
            let listed = others.sorted().prefix(3).joined(separator: ", ")
            throw CLIError("\(path) is not a Roundtable data directory (it holds \(listed)); choose an empty or new directory")
        }
    }
}
