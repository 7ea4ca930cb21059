#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls that make a file's content and its name survive a crash: write then `fsync` the file, `rename` it
/// into place, `fsync` the directory that holds the name.
enum DurableFiles {
    /// Writes a new file (mode 0644, readable by a web server) and `fsync`s it before returning.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create", path) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot write", path) }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush", path) }
    }

    /// Renames a file over another, atomically.
    static func moveFile(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else { throw failure("cannot move a file to", destination) }
    }

    /// `fsync`s a directory, so that the names created or replaced in it survive a crash.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the directory", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush the directory", path) }
    }

    /// Creates a directory (mode 0755) unless it exists; returns whether it created it.
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        guard errno == EEXIST else { throw failure("cannot create the directory", path) }
        return false
    }

    /// A file's bytes, or `nil` when there is no such file; any other failure to read it is an error.
    static func readFile(_ path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            guard errno == ENOENT else { throw failure("cannot read", path) }
            return nil
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read", path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func failure(_ what: String, _ path: String) -> CLIError {
        CLIError("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
