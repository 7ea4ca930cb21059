import Foundation
import HTTPTypes
import Hummingbird
import RoundtableDomain
import RoundtableExchange

/// Who a TAXII request comes from: HTTP Basic, the member id as user name and an API token as password (its SHA-256
/// registered by the member's `credential` act); no credentials at all is the anonymous public.
enum TAXIIReader {
    static let challenge: HTTPFields = [.wwwAuthenticate: "Basic realm=\"roundtable\", charset=\"UTF-8\""]

    static func reader(_ request: Request, state: ForumState) throws -> TLPPolicy.Reader {
        guard let value = request.headers[.authorization] else { return .anonymous }
        guard value.count > 6, value.prefix(6).lowercased() == "basic ",
            let decoded = Data(base64Encoded: String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            throw TAXIIError(.unauthorized, "Unauthorized", "send HTTP Basic credentials: your member id and an API token", headers: challenge)
        }
        let user = String(text[..<colon])
        let token = Array(text[text.index(after: colon)...].utf8)
        guard let member = MemberAuthentication.member(presenting: token, in: state), member.id.rawValue == user else {
            throw TAXIIError(.unauthorized, "Unauthorized", "unknown member or API token", headers: challenge)
        }
        guard member.status == .active else { throw TAXIIError(.forbidden, "Forbidden", "member \(member.id) is suspended") }
        return .member(member.id)
    }

    /// The reader, which must be a member.
    static func member(_ request: Request, state: ForumState) throws -> MemberID {
        guard case .member(let id) = try reader(request, state: state) else {
            throw TAXIIError(.unauthorized, "Unauthorized", "this request needs a member's credentials", headers: challenge)
        }
        return id
    }
}
