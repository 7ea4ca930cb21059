import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// A forum of generated members served on a loopback port for the HTTP benchmarks.
struct BenchForum {
    let port: Int
    let keys: [String: NoteSigner]
    let forum: ForumNode<SQLiteForumStore>
    var url: String { "http://127.0.0.1:\(port)" }
    var origin: String { "127.0.0.1:\(port)" }

    init(members: Int, directory: String, rules: Rules = .defaults) async throws {
        port = Int.random(in: 20_000..<60_000)
        let origin = "127.0.0.1:\(port)"
        let keys = try Dictionary(uniqueKeysWithValues: (1...members).map { ("m\($0)", try NoteSigner.generate(name: "m\($0).bench/key")) })
        self.keys = keys
        let founders = try keys.keys.sorted().map { Genesis.Founder(id: try MemberID($0), key: keys[$0]!.verifier, displayName: "Member \($0)") }
        let store = try SQLiteForumStore(path: directory + "/bench.sqlite")
        forum = try await ForumNode.open(
            store: store, nodeSigner: try NoteSigner.generate(name: origin), origin: origin,
            founding: .init(forumName: "Benchmark forum", founders: founders, rules: rules), logger: Logger(label: "bench"))
    }

    /// The member's next `count` acts (``BenchCredentialActs``), after those the forum holds.
    func acts(member: String, count: Int) throws -> [[UInt8]] {
        guard let state = forum.state.members[try MemberID(member)] else { throw CLIError("the benchmark forum has no member \(member)") }
        return try BenchCredentialActs.make(origin: origin, member: member, key: keys[member]!, count: count, from: .init(state))
    }

    /// Serves the forum while `body` runs.
    func serving<T: Sendable>(
        checkpointInterval: Duration? = .seconds(1),
        clerkInterval: Duration? = nil,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = try buildApplication(
            configuration: .init(port: port, checkpointInterval: checkpointInterval, clerkInterval: clerkInterval),
            forum: forum,
            logger: logger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            try await Self.waitForHealth(url: url)
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    static func waitForHealth(url: String, seconds: Int = 10) async throws {
        for _ in 0..<(seconds * 20) {
            if (try? await NodeHTTP.get(url + "/healthz", timeout: 1))?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIError("the benchmark node did not start on \(url)")
    }
}
