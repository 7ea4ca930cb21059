import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// Signing in from the browser, through the real router: the challenge, the signed sign-in, the session cookie,
/// every refusal, signing out, and the acts the proposal page then offers.
@Suite("Signing in from the browser")
struct SignInTests {
    let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)

    /// A forum whose proposal by Estonia has its ballot open (France objected).
    func withBallot(_ test: @escaping @Sendable (UInt64, any TestClientProtocol) async throws -> Void) async throws {
        var scenario = try GovernanceScenario(forum: forum)
        let proposal = try scenario.propose("ee", .norm, title: "Protect critical infrastructure")
        try scenario.runClerk()
        try scenario.act("fr", .object(proposal: proposal, reason: nil))
        try scenario.runClerk()
        #expect(scenario.proposal(proposal)?.stage == .ballot)
        let node = try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in try await test(proposal, client) }
    }

    static let textPlain: HTTPFields = [.contentType: "text/plain; charset=utf-8"]

    /// The challenge message the node issues.
    static func challenge(_ client: any TestClientProtocol, headers: HTTPFields = [:]) async throws -> String {
        let response = try await client.execute(uri: "/api/v1/session/challenge", method: .post, headers: headers)
        #expect(response.status == .created)
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return try #require(body?["message"] as? String)
    }

    static func post(_ client: any TestClientProtocol, _ note: [UInt8], headers: HTTPFields = textPlain) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/session", method: .post, headers: headers, body: ByteBuffer(bytes: note))
    }

    /// Signs in with a key; returns the session cookie's value and the CSRF token.
    func signIn(_ client: any TestClientProtocol, as member: String) async throws -> (cookie: String, csrf: String) {
        try await Self.signIn(client, forum: forum, as: member)
    }

    /// Signs in as a member of a test forum; returns the session cookie's value and the CSRF token.
    static func signIn(_ client: any TestClientProtocol, forum: TestForum, as member: String) async throws -> (cookie: String, csrf: String) {
        let note = try SignedNote.sign(text: try await Self.challenge(client), with: [try #require(forum.keys[member])])
        let response = try await Self.post(client, note.bytes)
        #expect(response.status == .created)
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = try #require(setCookie.firstMatch(of: /^roundtable_session=([A-Za-z0-9_-]{43});/)).1
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return (String(cookie), try #require(body?["csrf"] as? String))
    }

    static func errorCode(_ response: TestResponse) -> String? {
        let body = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: [String: String]]
        return body?["error"]?["code"]
    }

    @Test("a delegate signs the node's challenge with its member's key and gets an HttpOnly, SameSite=Strict session")
    func signsIn() async throws {
        try await withBallot { _, client in
            let message = try await Self.challenge(client)
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 4 && lines[0] == "forum.test" && lines[1] == "sign-in" && lines[2].hasPrefix("challenge "))
            let note = try SignedNote.sign(text: message, with: [try #require(forum.keys["fr"])])
            let response = try await Self.post(client, note.bytes)
            #expect(response.status == .created)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasSuffix("; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict"), "\(cookie)")
            #expect(response.headers[.cacheControl] == "no-store")
            let value = try #require(cookie.split(separator: ";").first)
            let current = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: String(value)])
            #expect(current.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(String(buffer: current.body).utf8)) as? [String: Any]
            #expect(body?["member"] as? String == "fr" && body?["contact_key"] as? Bool == false)
            #expect(body?["key"] as? String == forum.keys["fr"]?.verifier.description)
            // Without the cookie, or with one the node never issued, nobody is signed in.
            #expect(try await client.execute(uri: "/api/v1/session", method: .get).status == .unauthorized)
            let forged = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: "roundtable_session=forged"])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test("a node served over TLS marks the session cookie Secure")
    func secureCookie() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        let tls = RoundtableConfiguration(publicURL: "https://forum.test", checkpointInterval: nil, clerkInterval: nil)
        try await withNode(node, configuration: tls) { client in
            let note = try SignedNote.sign(text: try await Self.challenge(client), with: [try #require(forum.keys["ee"])])
            let response = try await Self.post(client, note.bytes)
            #expect(response.headers[.setCookie]?.hasSuffix("; HttpOnly; SameSite=Strict; Secure") == true)
        }
    }

    @Test("a challenge is used once; an unknown challenge, another forum's, an act, a malformed or oversized body open nothing")
    func refusals() async throws {
        try await withBallot { proposal, client in
            let key = try #require(forum.keys["fr"])
            let note = try SignedNote.sign(text: try await Self.challenge(client), with: [key])
            #expect(try await Self.post(client, note.bytes).status == .created)
            let replayed = try await Self.post(client, note.bytes)
            #expect(replayed.status == .unauthorized && Self.errorCode(replayed) == "sign_in_refused")
            let unknown = try SignedNote.sign(text: "forum.test\nsign-in\nchallenge never-issued\n", with: [key])
            #expect(try await Self.post(client, unknown.bytes).status == .unauthorized)
            let message = try await Self.challenge(client)
            let elsewhere = try SignedNote.sign(text: message.replacingOccurrences(of: "forum.test", with: "other.test"), with: [key])
            let foreign = try await Self.post(client, elsewhere.bytes)
            #expect(foreign.status == .badRequest && Self.errorCode(foreign) == "sign_in_refused")
            let act = try forum.act(by: "fr", seq: 2, .vote(proposal: proposal, choice: .yes))
            let asAct = try await Self.post(client, act)
            #expect(asAct.status == .badRequest && Self.errorCode(asAct) == "sign_in_refused")
            #expect(try await Self.post(client, Array("not a note".utf8)).status == .badRequest)
            let huge = try await Self.post(client, [UInt8](repeating: 0x61, count: 10_000))
            #expect(huge.status == .contentTooLarge)
            // The challenge refused with the other forum's origin was not used up by it, and still signs in.
            #expect(try await Self.post(client, try SignedNote.sign(text: message, with: [key]).bytes).status == .created)
        }
    }

    @Test("a key of the right name and ID but another private key, and a key no member registered, are refused")
    func wrongKeys() async throws {
        try await withBallot { _, client in
            let real = try #require(forum.keys["fr"])
            let impostor = try NoteSigner(name: real.name, privateKey: Curve25519.Signing.PrivateKey())
            // Same name, same key ID written on the signature line: the node finds France's key, which does not verify it.
            let signed = try SignedNote.sign(text: try await Self.challenge(client), with: [impostor])
            let forged = try SignedNote(
                text: signed.text,
                signatures: [NoteSignature(keyName: real.name, keyID: real.verifier.keyID, signature: signed.signatures[0].signature)])
            let refused = try await Self.post(client, forged.bytes)
            #expect(refused.status == .unauthorized && Self.errorCode(refused) == "sign_in_refused")
            #expect(String(buffer: refused.body).contains("does not verify"))
            #expect(refused.headers[.setCookie] == nil)
            let stranger = try NoteSigner.generate(name: "stranger.example")
            let unknown = try await Self.post(client, try SignedNote.sign(text: try await Self.challenge(client), with: [stranger]).bytes)
            #expect(unknown.status == .unauthorized && String(buffer: unknown.body).contains("not registered"))
        }
    }

    @Test("another origin can neither sign in nor out, signing out needs the CSRF token, and a closed session is gone")
    func crossOriginAndCSRF() async throws {
        try await withBallot { _, client in
            let evil: HTTPFields = [.origin: "http://evil.example", .contentType: "text/plain; charset=utf-8"]
            let challenge = try await client.execute(uri: "/api/v1/session/challenge", method: .post, headers: evil)
            #expect(challenge.status == .forbidden && Self.errorCode(challenge) == "cross_origin")
            let session = try await signIn(client, as: "fr")
            let cookie: HTTPFields = [.cookie: "roundtable_session=\(session.cookie)"]
            let csrf = HTTPField.Name("X-CSRF-Token")!
            let noToken = try await client.execute(uri: "/api/v1/session", method: .delete, headers: cookie)
            #expect(noToken.status == .forbidden && Self.errorCode(noToken) == "csrf_refused")
            var wrong = cookie
            wrong[csrf] = "guess"
            #expect(try await client.execute(uri: "/api/v1/session", method: .delete, headers: wrong).status == .forbidden)
            var foreign = cookie
            foreign[csrf] = session.csrf
            foreign[.origin] = "http://evil.example"
            #expect(try await client.execute(uri: "/api/v1/session", method: .delete, headers: foreign).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/session", method: .get, headers: cookie).status == .ok, "still signed in")
            // The form of the pages' header: the token in the body.
            var form = cookie
            form[.contentType] = "application/x-www-form-urlencoded"
            let out = try await client.execute(
                uri: "/sign-out", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(session.csrf)"))
            #expect(out.status == .seeOther && out.headers[.location] == "/")
            #expect(out.headers[.setCookie]?.hasPrefix("roundtable_session=; Path=/; Max-Age=0") == true)
            #expect(try await client.execute(uri: "/api/v1/session", method: .get, headers: cookie).status == .unauthorized)
        }
    }

    @Test("the proposal page offers a signed-in member the acts it may sign, with the command line for everyone")
    func proposalPageActions() async throws {
        try await withBallot { proposal, client in
            let anonymous = try await Page(client, "/proposals/\(proposal)")
            #expect(anonymous.contains("<a href=\"/sign-in?next=/proposals/\(proposal)\">Sign in</a>"))
            #expect(!anonymous.contains("class=\"act-form\""))
            #expect(anonymous.contains("roundtable vote --node http://127.0.0.1:8080 --key KEY-FILE --proposal \(proposal) --choice yes|no|abstain"))
            #expect(anonymous.contains("roundtable explain --node http://127.0.0.1:8080 --key KEY-FILE --proposal \(proposal) --text TEXT"))
            #expect(!anonymous.contains("roundtable withdraw"), "no withdrawal once the ballot is open")

            let france = try await signIn(client, as: "fr")
            let page = Page(try await client.execute(
                uri: "/proposals/\(proposal)", method: .get, headers: [.cookie: "roundtable_session=\(france.cookie)"]))
            #expect(page.contains("Signed in for Member fr"))
            #expect(page.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(france.csrf)\">"))
            #expect(page.contains(
                "<form class=\"act-form\" id=\"form-vote\" hidden data-act=\"vote\" data-origin=\"forum.test\" data-by=\"fr\" "
                    + "data-lines=\"proposal,choice\""))
            #expect(page.contains("id=\"form-explain\""))
            // Estonia proposed the text: it may vote on it but not explain its vote on it.
            let estonia = try await signIn(client, as: "ee")
            let proposer = Page(try await client.execute(
                uri: "/proposals/\(proposal)", method: .get, headers: [.cookie: "roundtable_session=\(estonia.cookie)"]))
            #expect(proposer.contains("id=\"form-vote\"") && !proposer.contains("id=\"form-explain\""))
        }
    }

    @Test("in a consensus call, a member may ask for a recorded vote and the proposer may withdraw")
    func consensusCallActions() async throws {
        var scenario = try GovernanceScenario(forum: forum)
        let proposal = try scenario.propose("ee", .norm, title: "Protect critical infrastructure")
        try scenario.runClerk()
        #expect(scenario.proposal(proposal)?.stage == .consensusCall)
        let node = try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
            for (member, object, withdraw) in [("fr", true, false), ("ee", true, true)] {
                let session = try await signIn(client, as: member)
                let page = Page(try await client.execute(
                    uri: "/proposals/\(proposal)", method: .get, headers: [.cookie: "roundtable_session=\(session.cookie)"]))
                #expect(page.contains("id=\"form-object\"") == object && page.contains("data-lines=\"proposal,reason\" data-optional=\"reason\""))
                #expect(page.contains("id=\"form-withdraw\"") == withdraw, "\(member)")
                #expect(!page.contains("id=\"form-vote\""), "no ballot yet")
            }
        }
    }

    @Test("the sign-in page returns only to a path of this site, and carries the strict content security policy")
    func signInPage() async throws {
        try await withBallot { proposal, client in
            let page = try await Page(client, "/sign-in?next=/proposals/\(proposal)")
            #expect(page.status == .ok && page.contains("data-next=\"/proposals/\(proposal)\""))
            #expect(page.contains("<form id=\"sign-in\" class=\"sign-in\" hidden"), "the form waits for the script")
            #expect(page.contains("<noscript>"))
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                #expect(try await Page(client, "/sign-in?next=\(encoded)").contains("data-next=\"/\""), "\(next)")
            }
            let response = try await client.execute(uri: "/sign-in", method: .get)
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self';") == true)
            #expect(response.headers[.contentSecurityPolicy]?.contains("'unsafe-inline'") == false)
        }
    }

    @Test("a delegate posts a proposal's text with its session and CSRF token; without the token, or from another origin, nothing is stored")
    func documentWithSession() async throws {
        try await withBallot { _, client in
            #expect(try await client.execute(uri: "/proposals/new", method: .get).headers[.location] == "/sign-in?next=/proposals/new")
            let france = try await signIn(client, as: "fr")
            var headers: HTTPFields = [.cookie: "roundtable_session=\(france.cookie)", .contentType: "text/markdown; charset=utf-8"]
            let form = Page(try await client.execute(uri: "/proposals/new", method: .get, headers: headers))
            #expect(form.status == .ok && form.source.contains("data-act=\"propose\"") && form.source.contains("data-upload=\"text\""))
            let text = ByteBuffer(string: "# A norm\n\nMembers share indicators.\n")
            let noToken = try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: text)
            #expect(noToken.status == .forbidden && Self.errorCode(noToken) == "csrf_refused")
            headers[SessionGuardHeader.csrf] = france.csrf
            var foreign = headers
            foreign[.origin] = "http://evil.example"
            let crossOrigin = try await client.execute(uri: "/api/v1/documents", method: .post, headers: foreign, body: text)
            #expect(crossOrigin.status == .forbidden && Self.errorCode(crossOrigin) == "cross_origin")
            let stored = try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: text)
            #expect(stored.status == .created)
            let digest = Hex.encode(SHA256.hash(data: Data("# A norm\n\nMembers share indicators.\n".utf8)))
            #expect(try await client.execute(uri: "/api/v1/documents/\(digest)", method: .get).status == .ok)
            #expect(String(buffer: noToken.body).contains("reload the page"))
        }
    }
}

/// The header name the pages' script sends the CSRF token in.
enum SessionGuardHeader {
    static let csrf = HTTPField.Name("X-CSRF-Token")!
}
