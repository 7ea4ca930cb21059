public import Foundation

/// Sends notices by e-mail through the host's mail transfer agent, with a sendmail-compatible command that reads
/// the message on its standard input (`sendmail -t -i` takes the recipient from the `To` header).
///
/// The message says, in the recipient's language, what awaits it, the act's index, the link to open and, for a
/// check, the nonce and the deadline; never any sealed content. Roundtable speaks no SMTP itself.
public struct MailSender: Sendable {
    /// How mail is sent.
    public struct Configuration: Sendable {
        /// The command that sends mail by default: `/usr/sbin/sendmail -t -i`.
        public static let defaultCommand = ["/usr/sbin/sendmail", "-t", "-i"]

        /// The `From` header: an address, or a display name and an address in angle brackets, in ASCII.
        public var from: String
        /// The executable's absolute path and its arguments.
        public var command: [String]
        /// How long the command may run before it is ended and the attempt counted a failure.
        public var timeout: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - from: The `From` header, for example `Forum <node@forum.example.org>`.
        ///   - command: The executable's absolute path and its arguments.
        ///   - timeout: How long the command may run.
        public init(from: String, command: [String] = defaultCommand, timeout: Duration = .seconds(30)) {
            self.from = from
            self.command = command
            self.timeout = timeout
        }
    }

    /// How mail is sent.
    public let configuration: Configuration

    /// Creates a sender.
    /// - Parameter configuration: The sender address, the command and its timeout.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Sends a notice by e-mail.
    /// - Parameters:
    ///   - notice: The notice.
    ///   - address: The recipient's address.
    ///   - language: The recipient's language tag (`ar`, `zh`, `en`, `fr`, `ru`, `es`); English for another.
    /// - Throws: A ``DeliveryError`` saying why the mail was not handed to the transfer agent.
    public func send(_ notice: Notice, to address: String, language: String) async throws(DeliveryError) {
        let message = try message(for: notice, to: address, language: language)
        try await MailCommand(arguments: configuration.command, timeout: configuration.timeout).run(input: Array(message.rendered.utf8))
    }

    /// The message that ``send(_:to:language:)`` hands to the command.
    /// - Parameters:
    ///   - notice: The notice.
    ///   - address: The recipient's address.
    ///   - language: The recipient's language tag.
    ///   - date: The `Date` header's time.
    /// - Throws: ``DeliveryError/Code/refusedDestination`` for an address that is not a plain `local@domain`,
    ///   ``DeliveryError/Code/invalidNotice`` for a notice that ``Notice/validate()`` refuses.
    public func message(for notice: Notice, to address: String, language: String, date: Date = Date()) throws(DeliveryError) -> MailMessage {
        try Self.checkAddress(address)
        try notice.validate()
        guard let domain = Self.domain(of: configuration.from) else {
            throw DeliveryError(.refusedDestination, "the sender \(configuration.from) holds no ASCII address local@domain")
        }
        let text = MailText.forLanguage(language)
        return MailMessage(
            from: configuration.from, to: address, subject: text.subject(for: notice), body: text.body(for: notice), date: date,
            messageID: "<\(UUID().uuidString.lowercased()).\(notice.index)@\(domain)>")
    }

    /// Checks that an address is a plain ASCII `local@domain`, with nothing a header or a command line could take
    /// for something else (no white space, no `<>,;:"()[]\`).
    /// - Parameter address: The recipient's address.
    /// - Throws: ``DeliveryError/Code/refusedDestination``.
    public static func checkAddress(_ address: String) throws(DeliveryError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set("<>,;:\"()[]\\".utf8)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !address.hasPrefix("-"), address.utf8.count <= 254,
            address.utf8.allSatisfy({ (33...126).contains($0) && !forbidden.contains($0) })
        else {
            throw DeliveryError(.refusedDestination, "\(address) is not a mail address of the form local@domain")
        }
    }

    /// The domain of the address in a `From` value, if the value is printable ASCII and holds one.
    private static func domain(of from: String) -> String? {
        guard from.utf8.allSatisfy({ (32...126).contains($0) }) else { return nil }
        let address = from.split(separator: "<").last.map { $0.split(separator: ">").first ?? "" } ?? ""
        guard (try? checkAddress(String(address))) != nil else { return nil }
        return address.split(separator: "@").last.map(String.init)
    }
}
