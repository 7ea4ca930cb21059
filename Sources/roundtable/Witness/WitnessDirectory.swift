import Foundation
import RoundtableClient
import RoundtableDataDirectory
import RoundtableStorageSQLite
import RoundtableWitness

/// A witness's data directory: the SQLite file `witness.sqlite` (the logs cosigned for and, per log, the latest
/// checkpoint cosigned) and the lock `roundtable.lock`.
///
/// Like a node's, the directory is one process's: every `roundtable witness` command that opens it takes the lock
/// first, so the configuration changes only while the witness is stopped. A directory holding anything else (a node's
/// files, for one) is refused before anything is written to it.
struct WitnessDirectory {
    /// The database's file.
    static let databaseFileName = "witness.sqlite"

    /// The directory.
    let path: String
    private let lock: DataDirectoryLock

    /// Takes the directory for this process, creating it if needed.
    /// - Parameter path: The directory.
    /// - Throws: ``CLIError`` when the directory holds other files, or another process holds it.
    init(path: String) throws {
        self.path = path
        try Self.refuseForeign(path)
        lock = try DataDirectoryLock(directory: path)
    }

    /// Opens the witness's store, creating it if needed.
    func openStore() throws -> SQLiteWitnessStore {
        do { return try SQLiteWitnessStore(path: path + "/" + Self.databaseFileName) } catch { throw CLIError("\(error)") }
    }

    private static func refuseForeign(_ path: String) throws {
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        let own = [databaseFileName, databaseFileName + "-wal", databaseFileName + "-shm", DataDirectoryLock.fileName]
        let others = contents.filter { !$0.hasPrefix(".") && !own.contains($0) }
        guard others.isEmpty else {
            let listed = others.sorted().prefix(3).joined(separator: ", ")
            throw CLIError("\(path) is not a witness data directory (it holds \(listed)); give the witness a directory of its own")
        }
    }
}
