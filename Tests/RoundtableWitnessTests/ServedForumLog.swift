import Hummingbird
import HummingbirdTesting
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Synchronization
import TransparencyLog

/// A forum's log served over HTTP on a loopback port by the node's own log code (`ForumLog`, `LogController`), from
/// entries held in memory and published up to the sizes a test chooses: the tiles and the checkpoint always match the
/// entries, whatever they are. It records the entry bundles requested.
struct ServedForumLog: Sendable {
    /// The node's log.
    let log: ForumLog<InMemoryForumStore>
    /// Every entry the log can publish.
    let entries: [[UInt8]]
    private let requests = Requests()

    /// Creates a log of entries.
    /// - Parameters:
    ///   - entries: The entries, forged or not.
    ///   - nodeSigner: The node key, which signs the checkpoints under the log's origin.
    ///   - forumOrigin: The forum's origin.
    init(entries: [[UInt8]], nodeSigner: NoteSigner, forumOrigin: String = "forum.test") throws {
        self.entries = entries
        log = try ForumLog(store: InMemoryForumStore(entries: entries), nodeSigner: nodeSigner, forumOrigin: forumOrigin)
    }

    /// The log's key, as a witness trusts it.
    var key: NoteVerifier { log.signer.verifier }

    /// The log's origin.
    var origin: String { log.origin }

    /// Integrates the entries up to `size` into the tiles and bundles served, if they are not yet.
    func integrate(upTo size: UInt64) async throws { _ = try await log.integrateAndPublish(upTo: size) }

    /// Integrates the first `size` entries (if not yet) and returns the `add-checkpoint` body of their checkpoint,
    /// signed with the log's key, proven from `old`.
    func request(old: UInt64, size: UInt64) async throws -> [UInt8] {
        try await integrate(upTo: size)
        let leaves = LeafHashes(entries.prefix(Int(size)).map(MerkleHasher.leafHash))
        let checkpoint = Checkpoint(origin: origin, size: size, root: try leaves.rootHash(size: size))
        let proof = old == 0 ? [] : try MerkleProof.consistency(from: old, to: size, source: leaves)
        let note = try SignedNote.sign(text: checkpoint.text, with: [log.signer]).bytes
        return AddCheckpointRequest(oldSize: old, proof: proof, checkpoint: note).bytes
    }

    /// The paths of the entry bundles requested since the last call, in order.
    func takeBundleRequests() -> [String] { requests.take().filter { $0.hasPrefix("/log/tile/entries/") } }

    /// Serves the log while `body` runs, with the log's URL prefix.
    func serve<Value: Sendable>(_ body: @Sendable (String) async throws -> Value) async throws -> Value {
        let router = Router()
        router.addMiddleware { RecordingMiddleware(requests: requests) }
        LogController(log: log).addRoutes(log: router.group("log"), acts: router.group("api/v1/acts"), api: router.group("api/v1"))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)/log") }
    }

    /// The paths requested, in order.
    final class Requests: Sendable {
        private let paths = Mutex<[String]>([])
        func append(_ path: String) { paths.withLock { $0.append(path) } }
        func take() -> [String] { paths.withLock { paths in defer { paths = [] }; return paths } }
    }

    struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
        let requests: Requests

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            requests.append(request.uri.path)
            return try await next(request, context)
        }
    }
}
