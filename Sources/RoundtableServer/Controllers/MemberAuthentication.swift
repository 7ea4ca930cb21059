import Crypto
import HTTPTypes
import Hummingbird
import RoundtableDomain

/// Members' API tokens: the node never stores a token, only the SHA-256 a member registered with a `credential`
/// act; a presented token is hashed and looked up.
enum MemberAuthentication {
    /// The challenge a 401 for a Bearer token carries (RFC 9110 11.6.1).
    static let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"roundtable\""]

    /// The token of an `Authorization: Bearer TOKEN` header; the scheme name is case-insensitive (RFC 9110 11.1).
    static func bearerToken(_ request: Request) -> [UInt8]? {
        guard let value = request.headers[.authorization], value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
        return Array(value.utf8.dropFirst(7))
    }

    /// The member that registered this token's SHA-256, if any.
    static func member(presenting token: [UInt8], in state: ForumState) -> Member? {
        let digest = Array(SHA256.hash(data: token))
        return state.members.values.first { $0.tokens.contains { $0.sha256 == digest } }
    }

    /// The active member a request's Bearer token belongs to.
    static func member(for request: Request, in state: ForumState) throws -> Member {
        guard let token = bearerToken(request) else {
            throw APIError(
                .unauthorized, code: "unauthenticated",
                "send a member's API token as 'Authorization: Bearer TOKEN' (register its SHA-256 with a credential act)",
                headers: challenge)
        }
        guard let member = member(presenting: token, in: state) else {
            throw APIError(.unauthorized, code: "unauthenticated", "this API token is not registered to any member", headers: challenge)
        }
        guard member.status == .active else {
            throw APIError(.forbidden, code: "suspended_member", "member \(member.id) is suspended")
        }
        return member
    }
}
