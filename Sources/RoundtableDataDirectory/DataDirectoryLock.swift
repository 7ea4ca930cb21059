import Foundation
import RoundtableClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock that makes a data directory one process's: `roundtable.lock` in the directory, locked with
/// `flock` for as long as the process lives and holding its PID.
///
/// The operating system releases the lock when the process ends, however it ends (`kill -9` included), so a stale
/// lock file never blocks a restart. Processes that only read the database (`sqlite3 … .backup`) do not take it. A
/// node's directory (``DataDirectory``) and a witness's both hold one.
public final class DataDirectoryLock: Sendable {
    /// The lock file's name in the directory.
    public static let fileName = "roundtable.lock"

    private let descriptor: Int32

    /// Takes the lock, creating the directory and the lock file if needed.
    /// - Parameter directory: The data directory.
    /// - Throws: ``CLIError`` naming the directory and, where the lock file says, the PID of the process holding it.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = directory + "/" + Self.fileName
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.holder(path)
            close(descriptor)
            guard reason == EWOULDBLOCK else { throw CLIError("cannot lock \(path): \(String(cString: strerror(reason)))") }
            throw CLIError(
                "the data directory \(directory) is in use by another Roundtable process\(holder.map { " (PID \($0))" } ?? ""); "
                    + "one process runs per data directory: stop that one first, or give this one another --data")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The PID written in a lock file by the process that holds it, if it wrote one.
    private static func holder(_ path: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit { close(descriptor) }
}
