public import Foundation

/// An RFC 5322 plain-text message, as a sendmail command reads it on its standard input (lines ending in LF).
///
/// The body is UTF-8 text sent quoted-printable, and a subject that is not ASCII is sent as RFC 2047 encoded words,
/// so the message is 7-bit clean whatever the language.
public struct MailMessage: Sendable, Hashable {
    /// The sender, `node@forum.example.org` or `Forum <node@forum.example.org>`, in ASCII.
    public var from: String
    /// The recipient's address.
    public var to: String
    /// The subject, in any script.
    public var subject: String
    /// The body, UTF-8 text with LF line endings.
    public var body: String
    /// The `Date` header's time.
    public var date: Date
    /// The `Message-ID` header's value, with its angle brackets.
    public var messageID: String

    /// Creates a message.
    /// - Parameters:
    ///   - from: The sender.
    ///   - to: The recipient's address.
    ///   - subject: The subject.
    ///   - body: The body text.
    ///   - date: The `Date` header's time.
    ///   - messageID: The `Message-ID`, with its angle brackets.
    public init(from: String, to: String, subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// The message's text: its headers, a blank line and the encoded body.
    public var rendered: String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(MailEncoding.headerValue(subject))",
            "Date: \(Self.dateText(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\n") + "\n\n" + MailEncoding.quotedPrintable(body) + "\n"
    }

    /// A date in the RFC 5322 form, in UTC: `Tue, 01 Jul 2025 12:00:00 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
