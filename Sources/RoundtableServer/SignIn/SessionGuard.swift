import HTTPTypes
import Hummingbird
import RoundtableDomain

/// The checks that keep a browser session's cookie from being used by another site: the `Origin` of a request that
/// changes something must be the node's own, and it must carry the session's CSRF token.
enum SessionGuard {
    /// The header a page's script sends the session's CSRF token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Refuses a request a page of another origin sent: its `Origin` header, when it has one, must be the node's
    /// public origin, or name the node as the request's `Host` does (a node reached directly, not through its public
    /// URL). A browser always sends `Origin` with these requests; programs need not.
    static func checkOrigin(_ request: Request, sessions: WebSessions) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard origin == sessions.publicOrigin || origin == "http://" + host || origin == "https://" + host else {
            throw APIError(.forbidden, code: "cross_origin", "a page of \(origin) may not act with this forum's session")
        }
    }

    /// The member whose session sent a request that changes something, when it comes with a session cookie: from
    /// this node's own pages (``checkOrigin(_:)``), with the session's CSRF token, signed in with one of the member's
    /// own keys (not a contact key). `nil` when the request has no session cookie.
    static func member(of request: Request, sessions: WebSessions, in state: ForumState) throws -> Member? {
        guard request.cookies[WebSessions.cookieName] != nil else { return nil }
        try checkOrigin(request, sessions: sessions)
        let session = try self.session(of: request, token: request.headers[csrfHeader], sessions: sessions)
        guard !session.isContactKey, let member = state.members[session.member], member.status == .active else {
            throw APIError(.forbidden, code: "not_allowed", "this session may not do that: sign in with one of your member's own keys")
        }
        return member
    }

    /// The open session of the request's cookie, when `token` is its CSRF token.
    /// - Throws: ``APIError`` `unauthenticated` without an open session, `csrf_refused` without its token.
    static func session(of request: Request, token: String?, sessions: WebSessions) throws -> WebSession {
        guard let session = sessions.session(request.cookies[WebSessions.cookieName]?.value) else {
            throw APIError(.unauthorized, code: "unauthenticated", "not signed in, or the session has ended; sign in again")
        }
        guard let token, constantTimeEqual(token, session.csrf) else {
            throw APIError(.forbidden, code: "csrf_refused", "this request does not carry the session's CSRF token; reload the page and try again")
        }
        return session
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
