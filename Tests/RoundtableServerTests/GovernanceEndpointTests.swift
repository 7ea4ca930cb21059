import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableNode
import RoundtableAPI

/// The governance endpoints through the real router: documents (`POST`/`GET /api/v1/documents`), proposals and rules
/// (`GET /api/v1/proposals`, `/api/v1/proposals/{id}`, `/api/v1/rules`) and governance acts refused by
/// `POST /api/v1/acts`.
///
/// Every node here runs without the clerk and the checkpoint publisher, so the record only changes through the
/// requests a test makes.
@Suite("Governance endpoints")
struct GovernanceEndpointTests {
    /// No background services: the clerk would otherwise write due acts by the wall clock in the middle of a test.
    static let quiet = RoundtableConfiguration(checkpointInterval: nil, clerkInterval: nil)
    /// The body limit of the document nodes, small so that an oversized document is cheap to build.
    static let documentLimit = 512
    /// Short periods: no circulation, 10 s of silence, a 10 s ballot; admissions are important questions.
    static let shortRules = try! Rules(quorum: Fraction(1, 2), circulation: 0, silence: 10, votingWindow: 10, important: [.admission])
    /// `GovernanceScenario`'s clock at the start, and ten seconds later.
    static let t0 = "2027-01-15T08:00:00Z"
    static let t10 = "2027-01-15T08:00:10Z"

    static let eeToken = "ee-document-token"
    static let keToken = "ke-document-token"

    static func digest(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(digest(bytes)) }
    static func registration(_ label: String, token: String) throws -> APIToken {
        try APIToken(label: label, sha256: digest(Array(token.utf8)))
    }

    /// The hash `GovernanceScenario.propose` gives the text of a proposal proposed at `index`.
    static func scenarioDocument(_ index: UInt64) -> String {
        var document = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: index.bigEndian) { document.replaceSubrange(0..<8, with: $0) }
        return Hex.encode(document)
    }

    static func postDocument(
        _ client: any TestClientProtocol, _ bytes: [UInt8], authorization: String?,
        contentType: String? = "text/plain; charset=utf-8"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    static func expectError(
        _ response: TestResponse,
        _ status: HTTPResponse.Status,
        _ code: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        let error = try? response.decode(ErrorBody.self)
        #expect(error?.error.code == code, sourceLocation: sourceLocation)
        #expect(error?.error.message.isEmpty == false, sourceLocation: sourceLocation)
    }

    static func nextSeq(_ state: ForumState, _ member: String) throws -> UInt64 {
        try #require(state.members[try MemberID(member)]).lastSequence + 1
    }
}

// MARK: - Documents

extension GovernanceEndpointTests {
    @Suite("POST and GET /api/v1/documents")
    struct Documents {
        let forum = try! TestForum()

        /// ee holds the token `eeToken`; ke registered `keToken` and was then suspended by decision.
        func makeNode() async throws -> ForumNode<InMemoryForumStore> {
            var scenario = try GovernanceScenario(forum: forum)
            try scenario.act(
                "ee",
                .credential([.addToken(try GovernanceEndpointTests.registration("ee-docs", token: GovernanceEndpointTests.eeToken))])
            )
            try scenario.act(
                "ke",
                .credential([.addToken(try GovernanceEndpointTests.registration("ke-docs", token: GovernanceEndpointTests.keToken))])
            )
            try scenario.suspend("ke", proposer: "fr")
            let node = try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
            let ke = try #require(node.state.members[try MemberID("ke")])
            #expect(ke.status == .suspended)
            #expect(ke.tokens.map(\.label) == ["ke-docs"])
            return node
        }

        func withDocumentNode<Value: Sendable>(
            _ node: ForumNode<InMemoryForumStore>, _ test: @Sendable (any TestClientProtocol) async throws -> Value
        ) async throws -> Value {
            var configuration = GovernanceEndpointTests.quiet
            configuration.maximumBodySize = GovernanceEndpointTests.documentLimit
            return try await withNode(node, configuration: configuration, test)
        }

        @Test("a node that stopped writing refuses documents too, with the same 503 as acts, and stores nothing")
        func haltedNodeRefusesDocuments() async throws {
            var scenario = try GovernanceScenario(forum: forum)
            try scenario.act(
                "ee",
                .credential([.addToken(try GovernanceEndpointTests.registration("ee-docs", token: GovernanceEndpointTests.eeToken))])
            )
            let node = try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
            let count = try await node.store.entryCount()
            try await node.store.append([ActRecord(entry: Array("written by another process\n".utf8), changes: [])], at: count)
            let text = Array("A text posted after the node stopped writing.\n".utf8)
            try await withDocumentNode(node) { client in
                let act = try forum.credentialAct(by: "fr", seq: 1, [.addToken(try TestForum.token("t", 2))])
                #expect(try await client.submit(act).errorCode == "not_writing")
                let refused = try await GovernanceEndpointTests.postDocument(
                    client, text, authorization: "Bearer \(GovernanceEndpointTests.eeToken)")
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.errorCode == "not_writing")
            }
            #expect(try await node.store.document(Array(SHA256.hash(data: text))) == nil)
        }

        @Test(
            "a member's token stores a document: 201 with its hash, URL and Location; GET returns the bytes, media type and an immutable cache header"
        )
        func storeAndRead() async throws {
            let node = try await makeNode()
            let countBefore = try await node.store.entryCount()
            let text = Array("# Norm 1\n\nStates should not damage critical infrastructure — ever.\n".utf8)
            let hash = GovernanceEndpointTests.hex(text)
            try await withDocumentNode(node) { client in
                let created = try await GovernanceEndpointTests.postDocument(
                    client, text, authorization: "Bearer \(GovernanceEndpointTests.eeToken)", contentType: "text/markdown; charset=utf-8")
                #expect(created.status == .created)
                #expect(created.headers[.location] == "/api/v1/documents/\(hash)")
                #expect(created.headers[.contentType] == "application/json; charset=utf-8")
                let body = try created.decode(API.DocumentCreated.self)
                #expect(body.sha256 == hash)
                #expect(body.url == "/api/v1/documents/\(hash)")

                let read = try await client.get(body.url)
                #expect(read.status == .ok)
                #expect(Array(buffer: read.body) == text)
                #expect(read.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(read.headers[.cacheControl] == "public, max-age=31536000, immutable")

                // The same document again is fine: same hash, same bytes.
                let again = try await GovernanceEndpointTests.postDocument(
                    client, text, authorization: "Bearer \(GovernanceEndpointTests.eeToken)", contentType: "text/markdown; charset=utf-8")
                #expect(again.status == .created)
                #expect(again.headers[.location] == "/api/v1/documents/\(hash)")
                #expect(try again.decode(API.DocumentCreated.self).sha256 == hash)
                let reread = try await client.get(body.url)
                #expect(reread.status == .ok)
                #expect(Array(buffer: reread.body) == text)
            }
            // Documents live beside the log, not in it.
            #expect(try await node.store.entryCount() == countBefore)
            #expect(try await node.store.document(GovernanceEndpointTests.digest(text))?.bytes == text)
        }

        @Test(
            "the accepted media types are stored normalised to lowercase with charset=utf-8",
            arguments: [
                ("text/plain", "text/plain; charset=utf-8"),
                ("text/markdown", "text/markdown; charset=utf-8"),
                ("text/plain; charset=utf-8", "text/plain; charset=utf-8"),
                ("Text/Markdown; Charset=UTF-8", "text/markdown; charset=utf-8"),
                ("text/markdown;charset=utf-8", "text/markdown; charset=utf-8"),
            ]
        )
        func mediaTypes(_ sent: String, stored: String) async throws {
            let node = try await makeNode()
            let text = Array("Sent as \(sent)\n".utf8)
            try await withDocumentNode(node) { client in
                let created = try await GovernanceEndpointTests.postDocument(
                    client, text, authorization: "Bearer \(GovernanceEndpointTests.eeToken)", contentType: sent)
                #expect(created.status == .created)
                let read = try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(text))")
                #expect(read.status == .ok)
                #expect(read.headers[.contentType] == stored)
                #expect(Array(buffer: read.body) == text)
            }
        }

        @Test(
            "a quoted charset is the same charset (RFC 9110 5.6.6)",
            arguments: ["text/plain; charset=\"utf-8\"", "text/markdown; charset=\"UTF-8\""]
        )
        func quotedCharset(_ sent: String) async throws {
            // RFC 9110 §5.6.6: a parameter value may be a token or a quoted-string, with the same meaning; POST
            // /api/v1/acts accepts `charset="utf-8"`, documents should too.
            let node = try await makeNode()
            let text = Array("Sent as \(sent)\n".utf8)
            try await withDocumentNode(node) { client in
                let created = try await GovernanceEndpointTests.postDocument(
                    client, text, authorization: "Bearer \(GovernanceEndpointTests.eeToken)", contentType: sent)
                #expect(created.status == .created)
                #expect(try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(text))").status == .ok)
            }
        }

        @Test("the Bearer scheme name is case-insensitive (RFC 9110 11.1)")
        func bearerCaseInsensitive() async throws {
            let node = try await makeNode()
            let text = Array("Sent with a lowercase scheme\n".utf8)
            try await withDocumentNode(node) { client in
                let created = try await GovernanceEndpointTests.postDocument(client, text, authorization: "bearer \(GovernanceEndpointTests.eeToken)")
                #expect(created.status == .created)
            }
        }

        enum Refusal: String, CaseIterable, CustomTestStringConvertible {
            case noAuthorization, basicScheme, emptyBearer, unknownToken, digestAsToken, suspendedMember
            case jsonMediaType, noMediaType, latin1Charset, htmlMediaType
            case emptyBody, notUTF8, overLimit

            var testDescription: String { rawValue }

            var expected: (HTTPResponse.Status, String) {
                switch self {
                case .noAuthorization, .basicScheme, .emptyBearer, .unknownToken, .digestAsToken: (.unauthorized, "unauthenticated")
                case .suspendedMember: (.forbidden, "suspended_member")
                case .jsonMediaType, .noMediaType, .latin1Charset, .htmlMediaType: (.unsupportedMediaType, "unsupported_media_type")
                case .emptyBody: (.badRequest, "empty_document")
                case .notUTF8: (.badRequest, "not_utf8")
                case .overLimit: (.contentTooLarge, "body_too_large")
                }
            }

            /// Whether the body itself is a good document, refused only for the request's other parts.
            var bodyIsGood: Bool { ![.emptyBody, .notUTF8, .overLimit].contains(self) }

            var request: (body: [UInt8], authorization: String?, contentType: String?) {
                let good = Array("# A text\n\nRefused for \(rawValue).\n".utf8)
                let bearer = "Bearer \(GovernanceEndpointTests.eeToken)"
                let plain = "text/plain; charset=utf-8"
                return switch self {
                case .noAuthorization: (good, nil, plain)
                case .basicScheme: (good, "Basic ZWU6ZWUtZG9jdW1lbnQtdG9rZW4=", plain)
                case .emptyBearer: (good, "Bearer ", plain)
                case .unknownToken: (good, "Bearer not-a-registered-token", plain)
                case .digestAsToken: (good, "Bearer " + GovernanceEndpointTests.hex(Array(GovernanceEndpointTests.eeToken.utf8)), plain)
                case .suspendedMember: (good, "Bearer \(GovernanceEndpointTests.keToken)", plain)
                case .jsonMediaType: (good, bearer, "application/json")
                case .noMediaType: (good, bearer, nil)
                case .latin1Charset: (good, bearer, "text/plain; charset=iso-8859-1")
                case .htmlMediaType: (good, bearer, "text/html; charset=utf-8")
                case .emptyBody: ([], bearer, plain)
                case .notUTF8: (Array("# Caf".utf8) + [0xE9, 0xFF, 0xFE] + Array("\n".utf8), bearer, plain)
                case .overLimit: (Array(repeating: UInt8(ascii: "a"), count: GovernanceEndpointTests.documentLimit + 1), bearer, plain)
                }
            }
        }

        @Test("a refused document answers a JSON error, stores nothing and leaves the log as it was", arguments: Refusal.allCases)
        func refused(_ refusal: Refusal) async throws {
            let node = try await makeNode()
            let countBefore = try await node.store.entryCount()
            let stateBefore = node.state
            let (body, authorization, contentType) = refusal.request
            let uri = "/api/v1/documents/\(GovernanceEndpointTests.hex(body))"
            try await withDocumentNode(node) { client in
                let response = try await GovernanceEndpointTests.postDocument(client, body, authorization: authorization, contentType: contentType)
                let (status, code) = refusal.expected
                GovernanceEndpointTests.expectError(response, status, code)
                #expect(response.headers[.location] == nil)
                if status == .unauthorized { #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"roundtable\"") }
                let read = try await client.get(uri)
                #expect(read.status == .notFound)
                #expect(read.errorCode == "not_found")
                #expect(try await node.store.document(GovernanceEndpointTests.digest(body)) == nil)
                if refusal.bodyIsGood {
                    // The same bytes with a good token and media type are accepted: only the varied part was wrong.
                    let accepted = try await GovernanceEndpointTests.postDocument(
                        client,
                        body,
                        authorization: "Bearer \(GovernanceEndpointTests.eeToken)"
                    )
                    #expect(accepted.status == .created)
                    #expect(try await client.get(uri).status == .ok)
                }
            }
            #expect(try await node.store.entryCount() == countBefore)
            #expect(node.state == stateBefore)
        }

        @Test("a document of exactly the node's body limit is stored; one byte more is 413 body_too_large")
        func limitBoundary() async throws {
            let node = try await makeNode()
            let limit = GovernanceEndpointTests.documentLimit
            let fits = Array(repeating: UInt8(ascii: "b"), count: limit)
            let tooLong = fits + [UInt8(ascii: "b")]
            try await withDocumentNode(node) { client in
                let bearer = "Bearer \(GovernanceEndpointTests.eeToken)"
                let created = try await GovernanceEndpointTests.postDocument(client, fits, authorization: bearer)
                #expect(created.status == .created)
                #expect(Array(buffer: try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(fits))").body) == fits)
                let refused = try await GovernanceEndpointTests.postDocument(client, tooLong, authorization: bearer)
                GovernanceEndpointTests.expectError(refused, .contentTooLarge, "body_too_large")
                #expect(try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(tooLong))").status == .notFound)
            }
        }

        @Test(
            "GET with a malformed hash is 400 bad_hash",
            arguments: [
                "abc",
                String(repeating: "0", count: 63),
                String(repeating: "0", count: 65),
                String(repeating: "A", count: 64),
                String(repeating: "g", count: 64),
                String(repeating: "0", count: 62) + "-1",
            ]
        )
        func malformedHash(_ text: String) async throws {
            let node = try await makeNode()
            try await withDocumentNode(node) { client in
                GovernanceEndpointTests.expectError(try await client.get("/api/v1/documents/\(text)"), .badRequest, "bad_hash")
            }
        }

        @Test("GET of a well-formed hash the node does not hold is 404 not_found")
        func unknownHash() async throws {
            let node = try await makeNode()
            try await withDocumentNode(node) { client in
                let response = try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(Array("never posted".utf8)))")
                GovernanceEndpointTests.expectError(response, .notFound, "not_found")
            }
        }

        @Test("posting the same bytes again with another media type keeps the first one (SQLite store)")
        func sameBytesKeepFirstMediaTypeSQLite() async throws {
            let directory = NSTemporaryDirectory() + "roundtable-documents-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try await sameBytesKeepFirstMediaType(on: try SQLiteForumStore(path: directory + "/roundtable.sqlite"))
        }

        @Test("storing the same bytes again keeps the first media type, in memory too")
        func sameBytesKeepFirstMediaTypeInMemory() async throws {
            try await sameBytesKeepFirstMediaType(on: InMemoryForumStore())
        }

        /// A document is immutable (its GET says so in Cache-Control), so a second POST of the same bytes must not change
        /// what GET answers; `ForumStore.store(_:)` documents "storing the same document again changes nothing".
        func sameBytesKeepFirstMediaType<Store: ForumStore>(on store: Store) async throws {
            let node = try await forum.open(on: store)
            _ = try await node.submit(
                try forum.credentialAct(
                    by: "ee",
                    seq: 1,
                    [.addToken(try GovernanceEndpointTests.registration("docs", token: GovernanceEndpointTests.eeToken))]
                )
            )
            let text = Array("# Same bytes\n".utf8)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let bearer = "Bearer \(GovernanceEndpointTests.eeToken)"
                #expect(
                    try await GovernanceEndpointTests.postDocument(client, text, authorization: bearer, contentType: "text/plain").status == .created
                )
                #expect(
                    try await GovernanceEndpointTests.postDocument(client, text, authorization: bearer, contentType: "text/markdown").status
                        == .created
                )
                let read = try await client.get("/api/v1/documents/\(GovernanceEndpointTests.hex(text))")
                #expect(read.status == .ok)
                #expect(read.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(Array(buffer: read.body) == text)
            }
        }
    }
}

// MARK: - Proposing needs the document

extension GovernanceEndpointTests {
    @Suite("POST /api/v1/acts with a propose act")
    struct Proposing {
        let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)

        @Test("a propose act naming a document the node does not hold is 409 unknown_document; once the text is posted the same act is accepted")
        func proposeNeedsDocument() async throws {
            let node = try await forum.open(on: InMemoryForumStore())
            _ = try await node.submit(
                try forum.credentialAct(by: "fr", seq: 1, [.addToken(try GovernanceEndpointTests.registration("docs", token: "fr-token"))]))
            let text = Array("# Policy\n\nMembers publish their positions before each session.\n".utf8)
            let draft = try ProposalDraft(kind: .policy, title: "Publish positions", document: GovernanceEndpointTests.digest(text))
            let propose = try forum.act(by: "ee", seq: 1, .propose(draft))
            let countBefore = try await node.store.entryCount()
            let stateBefore = node.state
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let refused = try await client.submit(propose)
                GovernanceEndpointTests.expectError(refused, .conflict, "unknown_document")
                #expect(try await node.store.entryCount() == countBefore)
                #expect(node.state == stateBefore)
                let empty = try await client.get("/api/v1/proposals").decode(API.ProposalList.self)
                #expect(empty.proposals.isEmpty)

                // Any member's token may post the text; then ee's act, with the same seq, is accepted.
                let posted = try await GovernanceEndpointTests.postDocument(client, text, authorization: "Bearer fr-token")
                #expect(posted.status == .created)
                let accepted = try await client.submit(propose)
                #expect(accepted.status == .created)
                #expect(accepted.headers[.location] == "/api/v1/acts/\(countBefore)")
                #expect(try accepted.decode(API.ActReceipt.self) == API.ActReceipt(index: countBefore, act: "propose", by: "ee", seq: 1))

                let shown = try await client.get("/api/v1/proposals/\(countBefore)").decode(API.Proposal.self)
                #expect(shown.id == countBefore)
                #expect(shown.kind == "policy")
                #expect(shown.title == "Publish positions")
                #expect(shown.proposer == "ee")
                #expect(shown.stage == "submitted")
                #expect(shown.textSha256 == GovernanceEndpointTests.hex(text))
                #expect(shown.textURL == "/api/v1/documents/\(GovernanceEndpointTests.hex(text))")
                #expect(Array(buffer: try await client.get(shown.textURL).body) == text)
            }
            #expect(try await node.store.entryCount() == countBefore + 1)
        }
    }
}

// MARK: - Reading proposals and rules

extension GovernanceEndpointTests {
    @Suite("GET /api/v1/proposals, /api/v1/proposals/{id} and /api/v1/rules")
    struct Reading {
        typealias List = API.ProposalList

        let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)

        /// A record with one proposal at each end state:
        ///
        ///     0 genesis
        ///     1 propose (ee, norm)             2 circulate   3 consensus-call   4 object (fr)   5 ballot
        ///     6 vote ee yes   7 vote fr no   8 vote ke abstain   9 vote fr yes (replaces 7)         ← `midBallot`
        ///    10 propose (fr, policy)          11 circulate  12 consensus-call
        ///    13 propose (ke, procedural)      14 withdraw (ke)
        ///    +10 s: 15 close 1   16 decision 10 (adopted without a vote)   17 decision 1 (adopted)
        ///    18 propose (ee, norm)            19 circulate  20 consensus-call
        func record() throws -> (final: GovernanceScenario, midBallot: GovernanceScenario) {
            var scenario = try GovernanceScenario(forum: forum)
            try #require(try scenario.propose("ee", .norm, title: "Protect critical infrastructure") == 1)
            try scenario.runClerk()
            try scenario.act("fr", .object(proposal: 1, reason: nil))
            try scenario.runClerk()
            try scenario.act("ee", .vote(proposal: 1, choice: .yes))
            try scenario.act("fr", .vote(proposal: 1, choice: .no))
            try scenario.act("ke", .vote(proposal: 1, choice: .abstain))
            try #require(try scenario.act("fr", .vote(proposal: 1, choice: .yes)) == 9)
            let midBallot = scenario
            try #require(try scenario.propose("fr", .policy, title: "Publish positions") == 10)
            try scenario.runClerk()
            try #require(try scenario.propose("ke", .procedural, title: "Meet on Mondays") == 13)
            try scenario.act("ke", .withdraw(proposal: 13))
            try scenario.advance(10)
            try #require(try scenario.propose("ee", .norm, title: "An open question") == 18)
            try scenario.runClerk()
            try #require(scenario.nextIndex == 21)
            return (scenario, midBallot)
        }

        func open(_ scenario: GovernanceScenario) async throws -> ForumNode<InMemoryForumStore> {
            try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
        }

        @Test("a forum without proposals lists none")
        func emptyList() async throws {
            let node = try await forum.open(on: InMemoryForumStore())
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let response = try await client.get("/api/v1/proposals")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(try response.decode(List.self).proposals.isEmpty)
            }
        }

        @Test("the list is ordered by id with each proposal's kind, title, proposer, stage and outcome")
        func list() async throws {
            let node = try await open(try record().final)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let list = try await client.get("/api/v1/proposals").decode(List.self)
                #expect(list.proposals.map(\.id) == [1, 10, 13, 18])
                #expect(list.proposals.map(\.kind) == ["norm", "policy", "procedural", "norm"])
                #expect(
                    list.proposals.map(\.title) == ["Protect critical infrastructure", "Publish positions", "Meet on Mondays", "An open question"]
                )
                #expect(list.proposals.map(\.proposer) == ["ee", "fr", "ke", "ee"])
                #expect(list.proposals.map(\.stage) == ["decided", "decided", "withdrawn", "consensus-call"])
                #expect(list.proposals.map(\.outcome) == ["adopted", "adopted-without-vote", nil, nil])
            }
        }

        @Test("a proposal decided in a ballot shows its text hash, timeline, votes with replacements, tally and decision")
        func ballotProposal() async throws {
            let node = try await open(try record().final)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let response = try await client.get("/api/v1/proposals/1")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let proposal = try response.decode(API.Proposal.self)
                #expect(proposal.id == 1)
                #expect(proposal.kind == "norm")
                #expect(proposal.title == "Protect critical infrastructure")
                #expect(proposal.proposer == "ee")
                #expect(proposal.stage == "decided")
                #expect(proposal.textSha256 == GovernanceEndpointTests.scenarioDocument(1))
                #expect(proposal.textURL == "/api/v1/documents/\(GovernanceEndpointTests.scenarioDocument(1))")
                #expect(proposal.subject.isEmpty)
                #expect(proposal.objections == ["fr"])
                #expect(proposal.explanations.isEmpty)

                let t0 = GovernanceEndpointTests.t0, t10 = GovernanceEndpointTests.t10
                #expect(proposal.timeline.map(\.event) == ["proposed", "circulated", "consensus-call", "objection", "ballot", "closed", "decided"])
                #expect(proposal.timeline.map(\.index) == [1, 2, 3, 4, 5, 15, 17])
                #expect(proposal.timeline.map(\.at) == [nil, t0, t0, nil, t0, t10, t10])
                #expect(proposal.timeline.map(\.member) == ["ee", nil, nil, "fr", nil, nil, nil])

                let ballot = try #require(proposal.ballot)
                #expect(ballot.index == 5)
                #expect(ballot.opens == t0)
                #expect(ballot.closes == t10)
                #expect(ballot.threshold == "simple-majority")
                #expect(ballot.quorum == "1/2")
                #expect(ballot.rulesVersion == 1)
                #expect(ballot.electorate == ["ee", "fr", "ke"])
                #expect(ballot.votes.map(\.member) == ["ee", "fr", "ke"])
                #expect(ballot.votes.map(\.choice) == ["yes", "yes", "abstain"])
                #expect(ballot.votes.map(\.index) == [6, 9, 8])
                #expect(ballot.votes.map(\.replaced) == [0, 1, 0])
                #expect(ballot.tally == .init(electorate: 3, yes: 2, no: 0, abstain: 1))
                #expect(ballot.closedAt == 15)

                let decision = try #require(proposal.decision)
                #expect(decision.index == 17)
                #expect(decision.at == t10)
                #expect(decision.outcome == "adopted")
                #expect(decision.threshold == "simple-majority")
                #expect(decision.quorum == "1/2")
                #expect(decision.counts == .init(electorate: 3, yes: 2, no: 0, abstain: 1))
                #expect(decision.counted == [5, 15])

                // The wire names are snake case.
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(json["text_sha256"] as? String == GovernanceEndpointTests.scenarioDocument(1))
                #expect(json["text_url"] is String)
                let ballotJSON = try #require(json["ballot"] as? [String: Any])
                #expect(ballotJSON["rules_version"] as? Int == 1)
                #expect(ballotJSON["closed_at"] as? Int == 15)
            }
        }

        @Test("a proposal adopted without a vote has a decision without counts; a withdrawn one has none; an open one is in its consensus call")
        func otherStages() async throws {
            let node = try await open(try record().final)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let silent = try await client.get("/api/v1/proposals/10").decode(API.Proposal.self)
                #expect(silent.stage == "decided")
                #expect(silent.textSha256 == GovernanceEndpointTests.scenarioDocument(10))
                #expect(silent.timeline.map(\.event) == ["proposed", "circulated", "consensus-call", "decided"])
                #expect(silent.timeline.map(\.index) == [10, 11, 12, 16])
                #expect(silent.objections.isEmpty)
                #expect(silent.ballot == nil)
                let decision = try #require(silent.decision)
                #expect(decision.outcome == "adopted-without-vote")
                #expect(decision.index == 16)
                #expect(decision.at == GovernanceEndpointTests.t10)
                #expect(decision.threshold == nil)
                #expect(decision.quorum == nil)
                #expect(decision.counts == nil)
                #expect(decision.counted == nil)

                let withdrawn = try await client.get("/api/v1/proposals/13").decode(API.Proposal.self)
                #expect(withdrawn.stage == "withdrawn")
                #expect(withdrawn.kind == "procedural")
                #expect(withdrawn.timeline.map(\.event) == ["proposed", "withdrawn"])
                #expect(withdrawn.timeline.map(\.index) == [13, 14])
                #expect(withdrawn.timeline.map(\.member) == ["ke", "ke"])
                #expect(withdrawn.decision == nil)
                #expect(withdrawn.ballot == nil)

                let open = try await client.get("/api/v1/proposals/18").decode(API.Proposal.self)
                #expect(open.stage == "consensus-call")
                #expect(open.timeline.map(\.event) == ["proposed", "circulated", "consensus-call"])
                #expect(open.timeline.map(\.index) == [18, 19, 20])
                #expect(open.timeline.map(\.at) == [nil, GovernanceEndpointTests.t10, GovernanceEndpointTests.t10])
                #expect(open.decision == nil)
            }
        }

        @Test("while the ballot is open the running tally counts the votes as they stand, and a vote changed over HTTP replaces the earlier one")
        func runningBallot() async throws {
            let scenario = try record().midBallot
            let node = try await open(scenario)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let summary = try await client.get("/api/v1/proposals").decode(List.self)
                #expect(summary.proposals.map(\.stage) == ["ballot"])
                #expect(summary.proposals.map(\.outcome) == [nil])

                let before = try await client.get("/api/v1/proposals/1").decode(API.Proposal.self)
                #expect(before.stage == "ballot")
                #expect(before.timeline.map(\.event) == ["proposed", "circulated", "consensus-call", "objection", "ballot"])
                #expect(before.ballot?.closedAt == nil)
                #expect(before.ballot?.tally == .init(electorate: 3, yes: 2, no: 0, abstain: 1))
                #expect(before.decision == nil)

                // ke changes its abstention to a yes.
                let vote = try forum.act(by: "ke", seq: try GovernanceEndpointTests.nextSeq(node.state, "ke"), .vote(proposal: 1, choice: .yes))
                let accepted = try await client.submit(vote)
                #expect(accepted.status == .created)
                #expect(try accepted.decode(API.ActReceipt.self).index == 10)

                let after = try await client.get("/api/v1/proposals/1").decode(API.Proposal.self)
                let ke = try #require(after.ballot?.votes.first { $0.member == "ke" })
                #expect(ke.choice == "yes")
                #expect(ke.index == 10)
                #expect(ke.replaced == 1)
                #expect(after.ballot?.votes.first { $0.member == "fr" }?.replaced == 1)
                #expect(after.ballot?.votes.first { $0.member == "ee" }?.replaced == 0)
                #expect(after.ballot?.tally == .init(electorate: 3, yes: 3, no: 0, abstain: 0))
            }
        }

        @Test(
            "an id that names no proposal is 404 not_found",
            arguments: ["999", "0", "2", "abc", "-1", "1.0", "99999999999999999999999"]
        )
        func unknownProposal(_ id: String) async throws {
            let node = try await open(try record().final)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                GovernanceEndpointTests.expectError(try await client.get("/api/v1/proposals/\(id)"), .notFound, "not_found")
            }
        }

        /// The communication rules and the language, left at their defaults by these tests.
        static let communicationRuleLines = [
            "check-interval 180d", "check-answer 3d", "ack-routine 3d", "ack-urgent 1d", "ack-critical 2h", "request-parties sealed", "language en",
        ]

        static let genesisRuleLines = [
            "quorum 1/2", "circulation 0s", "silence 10s", "voting-window 10s", "important admission,suspension,rules", "witness-quorum majority",
        ] + communicationRuleLines

        @Test("GET /api/v1/rules states the genesis rules as version 1")
        func genesisRules() async throws {
            let node = try await forum.open(on: InMemoryForumStore())
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let response = try await client.get("/api/v1/rules")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let rules = try response.decode(API.Rules.self)
                #expect(rules.version == 1)
                #expect(rules.rules == Self.genesisRuleLines)
                #expect(rules.history.count == 1)
                #expect(rules.history.first?.version == 1)
                #expect(rules.history.first?.proposal == nil)
                #expect(rules.history.first?.since == 0)
                #expect(rules.history.first?.rules == Self.genesisRuleLines)
            }
        }

        @Test("an adopted rules amendment makes version 2, naming the amendment; a rejected one changes nothing")
        func amendedRules() async throws {
            var scenario = try GovernanceScenario(forum: forum)
            // 1 propose, 2 circulate, 3 consensus-call, +10 s: 4 decision (adopted without a vote).
            let amendment = try scenario.propose(
                "ee", .rules, title: "Longer silence, larger quorum", subject: .rules([.silence(20), .quorum(try Fraction(2, 3))]))
            try scenario.runClerk()
            try scenario.advance(10)
            try #require(scenario.proposal(amendment)?.decision?.outcome == .adoptedWithoutVote)
            // 5 propose, 6 circulate, 7 consensus-call, 8 object, 9 ballot, 10–12 votes, +10 s: 13 close, 14 decision.
            let rejected = try scenario.propose("fr", .rules, title: "Longer ballots", subject: .rules([.votingWindow(30)]))
            try scenario.runClerk()
            try scenario.act("fr", .object(proposal: rejected, reason: nil))
            try scenario.runClerk()
            try scenario.act("ee", .vote(proposal: rejected, choice: .no))
            try scenario.act("fr", .vote(proposal: rejected, choice: .no))
            try scenario.act("ke", .vote(proposal: rejected, choice: .yes))
            try scenario.advance(10)
            let node = try await open(scenario)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let amended =
                    [
                        "quorum 2/3", "circulation 0s", "silence 20s", "voting-window 10s", "important admission,suspension,rules",
                        "witness-quorum majority",
                    ] + Self.communicationRuleLines
                let rules = try await client.get("/api/v1/rules").decode(API.Rules.self)
                #expect(rules.version == 2)
                #expect(rules.rules == amended)
                #expect(rules.history.map(\.version) == [1, 2])
                #expect(rules.history.map(\.proposal) == [nil, amendment])
                #expect(rules.history.map(\.since) == [0, 4])
                #expect(rules.history.map(\.rules) == [Self.genesisRuleLines, amended])

                let adopted = try await client.get("/api/v1/proposals/\(amendment)").decode(API.Proposal.self)
                #expect(adopted.kind == "rules")
                #expect(adopted.subject == ["rule silence 20s", "rule quorum 2/3"])
                #expect(adopted.decision?.index == 4)

                // The second amendment was counted under version 2: two-thirds of those voting, quorum 2/3.
                let refused = try await client.get("/api/v1/proposals/\(rejected)").decode(API.Proposal.self)
                #expect(refused.subject == ["rule voting-window 30s"])
                #expect(refused.ballot?.rulesVersion == 2)
                #expect(refused.ballot?.threshold == "two-thirds")
                #expect(refused.ballot?.quorum == "2/3")
                #expect(refused.decision?.outcome == "rejected")
                #expect(refused.decision?.counts == .init(electorate: 3, yes: 1, no: 2, abstain: 0))
                #expect(refused.decision?.counted == [9, 13])
            }
        }
    }
}

// MARK: - Governance acts refused

extension GovernanceEndpointTests {
    @Suite("Governance acts refused by POST /api/v1/acts change nothing")
    struct RefusedActs {
        let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)
        static let jp = try! NoteSigner.generate(name: "jp.test/key")

        struct Record {
            let scenario: GovernanceScenario
            /// An admission of jp, adopted without a vote at t0+10.
            let admission: UInt64
            /// A norm whose ballot (t0 to t0+10) closed without votes; its decision is still owed.
            let closed: UInt64
            /// A norm by fr whose ballot (t0+5 to t0+15) is open; ee voted yes; jp was admitted after it opened.
            let open: UInt64
            /// The log index of ee's vote on `open`.
            let eeVote: UInt64
        }

        ///     1 propose admission of jp (ee)   2 circulate   3 consensus-call (until t0+10)
        ///     4 propose norm (ke)              5 circulate   6 consensus-call   7 object (fr)   8 ballot (closes t0+10)
        ///     +5 s
        ///     9 propose norm (fr)             10 circulate  11 consensus-call  12 object (ke)  13 ballot (closes t0+15)
        ///    14 vote ee yes on 9
        ///     +5 s: 15 decision on 1 (jp admitted)   16 close 4
        func record() throws -> Record {
            var scenario = try GovernanceScenario(forum: forum)
            let jp = Genesis.Founder(id: try MemberID("jp"), key: Self.jp.verifier, displayName: "Japan")
            let admission = try scenario.propose("ee", .admission, title: "Admission of Japan", subject: .admission(jp))
            try scenario.runClerk()
            let closed = try scenario.propose("ke", .norm, title: "A closed ballot")
            try scenario.runClerk()
            try scenario.act("fr", .object(proposal: closed, reason: nil))
            try scenario.runClerk()
            try #require(try scenario.advance(5).isEmpty)
            let open = try scenario.propose("fr", .norm, title: "An open ballot")
            try scenario.runClerk()
            try scenario.act("ke", .object(proposal: open, reason: nil))
            try scenario.runClerk()
            let eeVote = try scenario.act("ee", .vote(proposal: open, choice: .yes))
            scenario.now = scenario.now.adding(5)
            try scenario.nodeAct(
                .decision(DecisionRecord(proposal: admission, at: scenario.now, outcome: .adoptedWithoutVote, count: nil, counted: nil))
            )
            try scenario.nodeAct(.close(proposal: closed, at: scenario.now))

            try #require([admission, closed, open, eeVote] == [1, 4, 9, 14])
            try #require(scenario.proposal(closed)?.stage == .closed)
            try #require(scenario.proposal(admission)?.stage == .decided)
            try #require(scenario.proposal(open)?.stage == .ballot)
            try #require(scenario.state.members[try MemberID("jp")]?.status == .active)
            try #require(scenario.proposal(open)?.ballot?.electorate.contains(try MemberID("jp")) == false)
            return Record(scenario: scenario, admission: admission, closed: closed, open: open, eeVote: eeVote)
        }

        enum Case: String, CaseIterable, CustomTestStringConvertible {
            case voteAfterBallotClosed, voteOnDecided, voteOnUnknownProposal, notInElectorate, replayedVote, replayedSeqNewChoice
            case memberDecision, memberClose, memberBallot, objectDuringBallot, sponsorExplains, withdrawDuringBallot, withdrawByOther

            var testDescription: String { rawValue }

            var expected: (HTTPResponse.Status, String) {
                switch self {
                case .voteAfterBallotClosed, .voteOnDecided, .objectDuringBallot, .withdrawDuringBallot: (.conflict, "wrong_stage")
                case .voteOnUnknownProposal: (.notFound, "unknown_proposal")
                case .notInElectorate: (.forbidden, "not_in_electorate")
                case .replayedVote, .replayedSeqNewChoice: (.conflict, "replayed")
                case .memberDecision, .memberClose, .memberBallot: (.forbidden, "node_only")
                case .sponsorExplains: (.forbidden, "sponsor_explanation")
                case .withdrawByOther: (.forbidden, "not_proposer")
                }
            }
        }

        func entry(for testCase: Case, in record: Record) throws -> [UInt8] {
            let state = record.scenario.state
            func next(_ member: String) throws -> UInt64 { try GovernanceEndpointTests.nextSeq(state, member) }
            let now = try #require(state.governance.clock)
            switch testCase {
            case .voteAfterBallotClosed: return try forum.act(by: "fr", seq: try next("fr"), .vote(proposal: record.closed, choice: .yes))
            case .voteOnDecided: return try forum.act(by: "ke", seq: try next("ke"), .vote(proposal: record.admission, choice: .yes))
            case .voteOnUnknownProposal: return try forum.act(by: "ee", seq: try next("ee"), .vote(proposal: 999, choice: .yes))
            case .notInElectorate: return try forum.act(by: "jp", seq: 1, .vote(proposal: record.open, choice: .yes), signer: Self.jp)
            case .replayedVote: return record.scenario.entries[Int(record.eeVote)]
            case .replayedSeqNewChoice: return try forum.act(by: "ee", seq: try next("ee") - 1, .vote(proposal: record.open, choice: .no))
            case .memberDecision:
                // Even the decision the clerk would write is refused from a member.
                let decision = try #require(state.dueNodeActs(now: now).first { if case .decision = $0 { true } else { false } })
                return try forum.act(by: "ee", seq: try next("ee"), decision)
            case .memberClose:
                return try forum.act(by: "ee", seq: try next("ee"), .close(proposal: record.open, at: now.adding(5)))
            case .memberBallot:
                let opening = try #require(state.governance.proposals[record.open]?.ballot?.opening)
                return try forum.act(by: "ke", seq: try next("ke"), .ballot(opening))
            case .objectDuringBallot: return try forum.act(by: "ee", seq: try next("ee"), .object(proposal: record.open, reason: nil))
            case .sponsorExplains: return try forum.act(by: "fr", seq: try next("fr"), .explain(proposal: record.open, text: "We wrote it."))
            case .withdrawDuringBallot: return try forum.act(by: "fr", seq: try next("fr"), .withdraw(proposal: record.open))
            case .withdrawByOther: return try forum.act(by: "ee", seq: try next("ee"), .withdraw(proposal: record.open))
            }
        }

        @Test("a refused governance act answers a JSON error and leaves log and state unchanged", arguments: Case.allCases)
        func refused(_ testCase: Case) async throws {
            let record = try record()
            let node = try await forum.open(on: InMemoryForumStore(state: record.scenario.state, entries: record.scenario.entries))
            let countBefore = try await node.store.entryCount()
            let stateBefore = node.state
            let body = try entry(for: testCase, in: record)
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let (status, code) = testCase.expected
                GovernanceEndpointTests.expectError(try await client.submit(body), status, code)
                #expect(try await client.get("/api/v1/acts/\(countBefore)").status == .notFound)
            }
            #expect(try await node.store.entryCount() == countBefore)
            #expect(node.state == stateBefore)
        }

        @Test("on the same record the valid acts are accepted, and the node's clerk then decides both ballots")
        func validActsAccepted() async throws {
            let record = try record()
            let node = try await forum.open(on: InMemoryForumStore(state: record.scenario.state, entries: record.scenario.entries))
            let count = try await node.store.entryCount()
            try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
                let acts = [
                    try forum.act(by: "ee", seq: try GovernanceEndpointTests.nextSeq(node.state, "ee"), .vote(proposal: record.open, choice: .no)),
                    try forum.act(by: "fr", seq: try GovernanceEndpointTests.nextSeq(node.state, "fr"), .vote(proposal: record.open, choice: .yes)),
                    try forum.act(by: "ke", seq: try GovernanceEndpointTests.nextSeq(node.state, "ke"), .vote(proposal: record.open, choice: .yes)),
                    try forum.act(
                        by: "ke",
                        seq: try GovernanceEndpointTests.nextSeq(node.state, "ke") + 1,
                        .explain(proposal: record.open, text: "Kenya supports it.")
                    ),
                    try forum.act(by: "jp", seq: 1, .credential([.addToken(try TestForum.token("jp-docs", 7))]), signer: Self.jp),
                ]
                for (offset, act) in acts.enumerated() {
                    let response = try await client.submit(act)
                    #expect(response.status == .created)
                    #expect(try response.decode(API.ActReceipt.self).index == count + UInt64(offset))
                }
                #expect(try await node.store.entryCount() == count + 5)

                let voting = try await client.get("/api/v1/proposals/\(record.open)").decode(API.Proposal.self)
                #expect(voting.ballot?.votes.map(\.member) == ["ee", "fr", "ke"])
                #expect(voting.ballot?.votes.map(\.choice) == ["no", "yes", "yes"])
                #expect(voting.ballot?.votes.map(\.replaced) == [1, 0, 0])
                #expect(voting.explanations.map(\.member) == ["ke"])
                #expect(voting.explanations.map(\.text) == ["Kenya supports it."])

                // t0+15: the open ballot's window ends; the clerk closes it and decides both proposals.
                let at = Timestamp(seconds: 1_800_000_015)
                var written: [String] = []
                while case let receipts = try await node.performDueActs(now: at), !receipts.isEmpty { written += receipts.map(\.act) }
                #expect(written.sorted() == ["close", "decision", "decision"])

                let closed = try await client.get("/api/v1/proposals/\(record.closed)").decode(API.Proposal.self)
                #expect(closed.stage == "decided")
                #expect(closed.decision?.outcome == "no-decision")
                #expect(closed.decision?.counts == .init(electorate: 3, yes: 0, no: 0, abstain: 0))
                #expect(closed.decision?.counted == [8, 16])

                let decided = try await client.get("/api/v1/proposals/\(record.open)").decode(API.Proposal.self)
                #expect(decided.stage == "decided")
                #expect(decided.decision?.outcome == "adopted")
                #expect(decided.decision?.counts == .init(electorate: 3, yes: 2, no: 1, abstain: 0))
                #expect(decided.ballot?.electorate == ["ee", "fr", "ke"])

                let list = try await client.get("/api/v1/proposals").decode(API.ProposalList.self)
                #expect(list.proposals.map(\.id) == [record.admission, record.closed, record.open])
                #expect(list.proposals.map(\.outcome) == ["adopted-without-vote", "no-decision", "adopted"])
            }
        }
    }
}
