import Foundation
import Synchronization
public import TransparencyLog

/// A mirror's copy of a log in a directory, at the log's own paths: `checkpoint`, `tile/<L>/<N>[.p/<W>]` and
/// `tile/entries/<N>[.p/<W>]`. Any static web server that serves the directory at the log's URL prefix serves the log.
///
/// Files are staged in `.incoming/`, each written and `fsync`ed there; publishing renames each into place and then
/// `fsync`s every directory whose names changed; the checkpoint is replaced the same way, after. One process at a time
/// holds the directory (`.lock`); it empties `.incoming/` when it takes it, so what a crashed pass staged is dropped.
public final class MirrorDirectory: MirrorStore {
    /// The lock file, beside the log's files; not part of the log.
    public static let lockFileName = ".lock"
    /// Where files are staged, beside the log's files; not part of the log.
    public static let stagingDirectoryName = ".incoming"

    /// The directory.
    public let path: String
    private let lock: ExclusiveFileLock
    private let staged = Mutex<(files: [(path: String, temporary: String)], count: Int)>(([], 0))

    private var staging: String { path + "/" + Self.stagingDirectoryName }

    /// Takes a directory for this process, creating it if needed.
    /// - Parameter path: The directory: new, empty, or a mirror's.
    /// - Throws: ``CLIError`` when the directory holds other files, or another process holds it.
    public init(path: String) throws {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
        try Self.refuseForeign(self.path)
        do {
            lock = try ExclusiveFileLock(path: self.path + "/" + Self.lockFileName)
        } catch let held as ExclusiveFileLock.Held {
            throw CLIError(
                "the mirror directory \(self.path) is in use by another process\(held.holder.map { " (PID \($0))" } ?? ""); "
                    + "one mirror runs per directory: stop that one first, or give this one another --dir")
        }
        try? FileManager.default.removeItem(atPath: staging)
        _ = try DurableFiles.makeDirectory(staging)
    }

    public func published(_ path: String) async throws -> [UInt8]? {
        try DurableFiles.readFile(self.path + "/" + path)
    }

    public func stage(_ path: String, bytes: [UInt8]) async throws {
        let temporary = staging + "/" + String(staged.withLock { $0.count += 1; return $0.count })
        try DurableFiles.writeFile(bytes, to: temporary)
        staged.withLock { $0.files.append((path, temporary)) }
    }

    public func publishStaged() async throws {
        var changed: Set<String> = []
        for (file, temporary) in staged.withLock({ $0.files }) {
            let parent = try makeParents(of: file, changed: &changed)
            try DurableFiles.moveFile(temporary, to: path + "/" + file)
            changed.insert(parent)
        }
        for directory in changed.sorted(by: { $0.count > $1.count }) { try DurableFiles.syncDirectory(directory) }
        staged.withLock { $0.files = [] }
    }

    public func discardStaged() async throws {
        for (_, temporary) in staged.withLock({ $0.files }) { try? FileManager.default.removeItem(atPath: temporary) }
        staged.withLock { $0.files = [] }
    }

    public func replaceCheckpoint(with note: [UInt8]) async throws {
        let temporary = staging + "/checkpoint"
        try DurableFiles.writeFile(note, to: temporary)
        try DurableFiles.moveFile(temporary, to: path + "/checkpoint")
        try DurableFiles.syncDirectory(path)
    }

    /// Creates the directories above a file that are missing, noting each directory that gains a name; returns the
    /// file's directory.
    private func makeParents(of file: String, changed: inout Set<String>) throws -> String {
        var directory = path
        for component in file.split(separator: "/").dropLast() {
            let next = directory + "/" + component
            if try DurableFiles.makeDirectory(next) { changed.insert(directory) }
            directory = next
        }
        return directory
    }

    /// Refuses a directory that holds anything but a mirror's files.
    private static func refuseForeign(_ path: String) throws {
        let mine: Set = ["checkpoint", "tile", lockFileName, stagingDirectoryName]
        let others = try FileManager.default.contentsOfDirectory(atPath: path).filter { !mine.contains($0) }.sorted()
        guard others.isEmpty else {
            throw CLIError(
                "\(path) holds files that are not a mirror's (\(others.prefix(3).joined(separator: ", "))); "
                    + "give --dir a new or empty directory, or one a mirror made")
        }
    }
}
