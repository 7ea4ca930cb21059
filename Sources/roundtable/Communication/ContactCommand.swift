import ArgumentParser
import Foundation
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// `roundtable contact`: a member's points of contact.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Add, update, remove and list points of contact.",
        discussion: """
            A contact's details are sealed: the log holds their salted SHA-256, members read them from the node.
            Examples:
              roundtable contact add --node URL --key ee.key --id duty --role technical --name 'A. Tamm' \
            --organisation 'CERT-EE' --language en --language et --hours 24/7 --email duty@cert.ee --contact-key duty.key
              roundtable contact remove --node URL --key ee.key --id duty
              roundtable contact list --node URL --token-file ee.token --of ke
            """,
        subcommands: [ContactAdd.self, ContactUpdate.self, ContactRemove.self, ContactList.self]
    )
}

/// The options that describe a contact, for `add` and `update`.
struct ContactFields: ParsableArguments {
    @Option(help: "The contact's id: 1 to 32 of a-z, 0-9 and '-'.") var id: String
    @Option(help: "diplomatic, technical or law-enforcement-24-7.") var role: String
    @Option(help: "The person's name.") var name: String
    @Option(help: "Their title or function.") var title: String?
    @Option(help: "Their organisation.") var organisation: String
    @Option(help: "A language, as a BCP 47 tag (en, fr, es-419); repeatable.") var language: [String] = []
    @Option(help: "Working hours, such as 'Mon-Fri 09:00-17:00', or 24/7.") var hours: String
    @Option(help: "The IANA time zone of the hours, such as Europe/Tallinn.") var timeZone: String?
    @Option(help: "An e-mail address.") var email: String?
    @Option(help: "A telephone number.") var phone: String?
    @Option(help: "An https URL the node posts signed notices to.") var webhook: String?
    @Option(help: "A key file (from roundtable keygen) whose verifier becomes the contact key: it may sign ack and answer acts.")
    var contactKey: String?

    func validate() throws {
        do { try ContactEntry.validate(id: id) } catch { throw ValidationError(error.message) }
        guard ContactRole(rawValue: role) != nil else {
            throw ValidationError("--role: use one of \(ContactRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The entry and its sealed details, with a fresh salt.
    func sealed() throws -> (ContactEntry, [UInt8]) {
        let details = ContactDetails(
            name: name, title: title, organisation: organisation, languages: language, hours: hours, timeZone: timeZone, email: email,
            phone: phone, webhook: webhook)
        try CommunicationOptions.check(details)
        let bytes = try SealedDocuments.encode(details)
        let key = try contactKey.map { try KeyFile.read($0).verifier }
        do {
            return (try ContactEntry(id: id, role: ContactRole(rawValue: role)!, details: SealedDocuments.commitment(bytes), key: key), bytes)
        } catch { throw CLIError(error.message) }
    }
}

/// `roundtable contact add`.
struct ContactAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a point of contact (signed with your key).",
        discussion: "Example: roundtable contact add --node URL --key ee.key --id duty --role technical --name 'A. Tamm' "
            + "--organisation CERT-EE --language en --hours 24/7 --email duty@cert.ee")

    @OptionGroup var options: CommunicationOptions
    @OptionGroup var fields: ContactFields

    func run() async throws {
        let (entry, bytes) = try fields.sealed()
        try await options.submit(.contact(.add(entry)), sealed: bytes)
    }
}

/// `roundtable contact update`.
struct ContactUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Replace a point of contact's role, details and key (signed with your key).",
        discussion: "Example: roundtable contact update --node URL --key ee.key --id duty --role technical --name 'B. Kask' "
            + "--organisation CERT-EE --language en --hours 24/7 --phone '+372 600 0000'")

    @OptionGroup var options: CommunicationOptions
    @OptionGroup var fields: ContactFields

    func run() async throws {
        let (entry, bytes) = try fields.sealed()
        try await options.submit(.contact(.update(entry)), sealed: bytes)
    }
}

/// `roundtable contact remove`.
struct ContactRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a point of contact (signed with your key).",
        discussion: "Example: roundtable contact remove --node URL --key ee.key --id duty")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "The contact's id.") var id: String

    func run() async throws {
        do { try ContactEntry.validate(id: id) } catch { throw ValidationError(error.message) }
        try await options.submit(.contact(.remove(id: id)))
    }
}

/// `roundtable contact list`.
struct ContactList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List members' points of contact with their details (--json: one JSON object a line).",
        discussion: "Example: roundtable contact list --node URL --token-file ee.token --of ke")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "Only this member's contacts.") var of: String?

    func run() async throws {
        let query = of.map { "?member=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? ""
        let list: API.ContactList = try await options.read("/api/v1/contacts" + query)
        if options.json {
            for contact in list.contacts { print(try CommunicationOptions.json(contact)) }
        } else {
            print(list.contacts.isEmpty ? "No point of contact." : list.contacts.map(CommunicationText.block).joined(separator: "\n\n"))
        }
    }
}
