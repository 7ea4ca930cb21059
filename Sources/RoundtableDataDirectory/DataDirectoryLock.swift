import Foundation
import RoundtableClient

/// The exclusive lock that makes a data directory one process's: `roundtable.lock` in the directory, an
/// ``ExclusiveFileLock`` held for as long as the process lives and holding its PID.
///
/// The operating system releases the lock when the process ends, however it ends (`kill -9` included), so a stale
/// lock file never blocks a restart. Processes that only read the database (`sqlite3 … .backup`) do not take it. A
/// node's directory (``DataDirectory``) and a witness's both hold one.
public final class DataDirectoryLock: Sendable {
    /// The lock file's name in the directory.
    public static let fileName = "roundtable.lock"

    private let lock: ExclusiveFileLock

    /// Takes the lock, creating the directory and the lock file if needed.
    /// - Parameter directory: The data directory.
    /// - Throws: ``CLIError`` naming the directory and, where the lock file says, the PID of the process holding it.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            lock = try ExclusiveFileLock(path: directory + "/" + Self.fileName)
        } catch let held as ExclusiveFileLock.Held {
            throw CLIError(
                "the data directory \(directory) is in use by another Roundtable process\(held.holder.map { " (PID \($0))" } ?? ""); "
                    + "one process runs per data directory: stop that one first, or give this one another --data")
        }
    }
}
