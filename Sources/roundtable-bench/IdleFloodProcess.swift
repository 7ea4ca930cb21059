import Foundation
import RoundtableClient
import Synchronization

/// `roundtable-bench connections --flood-port PORT` run as a child process: the idle clients of
/// ``BenchConnections``, with an open-file limit of their own. It prints its ``ConnectionFlood/Tally`` as a line four
/// times a second; this reads the latest one.
final class IdleFloodProcess: Sendable {
    private let process: Process
    private let latest = Latest()

    /// The child's latest tally, read by one thread and written by another.
    private final class Latest: Sendable {
        let tally = Mutex(ConnectionFlood.Tally())
    }

    /// Starts the child against the node on `port`.
    init(port: Int, connections: Int, rampRate: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["connections", "--flood-port", "\(port)", "--idle", "\(connections)", "--ramp-rate", "\(rampRate)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        self.process = process
        try process.run()
        let latest = self.latest
        Thread.detachNewThread {
            var pending = Data()
            let handle = pipe.fileHandleForReading
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    if let tally = ConnectionFlood.Tally(line: line[...]) { latest.tally.withLock { $0 = tally } }
                }
            }
        }
    }

    /// The connections the idle clients hold now.
    var held: Int { latest.tally.withLock { $0.held } }

    /// The idle clients' latest tally, in words.
    var lastLine: String { latest.tally.withLock { $0 }.description }

    /// Stops the child and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
