import Crypto
import HTTPTypes
import Hummingbird

/// The operator's token (`admin.token` in the data directory), which authenticates the operator's routes: the admin
/// API and `/metrics`. The node keeps only its SHA-256.
struct OperatorToken: Sendable {
    /// The SHA-256 of the token.
    let digest: [UInt8]

    /// Checks that a request carries the token as `Authorization: Bearer TOKEN`.
    /// - Throws: ``APIError`` 401 `unauthenticated`, saying where the token is, when it does not.
    func authenticate(_ request: Request) throws {
        guard let token = MemberAuthentication.bearerToken(request), Array(SHA256.hash(data: token)) == digest else {
            throw APIError(
                .unauthorized,
                code: "unauthenticated",
                "send the operator's token from the data directory's admin.token as 'Authorization: Bearer TOKEN'",
                headers: MemberAuthentication.challenge)
        }
    }
}
