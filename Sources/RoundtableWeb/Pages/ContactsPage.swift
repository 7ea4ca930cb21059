public import RoundtableDomain
import TransparencyLog

/// `/contacts`: the signed-in member's points of contact — their roles, keys and last checks — with a form to add or
/// update one and one to remove each. The details (name, organisation, languages, hours, e-mail, phone, webhook) are
/// sealed in the browser in a salted JSON document for the members alone; the `contact` act carries its SHA-256.
public struct ContactsPage: WebPage {
    public static let template = "contacts"

    struct Row {
        let id: String
        let role: String
        let key: String?
        let lastChecked: String
        let remove: ActForm
        let removeTitle: String
        let removeCommand: String
    }

    public let title: String
    let origin: String
    let by: String
    let contacts: [Row]
    let hasContacts: Bool
    let roles: [Choice]
    /// The form that adds or updates a contact.
    let form: ActForm
    let command: String

    /// Builds the page.
    /// - Parameters:
    ///   - member: The member signed in.
    ///   - state: The forum's state.
    ///   - nodeURL: The node's public URL, for the commands.
    ///   - t: The interface text.
    public init(member: MemberID, state: ForumState, nodeURL: String, t: Localizer) {
        title = t("contacts_title")
        origin = state.origin
        by = member.rawValue
        let base = "--node \(nodeURL) --key KEY-FILE"
        contacts = (state.communication.contacts[member] ?? [:]).values.sorted { $0.entry.id < $1.entry.id }.map { contact in
            let id = contact.entry.id
            return Row(
                id: id, role: t.term("contact_role", contact.entry.role.rawValue), key: contact.entry.key?.description,
                lastChecked: contact.lastChecked.map(t.time) ?? t("contacts_never_checked"),
                remove: ActForm(act: "contact", id: "remove-\(id)", lines: "@op id", t: t), removeTitle: t("contacts_remove", ["id": id]),
                removeCommand: "roundtable contact remove \(base) --id \(id)")
        }
        hasContacts = !contacts.isEmpty
        roles = ContactRole.allCases.map { Choice(value: $0.rawValue, label: t.term("contact_role", $0.rawValue)) }
        form = ActForm(
            act: "contact", id: "contact", lines: "@op id role sealed key?",
            sealed: "name,title?,organisation,languages[],hours,time_zone?,email?,phone?,webhook?", t: t)
        command = "roundtable contact add|update \(base) --id ID --role diplomatic|technical|law-enforcement-24-7 --name NAME "
            + "--organisation ORGANISATION --language LANG --hours 24/7|HOURS [--time-zone ZONE] [--email E] [--phone P] [--webhook URL] "
            + "[--contact-key KEY-FILE]"
    }
}
