import Foundation

/// The fsync and fdatasync calls of a process run under strace: where durability is shown at the system level, by the
/// process's own system calls, rather than by reading a setting.
enum SyncTrace {
    /// The tracer command, to which the trace file's path is appended (``NodeProcess``'s `tracer`).
    /// - Parameter file: Where strace writes the trace.
    static func tracer(writingTo file: String) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else {
            throw NodeProcessError("strace is needed (apt-get install strace; scripts/test.sh installs it)")
        }
        return ["/usr/bin/strace", "-f", "-ttt", "-y", "-e", "trace=fsync,fdatasync", "-o", file]
    }

    /// The times, in seconds since 1970, at which the traced process synced a file.
    /// - Parameters:
    ///   - trace: The trace file.
    ///   - fileSuffix: The end of the synced file's path as strace prints it, for example `roundtable.sqlite-wal>`.
    static func syncs(in trace: String, of fileSuffix: String) throws -> [Double] {
        try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").compactMap { line -> Double? in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, fields[2].contains("sync("), fields[2].contains(fileSuffix) else { return nil }
            return Double(fields[1])
        }
    }
}
