import ArgumentParser
import RoundtableAPI
import RoundtableClient
import RoundtableDomain

/// `roundtable check`: communication checks of a member's contacts.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Ask for a communication check of your contacts, and list your checks.",
        discussion: """
            The node answers an ask with a check act and a fresh nonce per contact, read from `roundtable inbox`; each \
            contact returns it with `roundtable ack --check N --contact ID --nonce HEX`.
            Examples:
              roundtable check ask --node URL --key ee.key --contact duty
              roundtable check list --node URL --token-file ee.token
            """,
        subcommands: [CheckAsk.self, CheckList.self]
    )
}

/// `roundtable check ask`.
struct CheckAsk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask", abstract: "Ask the node to check some or all of your contacts (signed with your key).",
        discussion: "Example: roundtable check ask --node URL --key ee.key --contact duty --contact desk")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "A contact to check; repeatable; all of them if none.") var contact: [String] = []

    func run() async throws {
        for id in contact {
            do { try ContactEntry.validate(id: id) } catch { throw ValidationError(error.message) }
        }
        let contacts = Array(Set(contact)).sorted()
        try await options.submit(.askCheck(contacts: contacts.isEmpty ? nil : contacts))
    }
}

/// `roundtable check list`.
struct CheckList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the checks of your contacts and those gone overdue, one a line (--json: the node's JSON).",
        discussion: "Example: roundtable check list --node URL --token-file ee.token")

    @OptionGroup var options: CommunicationOptions

    func run() async throws {
        var after: UInt64?
        while true {
            let inbox: API.Inbox = try await options.read("/api/v1/inbox?limit=1000" + (after.map { "&after=\($0)" } ?? ""))
            for item in inbox.items where item.check != nil {
                print(options.json ? try CommunicationOptions.json(item) : CommunicationText.line(item))
            }
            guard inbox.items.count == 1_000 else { return }
            after = inbox.next
        }
    }
}
