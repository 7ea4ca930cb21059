import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import RoundtableDomain
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

    /// Acts that leave the state small: each member adds then revokes one token, alternately.
    func acts(member: String, count: Int, firstSequence: UInt64 = 1) throws -> [[UInt8]] {
        try (0..<count).map { offset in
            let sequence = firstSequence + UInt64(offset)
            var digest = [UInt8](repeating: 0, count: 32)
            withUnsafeBytes(of: sequence.bigEndian) { digest.replaceSubrange(0..<8, with: $0) }
            digest.replaceSubrange(8..<(8 + member.utf8.count), with: member.utf8)
            let change: CredentialChange = sequence % 2 == 1 ? .addToken(try APIToken(label: "t", sha256: digest)) : .revokeToken(label: "t")
            let act = Act(origin: origin, actor: .member(try MemberID(member)), sequence: sequence, body: .credential([change]))
            return try act.signed(by: [keys[member]!]).bytes
        }
    }

    /// Serves the forum while `body` runs.
    func serving<T: Sendable>(checkpointInterval: Duration? = .seconds(1), clerkInterval: Duration? = nil, _ body: @Sendable () async throws -> T) async throws -> T {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = try buildApplication(configuration: .init(port: port, checkpointInterval: checkpointInterval, clerkInterval: clerkInterval), forum: forum, logger: logger)
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

    static func waitForHealth(url: String) async throws {
        for _ in 0..<200 {
            if (try? await NodeHTTP.get(url + "/healthz", timeout: 1))?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIError("the benchmark node did not start on \(url)")
    }
}
