import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, held for as long as the value lives; the file holds the holder's PID.
///
/// The operating system releases the lock when the process ends, however it ends (`kill -9` included), so a stale
/// lock file never blocks a restart.
public final class ExclusiveFileLock: Sendable {
    /// Another process holds the lock.
    public struct Held: Error {
        /// The PID the lock file names, if its holder wrote one.
        public let holder: Int32?
    }

    private let descriptor: Int32

    /// Takes the lock, creating the lock file (mode 0600) if needed.
    /// - Parameter path: The lock file.
    /// - Throws: ``Held`` when another process holds the lock; ``CLIError`` when the file cannot be opened or locked.
    public init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            guard reason == EWOULDBLOCK else { throw CLIError("cannot lock \(path): \(String(cString: strerror(reason)))") }
            throw Held(holder: Self.holder(path))
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
