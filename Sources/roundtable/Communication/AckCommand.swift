import ArgumentParser
import RoundtableDomain
import TransparencyLog

/// `roundtable ack`: acknowledges a communication check or a delivered request.
struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge a communication check (with the contact's nonce) or a request delivered to you.",
        discussion: """
            Signed with your key, or with a contact key (--key CONTACT.key --member ID).
            Examples:
              roundtable ack --node URL --key ee.key --check 12 --contact duty --nonce 00112233445566778899aabbccddeeff
              roundtable ack --node URL --key duty.key --member ee --check 12 --contact duty --nonce 0011…
              roundtable ack --node URL --key ke.key --delivery 15
            """
    )

    @OptionGroup var options: CommunicationOptions
    @Option(help: "The check's log index.") var check: UInt64?
    @Option(help: "The contact answering the check.") var contact: String?
    @Option(help: "The contact's nonce from the inbox, 32 hex digits.") var nonce: String?
    @Option(help: "The delivery's log index (from the inbox's request item).") var delivery: UInt64?

    func validate() throws {
        switch (check, delivery) {
        case (.some, nil):
            guard contact != nil, let nonce, Hex.decode(nonce)?.count == 16 else {
                throw ValidationError("--check needs --contact ID and --nonce HEX (32 hex digits, from roundtable inbox)")
            }
        case (nil, .some):
            guard contact == nil, nonce == nil else { throw ValidationError("--delivery takes no --contact or --nonce") }
        default: throw ValidationError("give either --check N --contact ID --nonce HEX, or --delivery N")
        }
    }

    func run() async throws {
        if let check, let contact, let nonce = nonce.flatMap({ Hex.decode($0) }) {
            try await options.submit(.acknowledge(.check(check, contact: contact, nonce: nonce)))
        } else if let delivery {
            try await options.submit(.acknowledge(.delivery(delivery)))
        }
    }
}
