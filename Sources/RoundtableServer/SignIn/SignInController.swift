import Foundation
import RoundtableAPI
import HTTPTypes
public import Hummingbird
import NIOCore
public import RoundtableDomain
public import RoundtableNode
import TransparencyLog

/// Signing in from the browser: `POST /api/v1/session/challenge` issues a challenge, `POST /api/v1/session` takes
/// the challenge signed by the delegate's key (in the browser, with WebCrypto) and opens a session in an `HttpOnly`,
/// `SameSite=Strict` cookie; `GET /api/v1/session` says who is signed in; `DELETE /api/v1/session` and the form
/// `POST /sign-out` close it.
///
/// The node never sees a private key. A session only tells the pages which member's actions to offer: every act is
/// still signed in the browser and verified like any other.
public struct SignInController<Store: ForumStore>: Sendable {
    /// The largest signed sign-in, or sign-out form, read.
    static var maximumSignIn: Int { 4096 }

    /// The forum signed in to.
    public let forum: ForumNode<Store>
    let sessions: WebSessions
    /// Whether the node is reached over TLS, so that the cookie is `Secure`.
    let secure: Bool

    /// Creates the controller.
    init(forum: ForumNode<Store>, sessions: WebSessions, publicURL: String) {
        self.forum = forum
        self.sessions = sessions
        secure = publicURL.hasPrefix("https://")
    }

    /// Adds the routes: the API's under `/api/v1`, the sign-out form's at the root.
    public func addRoutes(api: RouterGroup<some RequestContext>, root: Router<some RequestContext>) {
        api.post("session/challenge", use: challenge)
        api.post("session", use: signIn)
        api.get("session", use: current)
        api.delete("session", use: signOut)
        root.post("sign-out", use: signOutForm)
    }

    @Sendable func challenge(_ request: Request, context: some RequestContext) async throws -> Response {
        try SessionGuard.checkOrigin(request, sessions: sessions)
        let challenge = sessions.issueChallenge()
        let text = SignInMessage.text(origin: forum.state.origin, challenge: challenge)
        let answer = API.SignInChallenge(challenge: challenge, message: text, expiresIn: Int(WebSessions.challengeLifetime.components.seconds))
        var response = try answer.response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func signIn(_ request: Request, context: some RequestContext) async throws -> Response {
        try SessionGuard.checkOrigin(request, sessions: sessions)
        let body = try await RequestBody.collect(request, declaredLimit: Self.maximumSignIn, readLimit: Self.maximumSignIn) { _ in
            APIError(.contentTooLarge, code: "body_too_large", "a signed sign-in is at most \(Self.maximumSignIn) bytes")
        }
        let note: SignedNote
        do { note = try SignedNote(parsing: Array(buffer: body)) } catch {
            throw APIError(.badRequest, code: "sign_in_refused", "the body is not a signed note: \(error.message)")
        }
        let state = forum.state
        let challenge = try SignInMessage.challenge(in: note, origin: state.origin)
        guard sessions.take(challenge: challenge) else {
            throw APIError(
                .unauthorized, code: "sign_in_refused", "this challenge was not issued, has expired or was used already; ask for a new one")
        }
        let signer = try SignInMessage.signer(of: note, in: state)
        let session = sessions.open(member: signer.member, key: signer.key, contact: signer.contact)
        var response = try Self.describe(session, in: state).response(from: request, context: context)
        response.status = .created
        response.headers[.setCookie] = cookie(session.id, maxAge: Int(WebSessions.sessionLifetime.components.seconds))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func current(_ request: Request, context: some RequestContext) async throws -> Response {
        guard let session = sessions.session(request.cookies[WebSessions.cookieName]?.value) else {
            throw APIError(.unauthorized, code: "unauthenticated", "not signed in; sign in at /sign-in")
        }
        var response = try Self.describe(session, in: forum.state).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func signOut(_ request: Request, context: some RequestContext) async throws -> Response {
        try SessionGuard.checkOrigin(request, sessions: sessions)
        let session = try authorized(request, token: request.headers[SessionGuard.csrfHeader])
        sessions.close(session.id)
        return Response(status: .noContent, headers: [.setCookie: cookie("", maxAge: 0)])
    }

    @Sendable func signOutForm(_ request: Request, context: some RequestContext) async throws -> Response {
        try SessionGuard.checkOrigin(request, sessions: sessions)
        let form = String(buffer: try await RequestBody.collect(request, declaredLimit: Self.maximumSignIn, readLimit: Self.maximumSignIn) { _ in
            APIError(.contentTooLarge, code: "body_too_large", "the sign-out form is at most \(Self.maximumSignIn) bytes")
        })
        let token = form.split(separator: "&").first { $0.hasPrefix("csrf=") }.map { String($0.dropFirst(5)).removingPercentEncoding ?? "" }
        let session = try authorized(request, token: token)
        sessions.close(session.id)
        return Response(status: .seeOther, headers: [.location: "/", .setCookie: cookie("", maxAge: 0)])
    }

    /// The session of the request's cookie, when the request also carries its CSRF token.
    private func authorized(_ request: Request, token: String?) throws -> WebSession {
        try SessionGuard.session(of: request, token: token, sessions: sessions)
    }

    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(WebSessions.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func describe(_ session: WebSession, in state: ForumState) -> API.Session {
        let member = state.members[session.member]
        return API.Session(
            member: session.member.rawValue, name: member?.displayName ?? session.memberName, key: session.key.description,
            contactKey: session.isContactKey, csrf: session.csrf, nextSeq: (member?.lastSequence ?? 0) + 1)
    }
}
