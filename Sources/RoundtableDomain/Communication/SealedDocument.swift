import Foundation
import TransparencyLog

/// A document a communication act commits to by its SHA-256 and that only its readers see: a contact's details, a
/// request's content, an answer's content. Each carries a random `salt` (32 lowercase hex digits), so that its hash in
/// the public log cannot be confirmed by guessing the text.
public protocol SealedDocument: Encodable, Sendable {
    /// 16 random bytes as 32 lowercase hex digits.
    var salt: String { get }
    /// Reads a document from its JSON object's fields, the names ``SealedDocuments/encode(_:)`` writes.
    init(fields: SealedFields) throws(ActError)
    /// Refuses a document whose fields break the rules (`docs/communication.md`), saying which field and why.
    func validate() throws(ActError)
}

/// Reading and checking sealed documents.
public enum SealedDocuments {
    /// The largest sealed document, in bytes.
    public static let maximumSize = 256 * 1024

    /// Decodes and checks a sealed document, and that its SHA-256 is the commitment an act carries.
    /// - Parameters:
    ///   - bytes: The document's bytes, exactly as hashed.
    ///   - type: The document's type.
    ///   - commitment: The SHA-256 the act carries.
    public static func open<Document: SealedDocument>(_ bytes: [UInt8], as type: Document.Type, commitment: [UInt8]) throws(ActError) -> Document {
        guard bytes.count <= maximumSize else {
            throw ActError(.tooLarge, "a sealed document is at most \(maximumSize) bytes; this one has \(bytes.count)")
        }
        guard Digest.sha256(bytes) == commitment else {
            throw ActError(.malformedAct, "the sealed document's SHA-256 is not the one the act commits to; send the exact bytes that were hashed")
        }
        let document = try decode(bytes, as: Document.self)
        try check(salt: document.salt)
        try document.validate()
        return document
    }

    /// Decodes a sealed document, without checking its commitment or its fields' rules: for documents the node already
    /// accepted.
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - type: The document's type.
    /// - Throws: ``ActError`` naming the field that is missing or of the wrong type.
    public static func decode<Document: SealedDocument>(_ bytes: [UInt8], as type: Document.Type) throws(ActError) -> Document {
        do { return try Document(fields: try SealedFields(parsing: bytes)) } catch {
            throw ActError(.malformedAct, "the sealed document is not a valid \(Document.self) JSON object: \(error.message)")
        }
    }

    /// A fresh salt: 16 random bytes as 32 lowercase hex digits.
    public static func salt() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The bytes of a document to seal: JSON with sorted keys, whose SHA-256 the act then carries.
    /// - Parameter document: The document.
    public static func encode(_ document: some SealedDocument) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(document))
    }

    /// The SHA-256 an act carries for these bytes.
    /// - Parameter bytes: A sealed document's bytes.
    public static func commitment(_ bytes: [UInt8]) -> [UInt8] { Digest.sha256(bytes) }

    private static func check(salt: String) throws(ActError) {
        guard salt.utf8.count == 32, salt.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw ActError(.malformedAct, "salt: 16 random bytes as 32 lowercase hex digits")
        }
    }

    /// Refuses a text field that is empty when required, too long, or holds control characters (line breaks allowed
    /// where `multiline`).
    static func text(_ value: String?, _ field: String, required: Bool = false, maximum: Int, multiline: Bool = false) throws(ActError) {
        guard let value, !value.isEmpty else {
            if required { throw ActError(.malformedAct, "\(field): required") }
            return
        }
        // A character is at least one byte: only a text of more bytes than the maximum needs its characters counted.
        guard value.utf8.count <= maximum || value.count <= maximum else {
            throw ActError(.malformedAct, "\(field): at most \(maximum) characters")
        }
        // The control characters (general category Cc) are exactly U+0000–U+001F and U+007F–U+009F.
        let isControl = { (scalar: Unicode.Scalar) in scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) }
        guard !value.unicodeScalars.contains(where: { isControl($0) && !(multiline && $0 == "\n") }) else {
            throw ActError(.malformedAct, "\(field): no control characters\(multiline ? " other than line breaks" : "")")
        }
    }

    /// Refuses a webhook URL that is not `https`, except `http` to a loopback address (for tests).
    /// - Parameter url: The URL.
    public static func checkWebhook(_ url: String) throws(ActError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host, url.count <= 2_000 else {
            throw ActError(.malformedAct, "webhook: not a URL")
        }
        let loopback = ["127.0.0.1", "::1", "localhost", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ActError(.malformedAct, "webhook: use an https:// URL (http:// only to a loopback address, for tests)")
        }
    }
}

/// A point of contact's details, sealed: members read them, the log holds their hash.
public struct ContactDetails: SealedDocument, Hashable {
    public var salt: String
    /// The person's name.
    public var name: String
    /// Their title or function.
    public var title: String?
    /// Their organisation (a ministry, a national CERT, a police unit).
    public var organisation: String
    /// The languages they work in, as BCP 47 tags (`en`, `fr`, `es-419`).
    public var languages: [String]
    /// Working hours (`Mon-Fri 09:00-17:00`), or `24/7`.
    public var hours: String
    /// The IANA time zone of the working hours (`Europe/Tallinn`); not needed for `24/7`.
    public var timeZone: String?
    /// An e-mail address.
    public var email: String?
    /// A telephone number.
    public var phone: String?
    /// An `https` URL the node POSTs signed notices to.
    public var webhook: String?

    private enum CodingKeys: String, CodingKey {
        case salt, name, title, organisation, languages, hours, timeZone = "time_zone", email, phone, webhook
    }

    /// Creates details with a fresh salt.
    public init(
        name: String, title: String? = nil, organisation: String, languages: [String], hours: String, timeZone: String? = nil,
        email: String? = nil, phone: String? = nil, webhook: String? = nil
    ) {
        self.salt = SealedDocuments.salt()
        self.name = name
        self.title = title
        self.organisation = organisation
        self.languages = languages
        self.hours = hours
        self.timeZone = timeZone
        self.email = email
        self.phone = phone
        self.webhook = webhook
    }

    public init(fields: SealedFields) throws(ActError) {
        salt = try fields.string(CodingKeys.salt.rawValue)
        name = try fields.string(CodingKeys.name.rawValue)
        title = try fields.optionalString(CodingKeys.title.rawValue)
        organisation = try fields.string(CodingKeys.organisation.rawValue)
        languages = try fields.strings(CodingKeys.languages.rawValue)
        hours = try fields.string(CodingKeys.hours.rawValue)
        timeZone = try fields.optionalString(CodingKeys.timeZone.rawValue)
        email = try fields.optionalString(CodingKeys.email.rawValue)
        phone = try fields.optionalString(CodingKeys.phone.rawValue)
        webhook = try fields.optionalString(CodingKeys.webhook.rawValue)
    }

    public func validate() throws(ActError) {
        try SealedDocuments.text(name, "name", required: true, maximum: 200)
        try SealedDocuments.text(title, "title", maximum: 200)
        try SealedDocuments.text(organisation, "organisation", required: true, maximum: 200)
        guard !languages.isEmpty, languages.count <= 20, languages.allSatisfy(Self.isLanguageTag) else {
            throw ActError(.malformedAct, "languages: one to 20 BCP 47 tags, such as en, fr or es-419")
        }
        try SealedDocuments.text(hours, "hours", required: true, maximum: 200)
        if hours != "24/7" {
            guard let timeZone, TimeZone(identifier: timeZone) != nil else {
                throw ActError(.malformedAct, "time_zone: give the IANA time zone of the working hours (Europe/Tallinn), or hours 24/7")
            }
        }
        guard email != nil || phone != nil || webhook != nil else {
            throw ActError(.malformedAct, "a contact is reachable: give an email, a phone or a webhook")
        }
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), email.count <= 254, !email.contains(" ") else {
                throw ActError(.malformedAct, "email: not an e-mail address")
            }
        }
        try SealedDocuments.text(phone, "phone", maximum: 40)
        if let webhook { try SealedDocuments.checkWebhook(webhook) }
    }

    private static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

/// What a request says, sealed: only the requester and the recipients read it.
public struct RequestContent: SealedDocument, Hashable {
    /// What is asked.
    public enum Kind: String, CaseIterable, Codable, Sendable, Hashable {
        case information, assistance, preservation, notification, consultation
    }

    public var salt: String
    /// What is asked.
    public var kind: Kind
    /// The recipients, in ascending order: the act names them too when the parties are public.
    public var to: [MemberID]
    /// The subject, one line.
    public var subject: String
    /// The body, Markdown.
    public var body: String
    /// The TLP level of the content: `clear`, `green`, `amber`, `amber+strict` or `red`.
    public var tlp: String
    /// Exchange objects the request refers to, by STIX id.
    public var references: [String]
    /// When an answer is wanted by, RFC 3339 UTC.
    public var answerBy: String?

    private enum CodingKeys: String, CodingKey {
        case salt, kind, to, subject, body, tlp, references, answerBy = "answer_by"
    }

    private static let tlpLevels: Set<String> = ["clear", "green", "amber", "amber+strict", "red"]

    /// Creates content with a fresh salt.
    public init(kind: Kind, to: [MemberID], subject: String, body: String, tlp: String, references: [String] = [], answerBy: String? = nil) {
        self.salt = SealedDocuments.salt()
        self.kind = kind
        self.to = to.sorted()
        self.subject = subject
        self.body = body
        self.tlp = tlp
        self.references = references
        self.answerBy = answerBy
    }

    public init(fields: SealedFields) throws(ActError) {
        salt = try fields.string(CodingKeys.salt.rawValue)
        kind = try fields.value(CodingKeys.kind.rawValue, as: Kind.self)
        var to: [MemberID] = []
        for id in try fields.strings(CodingKeys.to.rawValue) {
            do { to.append(try MemberID(id)) } catch { throw ActError(.malformedAct, "the field 'to' has the wrong type: \(error.message)") }
        }
        self.to = to
        subject = try fields.string(CodingKeys.subject.rawValue)
        body = try fields.string(CodingKeys.body.rawValue)
        tlp = try fields.string(CodingKeys.tlp.rawValue)
        references = try fields.strings(CodingKeys.references.rawValue)
        answerBy = try fields.optionalString(CodingKeys.answerBy.rawValue)
    }

    public func validate() throws(ActError) {
        try SealedDocuments.text(subject, "subject", required: true, maximum: 200)
        try SealedDocuments.text(body, "body", required: true, maximum: 100_000, multiline: true)
        guard Self.tlpLevels.contains(tlp) else { throw ActError(.malformedAct, "tlp: clear, green, amber, amber+strict or red") }
        // Each recipient before the next: in ascending order, and so each once.
        guard !to.isEmpty, zip(to, to.dropFirst()).allSatisfy({ $0 < $1 }), to.count <= RequestDraft.maximumRecipients else {
            throw ActError(.malformedAct, "to: the recipients, once each, in ascending order")
        }
        guard references.count <= 100, references.allSatisfy({ $0.contains("--") && $0.count <= 200 && !$0.contains(" ") }) else {
            throw ActError(.malformedAct, "references: at most 100 STIX ids (type--uuid)")
        }
        if let answerBy { _ = try Timestamp(parsing: answerBy) }
    }
}

/// What an answer says, sealed: only the requester and the recipient read it.
public struct AnswerContent: SealedDocument, Hashable {
    public var salt: String
    /// The answer's text, Markdown: the reason of a refusal, what information is needed, what is provided.
    public var body: String

    /// Creates content with a fresh salt.
    public init(body: String) {
        self.salt = SealedDocuments.salt()
        self.body = body
    }

    public init(fields: SealedFields) throws(ActError) {
        salt = try fields.string("salt")
        body = try fields.string("body")
    }

    public func validate() throws(ActError) {
        try SealedDocuments.text(body, "body", required: true, maximum: 100_000, multiline: true)
    }
}
