import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableNode

@Suite("The transparency log over HTTP")
struct LogEndpointTests {
    let forum = try! TestForum()

    /// A node with the genesis and `count` accepted acts, integrated and published.
    func makeNode(acts count: Int) async throws -> (ForumNode<InMemoryForumStore>, [[UInt8]]) {
        let node = try await forum.open(on: InMemoryForumStore())
        var entries = [try await node.store.entry(at: 0)!]
        for sequence in 1...count {
            let entry = try forum.credentialAct(by: "ee", seq: UInt64(sequence), [.addToken(try TestForum.token("t\(sequence)", sequence))])
            _ = try await node.submit(entry)
            entries.append(entry)
        }
        try await node.log.integrateAndPublish()
        return (node, entries)
    }

    @Test("the checkpoint is signed by the node key under the log origin, and covers every act")
    func checkpoint() async throws {
        let (node, entries) = try await makeNode(acts: 300)
        try await withNode(node) { client in
            let response = try await client.get("/log/checkpoint")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-cache")
            let vkey = try NoteVerifier(parsing: String(buffer: try await client.get("/log/vkey").body).dropLast())
            #expect(vkey.name == "forum.test/log")
            #expect(vkey.publicKeyBytes == forum.node.verifier.publicKeyBytes)
            let (checkpoint, _) = try Checkpoint.open(Array(buffer: response.body), logKey: vkey)
            #expect(checkpoint.size == 301)
            #expect(checkpoint.root == MerkleHasher.rootHash(of: entries.map(MerkleHasher.leafHash)))
        }
    }

    @Test("tiles and bundles follow tlog-tiles: paths, partial widths, media type and caching")
    func tiles() async throws {
        let (node, entries) = try await makeNode(acts: 300)
        try await withNode(node) { client in
            let full = try await client.get("/log/tile/0/000")
            #expect(full.status == .ok)
            #expect(full.headers[.contentType] == "application/octet-stream")
            #expect(full.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(HashTile(bytes: Array(buffer: full.body))?.hashes == entries.prefix(256).map(MerkleHasher.leafHash))
            let partial = try await client.get("/log/tile/0/001.p/45")
            #expect(partial.status == .ok)
            #expect(partial.body.readableBytes == 45 * 32)
            #expect(partial.headers[.cacheControl] != "public, max-age=31536000, immutable")
            #expect(try await client.get("/log/tile/0/001.p/20").body.readableBytes == 20 * 32)
            #expect(try await client.get("/log/tile/1/000.p/1").body.readableBytes == 32)
            let bundle = try await client.get("/log/tile/entries/001.p/45")
            #expect(EntryBundle(bytes: Array(buffer: bundle.body))?.entries == Array(entries[256..<301]))
            #expect(EntryBundle(bytes: Array(buffer: try await client.get("/log/tile/entries/000").body))?.entries.count == 256)
            for missing in ["/log/tile/0/001.p/46", "/log/tile/0/001", "/log/tile/0/002.p/1", "/log/tile/1/000", "/log/tile/entries/001.p/46",
                            "/log/tile/entries/001", "/log/tile/0/1", "/log/tile/8/data/000", "/log/tile/0/000.p/256"] {
                let response = try await client.get(missing)
                #expect(response.status == .notFound, "\(missing)")
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test("a receipt proves an act offline against the latest checkpoint")
    func receipt() async throws {
        let (node, entries) = try await makeNode(acts: 20)
        try await withNode(node) { client in
            let vkey = try NoteVerifier(parsing: String(buffer: try await client.get("/log/vkey").body).dropLast())
            for index in [0, 7, 20] {
                let response = try await client.get("/api/v1/acts/\(index)/receipt")
                #expect(response.status == .ok)
                let receipt = try InclusionReceipt(parsing: Array(buffer: response.body))
                #expect(try receipt.verify(entry: entries[index], logKey: vkey).size == 21)
                #expect(throws: ProofError.self) { try receipt.verify(entry: entries[(index + 1) % 21], logKey: vkey) }
            }
            let missing = try await client.get("/api/v1/acts/21/receipt")
            #expect(missing.status == .notFound)
            let bad = try await client.get("/api/v1/acts/x/receipt")
            #expect(bad.errorCode == "bad_index")
        }
    }

    @Test("an act not yet in a checkpoint gets 503 with Retry-After, then a receipt once published")
    func notYetPublished() async throws {
        let (node, _) = try await makeNode(acts: 1)
        let entry = try forum.credentialAct(by: "fr", seq: 1, [.addToken(try TestForum.token("x", 99))])
        let index = try await node.submit(entry).index
        try await withNode(node, configuration: .init(checkpointInterval: nil)) { client in
            let early = try await client.get("/api/v1/acts/\(index)/receipt")
            #expect(early.status == .serviceUnavailable)
            #expect(early.headers[.retryAfter] == "1")
            #expect(early.errorCode == "not_yet_published")
            try await node.log.integrateAndPublish()
            #expect(try await client.get("/api/v1/acts/\(index)/receipt").status == .ok)
        }
    }

    @Test("an unchanged tree is not signed again, and each new checkpoint is consistent with the earlier ones")
    func publication() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        #expect(try await node.log.integrateAndPublish() != nil)
        #expect(try await node.log.integrateAndPublish() == nil)
        for sequence in 1...5 {
            _ = try await node.submit(
                try forum.credentialAct(by: "ke", seq: UInt64(sequence), [.addToken(try TestForum.token("k\(sequence)", 500 + sequence))])
            )
            #expect(try await node.log.integrateAndPublish() != nil)
        }
        let notes = await store.checkpoints
        #expect(notes.count == 6)
        let checkpoints = try notes.map { try Checkpoint(parsing: try SignedNote(parsing: $0).text) }
        let leaves = try await store.entries(from: 0, limit: 100).map(MerkleHasher.leafHash)
        let source = LeafHashes(leaves)
        for (older, newer) in zip(checkpoints, checkpoints.dropFirst()) {
            let proof = try MerkleProof.consistency(from: older.size, to: newer.size, source: source)
            try MerkleProof.verifyConsistency(from: older.size, to: newer.size, oldRoot: older.root, newRoot: newer.root, proof: proof)
        }
    }
}
