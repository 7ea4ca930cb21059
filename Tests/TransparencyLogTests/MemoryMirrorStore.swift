import Synchronization
import TransparencyLog

/// A mirror's copy in memory that serves its published files as a log, so that the copy itself can be audited.
///
/// The next `publishStaged()` can be made to fail after a number of files, as a crash between two renames would leave
/// the copy.
final class MemoryMirrorStore: MirrorStore, LogFetcher {
    private let state = Mutex<(published: [String: [UInt8]], staged: [(String, [UInt8])], crashAfter: Int?)>(([:], [], nil))

    /// Makes the next publication put `count` staged files in place, then fail.
    func crashNextPublication(after count: Int) { state.withLock { $0.crashAfter = count } }

    /// Every published file, by path.
    var files: [String: [UInt8]] { state.withLock { $0.published } }
    /// How many files are staged.
    var stagedCount: Int { state.withLock { $0.staged.count } }

    func published(_ path: String) async throws -> [UInt8]? { files[path] }

    func stage(_ path: String, bytes: [UInt8]) async throws { state.withLock { $0.staged.append((path, bytes)) } }

    func publishStaged() async throws {
        try state.withLock { state in
            for (count, (path, bytes)) in state.staged.enumerated() {
                if count == state.crashAfter {
                    state.crashAfter = nil
                    throw SimulatedCrash()
                }
                state.published[path] = bytes
            }
            state.staged = []
        }
    }

    func discardStaged() async throws { state.withLock { $0.staged = [] } }

    func replaceCheckpoint(with note: [UInt8]) async throws { state.withLock { $0.published["checkpoint"] = note } }

    func fetch(_ path: String) async throws -> [UInt8]? { files[path] }
}

/// A log fetcher that records every path asked for, and can fail after a number of fetches as a network that drops.
final class RecordingFetcher: LogFetcher {
    private let log: any LogFetcher
    private let limit: Int?
    private let requests = Mutex<[String]>([])

    /// Wraps a log.
    /// - Parameters:
    ///   - log: The log.
    ///   - limit: How many fetches succeed before every fetch fails; no limit if `nil`.
    init(_ log: any LogFetcher, failingAfter limit: Int? = nil) {
        self.log = log
        self.limit = limit
    }

    /// The paths fetched, in order.
    var paths: [String] { requests.withLock { $0 } }

    func fetch(_ path: String) async throws -> [UInt8]? {
        let count = requests.withLock { $0.append(path); return $0.count }
        if let limit, count > limit { throw SimulatedCrash() }
        return try await log.fetch(path)
    }
}

/// The failure a test injects.
struct SimulatedCrash: Error {}
