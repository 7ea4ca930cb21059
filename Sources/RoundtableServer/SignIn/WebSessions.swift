import Foundation
import RoundtableDomain
import Synchronization
import TransparencyLog

/// A delegate's session in the browser, opened by signing a challenge with one of the member's keys or one of its
/// contact keys. It proves who is at the keyboard to the pages (which then offer that member's actions); it
/// authorises nothing by itself: every act is still signed in the browser by the delegate's key.
struct WebSession: Sendable {
    /// The cookie's value: 32 random bytes, base64url.
    let id: String
    /// The member signed in.
    let member: MemberID
    /// The member's name when the session opened.
    let memberName: String
    /// The key that signed the challenge.
    let key: NoteVerifier
    /// The contact whose key signed in, if it is a contact key (which signs acknowledgements and answers only).
    let contact: String?
    /// Whether a contact key signed in.
    var isContactKey: Bool { contact != nil }
    /// The token a form or script sends back with every change it asks for (`csrf` field, `X-CSRF-Token` header).
    let csrf: String
    /// When the session ends, whatever happens.
    let expires: ContinuousClock.Instant
}

/// The outstanding sign-in challenges and the open sessions, in memory: a node that restarts signs everybody out,
/// and nothing about a session ever reaches the disk.
final class WebSessions: Sendable {
    /// The name of the session cookie.
    static let cookieName = "roundtable_session"
    /// How long a challenge may be answered.
    static let challengeLifetime: Duration = .seconds(300)
    /// How long a session lasts: a working day.
    static let sessionLifetime: Duration = .seconds(8 * 3600)
    /// The most challenges outstanding at once: beyond it the oldest gives way, so that asking for challenges in
    /// bulk cannot keep anyone from signing in (a delegate answers its own within a second).
    static let maximumChallenges = 100_000
    /// The most sessions open at once; the oldest is closed to make room.
    static let maximumSessions = 100_000

    /// The node's own origin, `scheme://host[:port]` of its public URL: requests from it are the node's pages.
    let publicOrigin: String

    /// Creates the store.
    /// - Parameter publicURL: The node's public URL.
    init(publicURL: String) {
        publicOrigin = String(publicURL.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).prefix(3).joined(separator: "/"))
    }

    private struct State {
        var challenges: [String: ContinuousClock.Instant] = [:]
        /// The challenges in the order issued, for giving way oldest first.
        var order: [String] = []
        var sessions: [String: WebSession] = [:]
    }
    private let state = Mutex(State())

    /// A new challenge.
    func issueChallenge() -> String {
        let now = ContinuousClock.now
        let challenge = Self.randomToken()
        state.withLock { state in
            if state.order.count >= Self.maximumChallenges {
                // Drop what was used or expired, then, if still full, the oldest half.
                state.order.removeAll { state.challenges[$0].map { $0 <= now } ?? true }
                if state.order.count >= Self.maximumChallenges {
                    for old in state.order.prefix(Self.maximumChallenges / 2) { state.challenges[old] = nil }
                    state.order.removeFirst(Self.maximumChallenges / 2)
                }
            }
            state.challenges[challenge] = now + Self.challengeLifetime
            state.order.append(challenge)
        }
        return challenge
    }

    /// Uses up a challenge: `true` once, if it was issued and has not expired.
    func take(challenge: String) -> Bool {
        state.withLock { state in
            guard let expires = state.challenges.removeValue(forKey: challenge) else { return false }
            return expires > ContinuousClock.now
        }
    }

    /// Opens a session.
    func open(member: Member, key: NoteVerifier, contact: String?) -> WebSession {
        let session = WebSession(
            id: Self.randomToken(), member: member.id, memberName: member.displayName, key: key, contact: contact, csrf: Self.randomToken(),
            expires: .now + Self.sessionLifetime)
        state.withLock { state in
            if state.sessions.count >= Self.maximumSessions {
                let now = ContinuousClock.now
                state.sessions = state.sessions.filter { $0.value.expires > now }
                if state.sessions.count >= Self.maximumSessions, let oldest = state.sessions.min(by: { $0.value.expires < $1.value.expires }) {
                    state.sessions[oldest.key] = nil
                }
            }
            state.sessions[session.id] = session
        }
        return session
    }

    /// The open session with this id, if it has not expired.
    func session(_ id: String?) -> WebSession? {
        guard let id else { return nil }
        return state.withLock { state in
            guard let session = state.sessions[id] else { return nil }
            guard session.expires > .now else {
                state.sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// Closes a session.
    func close(_ id: String) {
        _ = state.withLock { $0.sessions.removeValue(forKey: id) }
    }

    /// 32 bytes from the system's cryptographic generator, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
