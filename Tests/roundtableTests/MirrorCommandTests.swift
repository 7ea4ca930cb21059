import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

@Suite("roundtable mirror against a live node")
struct MirrorCommandTests {
    /// The files of the log in a mirror's directory, by path below it; the mirror's own (`.lock`, `.incoming/`) left out.
    static func logFiles(in directory: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            if enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.append(path) }
        }
        return files.sorted()
    }

    /// The sample nginx site of docs/witnesses.md ("Mirrors"), listening where the test says and serving `root`.
    static func documentedSite(root: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: repository.appendingPathComponent("docs/witnesses.md"), encoding: .utf8)
        let section = try #require(text.range(of: "## Mirrors")).upperBound
        let start = try #require(text.range(of: "```nginx\n", range: section..<text.endIndex)).upperBound
        let end = try #require(text.range(of: "\n```", range: start..<text.endIndex)).lowerBound
        let site = String(text[start..<end])
        #expect(site.contains("listen 80;") && site.contains("root /var/www/roundtable-mirror;"))
        return site.replacingOccurrences(of: "listen 80;", with: "listen LISTEN;").replacingOccurrences(of: "/var/www/roundtable-mirror", with: root)
    }

    @Test(
        """
        a mirror of a live node, kept up to date and served by a real nginx with the documented site, is the log byte for byte: \
        the log and forum audits pass through nginx, the forum's even once the node is gone
        """,
        .enabled(if: NginxProcess.executable != nil, "nginx is not installed: apt-get install nginx (scripts/test.sh installs it)")
    )
    func servedByNginx() async throws {
        let live = try await LiveForum(name: "mirror-nginx")
        defer { live.remove() }
        let www = live.directory + "/www"
        let dir = www + "/log"
        try await live.submit(300)
        try await MirrorCommand.parse(live.mirrorArguments(dir)).run()
        let first = try await live.checkpoint().size
        try await live.submit(20)
        try await MirrorCommand.parse(live.mirrorArguments(dir)).run()

        let files = try Self.logFiles(in: dir)
        #expect(files.contains("checkpoint") && files.contains("tile/0/000") && files.contains("tile/entries/000"))
        #expect(files.contains("tile/entries/001.p/\(first - 256)"), "the first pass's partial bundle was kept")
        for path in files {
            let held = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path)))
            let (status, served) = try await getBytes(live.logURL + "/" + path)
            #expect(status == .ok && served == held, "\(path)")
        }

        let nginx = try await NginxProcess(server: try Self.documentedSite(root: www), directory: live.directory)
        for path in files {
            let held = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path)))
            let reply = try await NodeHTTP.get(nginx.url + "/log/" + path)
            #expect(reply.status == .ok && reply.body == held, "\(path)")
        }
        let checkpoint = try await NodeHTTP.get(nginx.url + "/log/checkpoint")
        #expect(checkpoint.headers.first(name: "Content-Type") == "text/plain; charset=utf-8")
        #expect(try await NodeHTTP.get(nginx.url + "/log/.lock").status == .notFound)
        try await LogAudit.parse(["--url", nginx.url + "/log", "--vkey", live.vkey]).run()

        #expect(live.node.stop() == 0)
        try await Audit.parse(["--url", nginx.url, "--vkey", live.vkey]).run()
        #expect(nginx.stop() == 0)
    }

    @Test(
        """
        --watch follows the node until SIGTERM; the exit status tells a log that fails verification (1) from wrong usage (2) \
        and a pass that could not complete (3), and the copy is kept each time
        """
    )
    func watchAndExitStatuses() async throws {
        let live = try await LiveForum(name: "mirror-watch")
        defer { live.remove() }
        let dir = live.directory + "/mirror"
        try await live.submit(5)
        let watcher = Process()
        watcher.executableURL = NodeProcess.executable
        watcher.arguments = ["mirror"] + live.mirrorArguments(dir) + ["--watch", "--interval", "1"]
        watcher.standardOutput = FileHandle.nullDevice
        try watcher.run()
        defer { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }
        for _ in 0..<2 {
            try await waitUntil {
                let note = try await live.checkpoint().note
                return FileManager.default.contents(atPath: dir + "/checkpoint").map(Array.init) == note
            }
            try await live.submit(5)
        }
        try await waitUntil { FileManager.default.contents(atPath: dir + "/checkpoint").map(Array.init) == (try await live.checkpoint().note) }
        kill(watcher.processIdentifier, SIGTERM)
        watcher.waitUntilExit()
        #expect(watcher.terminationReason == .exit && watcher.terminationStatus == 0)

        let kept = try Data(contentsOf: URL(fileURLWithPath: dir + "/checkpoint"))
        let roundtable = NodeProcess.executable.path
        let origin = String(live.vkey.split(separator: "+")[0])
        let otherKey = try NoteSigner.generate(name: origin).verifier.description
        let refused = try Tool.status(roundtable, ["mirror", "--url", live.logURL, "--vkey", otherKey, "--dir", dir])
        #expect(refused.0 == 1 && refused.1.contains("REFUSED") && refused.1.contains("left as it was"), "\(refused.1)")
        let usage = try Tool.status(roundtable, ["mirror"] + live.mirrorArguments(dir) + ["--interval", "5"])
        #expect(usage.0 == 2 && usage.1.contains("--interval goes with --watch"), "\(usage.1)")
        let foreign = live.directory + "/data"
        #expect(try Tool.status(roundtable, ["mirror"] + live.mirrorArguments(foreign)).0 == 2)
        // A server that answers with an error rather than the log (a closed port would make the HTTP client retry
        // connecting until its 60-second deadline).
        let failing = try Tool.status(roundtable, ["mirror", "--url", live.node.url + "/api/v1/acts", "--vkey", live.vkey, "--dir", dir])
        #expect(failing.0 == 3 && failing.1.contains("could not complete"), "\(failing.1)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/checkpoint")) == kept)
        #expect(live.node.stop() == 0)
    }

    /// A system call the mirror made that orders its writes.
    enum Call: Equatable {
        case sync(String)
        case rename(String, String)
    }

    /// The `fsync` and `rename` calls in an strace output (`strace -f -y`), in order.
    static func calls(in trace: String) -> [Call] {
        trace.split(separator: "\n").compactMap { line -> Call? in
            guard line.hasSuffix(" = 0") else { return nil }
            if let match = line.firstMatch(of: /fsync\(\d+<([^>]+)>\)/) { return .sync(String(match.1)) }
            guard line.contains("rename") else { return nil }
            let paths = line.matches(of: /"([^"]*)"/).map { String($0.1) }
            return paths.count == 2 ? .rename(paths[0], paths[1]) : nil
        }
    }

    @Test(
        """
        strace shows every tile and bundle written and fsynced, renamed into place and its directories fsynced before the \
        checkpoint is renamed over the old one, last, and its directory fsynced
        """,
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "strace is not installed (scripts/test.sh installs it)")
    )
    func writeOrder() async throws {
        let live = try await LiveForum(name: "mirror-trace")
        defer { live.remove() }
        try await live.submit(10)
        let dir = URL(fileURLWithPath: live.directory).resolvingSymlinksInPath().path + "/mirror"
        let trace = live.directory + "/trace"
        let arguments = ["-f", "-y", "-e", "trace=fsync,rename,renameat,renameat2", "-o", trace, NodeProcess.executable.path, "mirror"]
        try Tool.run("/usr/bin/strace", arguments + live.mirrorArguments(dir))

        let calls = Self.calls(in: try String(contentsOfFile: trace, encoding: .utf8))
        let replaced = try #require(calls.lastIndex { if case .rename(_, dir + "/checkpoint") = $0 { true } else { false } })
        #expect(calls[..<replaced].contains(.sync(dir + "/.incoming/checkpoint")))
        #expect(calls[replaced...].contains(.sync(dir)))
        var placed = 0
        for (index, call) in calls.enumerated() {
            guard case .rename(let staged, let file) = call, file != dir + "/checkpoint" else { continue }
            placed += 1
            #expect(index < replaced && calls[..<index].contains(.sync(staged)), "\(file) was synced before it was renamed")
            var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
            while directory.path.count >= dir.count {
                #expect(calls[index..<replaced].contains(.sync(directory.path)), "\(directory.path) was synced before the checkpoint")
                directory.deleteLastPathComponent()
            }
        }
        #expect(placed == (try Self.logFiles(in: dir)).count - 1)
    }
}
