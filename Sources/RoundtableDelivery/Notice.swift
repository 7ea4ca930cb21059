public import Foundation

/// What the node tells a recipient: that something awaits it, and where to fetch it.
///
/// A notice never carries sealed content, only what to fetch: the recipient reads the item at ``fetch`` with its
/// own token. Its JSON form has snake_case keys in sorted order and no white space, and leaves out absent optional
/// fields, so the same notice always gives the same bytes (which a webhook signs).
public struct Notice: Codable, Sendable, Hashable {
    /// The forum's origin, for example `forum.example.org`.
    public var forum: String
    /// What awaits the recipient.
    public var kind: NoticeKind
    /// The log index of the act that calls for the notice.
    public var index: UInt64
    /// The recipient member's id.
    public var member: String
    /// The id of the member's contact the notice is for, if it is for one.
    public var contact: String?
    /// The absolute URL where the recipient reads what awaits it, with its token.
    public var fetch: String
    /// A check's challenge, 32 lowercase hexadecimal digits, which the contact returns in its signed acknowledgement.
    public var nonce: String?
    /// The deadline, RFC 3339 in UTC (`2025-07-01T12:00:00Z`).
    public var deadline: String?

    /// Creates a notice.
    /// - Parameters:
    ///   - forum: The forum's origin.
    ///   - kind: What awaits the recipient.
    ///   - index: The log index of the act that calls for the notice.
    ///   - member: The recipient member's id.
    ///   - contact: The contact's id, if the notice is for one.
    ///   - fetch: The absolute URL where the recipient reads what awaits it.
    ///   - nonce: A check's challenge, 32 lowercase hexadecimal digits.
    ///   - deadline: The deadline, RFC 3339 in UTC.
    public init(
        forum: String, kind: NoticeKind, index: UInt64, member: String, contact: String? = nil, fetch: String, nonce: String? = nil,
        deadline: String? = nil
    ) {
        self.forum = forum
        self.kind = kind
        self.index = index
        self.member = member
        self.contact = contact
        self.fetch = fetch
        self.nonce = nonce
        self.deadline = deadline
    }

    private enum CodingKeys: String, CodingKey {
        case forum, kind, index, member, contact, fetch, nonce, deadline
    }

    /// The notice's JSON bytes: sorted snake_case keys, no white space, slashes not escaped.
    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and an enum's raw value cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// Decodes a notice from its JSON bytes.
    /// - Parameter json: The bytes of a webhook's body.
    public init(json: some DataProtocol) throws {
        self = try JSONDecoder().decode(Notice.self, from: Data(json))
    }
}
