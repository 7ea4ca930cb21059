import Foundation
import RoundtableClient
import Synchronization

/// `roundtable-bench connections --flood-port PORT` run as a child process: the idle clients of
/// ``BenchConnections``, with an open-file limit of their own. It prints `held connects closed failed` four times a
/// second; this reads the latest line.
final class IdleFloodProcess: Sendable {
    private let process: Process
    private let latest = Latest()

    /// The child's latest line, read by one thread and written by another.
    private final class Latest: Sendable {
        let numbers = Mutex<[Int]>([0, 0, 0, 0])
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
                    let numbers = line.split(separator: " ").compactMap { Int($0) }
                    if numbers.count == 4 { latest.numbers.withLock { $0 = numbers } }
                }
            }
        }
    }

    /// The connections the idle clients hold now.
    var held: Int { latest.numbers.withLock { $0[0] } }

    /// The idle clients' latest tally, in words.
    var lastLine: String {
        let numbers = latest.numbers.withLock { $0 }
        return "held \(numbers[0]), connections made \(numbers[1]), closed by the node \(numbers[2]), connection attempts failed \(numbers[3])"
    }

    /// Stops the child and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
