import AsyncHTTPClient
import Foundation
import RoundtableClient

/// Helpers shared by the benchmarks.
enum Bench {
    /// The HTTP client of the benchmarks that make their own requests: it neither asks for nor decompresses a
    /// `Content-Encoding` (unlike `HTTPClient.shared`, which asks for gzip), so that what a benchmark measures depends
    /// on its own headers only. Never shut down.
    static let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(decompression: .disabled))

    /// A fresh temporary directory.
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "roundtable-bench-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `body` and returns the seconds it took.
    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return Figures.seconds(ContinuousClock.now - start)
    }

    /// The `roundtable` executable the benchmarks run as the node: `path` when given, otherwise the one built beside
    /// this executable.
    static func nodeExecutable(_ path: String? = nil) throws -> String {
        if let path { return path }
        let own = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let sibling = own.deletingLastPathComponent().appendingPathComponent("roundtable").path
        guard FileManager.default.isExecutableFile(atPath: sibling) else {
            throw CLIError("\(sibling) not found: build the node too (swift build -c release), or pass --node PATH")
        }
        return sibling
    }

    /// Runs wrk with the given arguments and returns what it printed.
    static func runWrk(_ path: String, _ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIError("\(path) not found: install it with 'apt-get install wrk'") }
        return try run(path, arguments).output
    }

    /// Runs a program to its end and returns its exit status and what it printed on standard output.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTogether(path, [arguments])[0]
    }

    /// Runs a program several times side by side, once with each list of arguments, each to its end; returns the exit
    /// status and standard output of each, in order.
    static func runTogether(_ path: String, _ argumentLists: [[String]]) throws -> [(status: Int32, output: String)] {
        let started = try argumentLists.map { arguments in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            return (process, pipe)
        }
        return started.map { process, pipe in
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
    }

    /// The executable and arguments that run `executable` held to the CPUs `cpus` (a `taskset` list: `0`, `0,1`), or
    /// unchanged when `cpus` is `nil`. `taskset` executes the program in its own process, so its PID is the program's.
    static func command(_ executable: String, _ arguments: [String], cpus: String?) -> (executable: String, arguments: [String]) {
        guard let cpus else { return (executable, arguments) }
        return ("/usr/bin/taskset", ["--cpu-list", cpus, executable] + arguments)
    }

    /// Seconds as whole milliseconds.
    static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    /// The resident set size of a process, in KiB, from /proc.
    static func residentKiB(pid: Int32 = getpid()) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// The CPU time a process has used so far (user and system), in seconds.
    static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.range(of: ") ", options: .backwards)
        else { return nil }
        // After the name: state is field 3, utime and stime are fields 14 and 15, in clock ticks.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A short description of the machine, for the record.
    static var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)"
    }
}
