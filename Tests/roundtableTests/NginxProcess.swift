import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real nginx serving a directory on loopback, run in the foreground as the test's child (`daemon off`, one worker)
/// and stopped by its PID; never left running.
///
/// The master process stays: it waits for signals with none blocked, whereas nginx alone (`master_process off`) keeps
/// the signal mask it inherits, and a test's thread blocks SIGQUIT and SIGTERM. Stopping the master with SIGQUIT stops
/// the worker first.
///
/// nginx cannot be told to bind port 0 and report the port it got, as `roundtable serve --port-file` does, so this is
/// the one place where a test picks a port: it binds a socket to port 0, reads the port the system chose, closes the
/// socket and starts nginx on that port. Another process may take the port in between; nginx then fails to bind and
/// exits, and the next free port is tried, a few times.
final class NginxProcess {
    /// The nginx executable, if one is installed.
    static var executable: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let process: Process
    let port: Int
    private let output: URL

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts nginx with a `server { … }` block; waits until it answers.
    /// - Parameters:
    ///   - server: The server block; `LISTEN` in it is replaced with the loopback address and port chosen.
    ///   - directory: A directory for nginx's configuration, PID and temporary files.
    init(server: String, directory: String) async throws {
        guard let executable = Self.executable else { throw NodeProcessError("nginx is not installed") }
        output = URL(fileURLWithPath: directory + "/nginx.log")
        var failures: [String] = []
        for _ in 0..<5 {
            let port = try Self.freePort()
            let configuration = directory + "/nginx.conf"
            try Self.configuration(server: server.replacingOccurrences(of: "LISTEN", with: "127.0.0.1:\(port)"), directory: directory)
                .write(toFile: configuration, atomically: true, encoding: .utf8)
            let candidate = try Self.start(executable, configuration: configuration, output: output)
            if try await Self.answers(candidate, port: port) {
                self.port = port
                process = candidate
                return
            }
            failures.append((try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        throw NodeProcessError("nginx did not start: \(failures.joined(separator: "\n"))")
    }

    /// Stops nginx (SIGQUIT, its graceful shutdown) and returns its exit status.
    func stop() -> Int32 {
        kill(process.processIdentifier, SIGQUIT)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { _ = stop() }
    }

    /// A whole configuration around one server block, with every path nginx writes inside `directory`, so that it
    /// runs as any user.
    private static func configuration(server: String, directory: String) -> String {
        let temporary = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "    \($0)_temp_path \(directory)/\($0);" }
        // As root, the worker runs as root too rather than as nobody, who may not read a test's directory.
        let user = getuid() == 0 ? ["user root;"] : []
        let main = ["daemon off;", "worker_processes 1;", "pid \(directory)/nginx.pid;", "error_log stderr notice;"]
        return (main + user + ["events { worker_connections 64; }", "http {", "    access_log off;"] + temporary + [server, "}"])
            .joined(separator: "\n")
    }

    private static func start(_ executable: String, configuration: String, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-e", "stderr", "-c", configuration]
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Whether nginx answers on the port (not another server that took it); `false` once it has exited.
    private static func answers(_ process: Process, port: Int) async throws -> Bool {
        for _ in 0..<400 {
            guard process.isRunning else { return false }
            if let answer = try? RawConnection.get("/", port: port), answer.contains("Server: nginx") { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        process.waitUntilExit()
        return false
    }

    /// A loopback port that was free a moment ago: the one the system gives a socket bound to port 0.
    private static func freePort() throws -> Int {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw NodeProcessError("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw NodeProcessError("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
