import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableNode

/// Every way an act can be refused: each answers a 4xx JSON error with a precise code and changes nothing.
@Suite("Refused acts change nothing")
struct BadInputTests {
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case notUTF8, controlCharacter, tooLarge, bodyOverLimit, malformedNote, noSignature, malformedAct, unknownKey
        case badSignature, wrongOrigin, replayed, sequenceGap, suspendedMember, unknownMember, nodeAct, wrongMediaType
        case missingMediaType, otherCharset, emptyBody

        var testDescription: String { rawValue }

        var expected: (HTTPResponse.Status, String) {
            switch self {
            case .notUTF8: (.badRequest, "not_utf8")
            case .controlCharacter: (.badRequest, "control_character")
            case .tooLarge: (.contentTooLarge, "too_large")
            case .bodyOverLimit: (.contentTooLarge, "body_too_large")
            case .malformedNote, .emptyBody: (.badRequest, "malformed_note")
            case .noSignature: (.badRequest, "no_signature")
            case .malformedAct: (.badRequest, "malformed_act")
            case .unknownKey: (.forbidden, "unknown_key")
            case .badSignature: (.forbidden, "bad_signature")
            case .wrongOrigin: (.badRequest, "wrong_origin")
            case .replayed: (.conflict, "replayed")
            case .sequenceGap: (.conflict, "sequence_gap")
            case .suspendedMember: (.forbidden, "suspended_member")
            case .unknownMember: (.forbidden, "unknown_member")
            case .nodeAct: (.forbidden, "node_only")
            case .wrongMediaType, .missingMediaType, .otherCharset: (.unsupportedMediaType, "unsupported_media_type")
            }
        }
    }

    let forum = try! TestForum()

    /// The state before the bad submission: the genesis, one accepted act by `ee`, and `ke` suspended.
    func makeNode() async throws -> (ForumNode<InMemoryForumStore>, first: [UInt8]) {
        var record = try GovernanceScenario(forum: forum)
        try record.suspend("ke", proposer: "fr")
        let node = try await forum.open(on: InMemoryForumStore(state: record.state, entries: record.entries))
        let first = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))])
        _ = try await node.submit(first)
        return (node, first)
    }

    func request(for testCase: Case, first: [UInt8]) throws -> (body: [UInt8], contentType: String?, headers: HTTPFields) {
        let change = CredentialChange.addToken(try TestForum.token("second", 2))
        let good = try forum.credentialAct(by: "ee", seq: 2, [change])
        let text = "forum.test\nact credential\nby ee\nseq 2\n\(change.lineForTests)\n"
        var body = good
        var contentType: String? = "text/plain; charset=utf-8"
        var headers: HTTPFields = [:]
        switch testCase {
        case .notUTF8: body = Array(text.utf8) + [0xFF, 0xFE, 0x0A, 0x0A] + good.suffix(from: text.utf8.count + 1)
        case .controlCharacter:
            body = Array(good)
            body[3] = 0x09
        case .tooLarge: body = Array(repeating: UInt8(ascii: "a"), count: 65_536)
        case .bodyOverLimit:
            body = Array(repeating: UInt8(ascii: "a"), count: 2 << 20)
            headers[.contentLength] = String(body.count)
        case .malformedNote: body = Array(text.utf8) + Array("— ee.test/key notbase64!\n".utf8)
        case .emptyBody: body = []
        case .noSignature: body = Array((text + "\n").utf8)
        case .malformedAct: body = try SignedNote.sign(text: "forum.test\nact credential\nby ee\n", with: [forum.keys["ee"]!]).bytes
        case .unknownKey: body = try forum.credentialAct(by: "ee", seq: 2, [change], signer: try NoteSigner.generate(name: "ee.test/key"))
        case .badSignature: body = try TestForum.tamperingSignature(of: good)
        case .wrongOrigin: body = try forum.credentialAct(by: "ee", seq: 2, [change], origin: "other.forum")
        case .replayed: body = first
        case .sequenceGap: body = try forum.credentialAct(by: "ee", seq: 3, [change])
        case .suspendedMember: body = try forum.credentialAct(by: "ke", seq: 1, [change])
        case .unknownMember: body = try forum.credentialAct(by: "zz", seq: 1, [change], signer: forum.keys["ee"]!)
        case .nodeAct:
            body = try Act(origin: "forum.test", actor: .node, sequence: 2, body: .credential([change])).signed(by: [forum.node]).bytes
        case .wrongMediaType: contentType = "application/xml"  // application/json is the form with a sealed document
        case .missingMediaType: contentType = nil
        case .otherCharset: contentType = "text/plain; charset=iso-8859-1"
        }
        return (body, contentType, headers)
    }

    @Test("a refused act answers a JSON error and leaves log and state unchanged", arguments: Case.allCases)
    func refused(_ testCase: Case) async throws {
        let (node, first) = try await makeNode()
        let stateBefore = node.state
        let countBefore = try await node.store.entryCount()
        let (body, contentType, headers) = try request(for: testCase, first: first)
        try await withNode(node) { client in
            var fields = headers
            if let contentType { fields[.contentType] = contentType }
            let response = try await client.execute(uri: "/api/v1/acts", method: .post, headers: fields, body: ByteBuffer(bytes: body))
            let (status, code) = testCase.expected
            #expect(response.status == status)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let error = try response.decode(ErrorBody.self)
            #expect(error.error.code == code)
            #expect(!error.error.message.isEmpty)
        }
        #expect(try await node.store.entryCount() == countBefore)
        #expect(node.state == stateBefore)
    }
}

extension CredentialChange {
    var lineForTests: String {
        guard case .addToken(let token) = self else { return "" }
        return
            "add-token \(token.label) \(token.sha256.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())"
    }
}
