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

extension CollectionDefinition {
    /// Whether a reader may read the collection at all.
    func canRead(_ reader: TLPPolicy.Reader) -> Bool {
        switch reader {
        case .anonymous: isPublic
        case .member(let id): readers.contains(id) || isPublic
        }
    }

    /// Whether a reader may add objects.
    func canWrite(_ reader: TLPPolicy.Reader) -> Bool {
        if case .member(let id) = reader { writers.contains(id) } else { false }
    }

    /// Whom a reader reads the collection as: a member who is not among a public collection's readers reads it as the
    /// public does (its TLP:CLEAR objects), since it could read that much without credentials anyway.
    func view(of reader: TLPPolicy.Reader) -> TLPPolicy.Reader {
        if case .member(let id) = reader, !readers.contains(id) { .anonymous } else { reader }
    }

    /// Whether a reader is in the audience that AMBER objects reach.
    func isAudience(_ reader: TLPPolicy.Reader) -> Bool {
        if case .member(let id) = reader { audience.contains(id) } else { false }
    }
}
