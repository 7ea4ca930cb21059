import Foundation
import RoundtableAPI
import RoundtableDomain
import TransparencyLog

extension API.InboxItem {
    /// An inbox item as the API shows it; a nonce only where the domain gives one (the member's own check).
    init(_ item: RoundtableDomain.InboxItem) {
        self.init(
            index: item.index, kind: item.kind.rawValue, check: item.check,
            contacts: item.contacts.isEmpty ? nil : item.contacts.map { .init(id: $0.id, nonce: $0.nonce.map { Hex.encode($0) }) },
            request: item.request, delivery: item.delivery, party: item.party?.rawValue, urgency: item.urgency?.rawValue,
            deadline: item.deadline?.description, status: item.status?.rawValue, outcome: item.outcome?.rawValue)
    }
}

extension API.Contact {
    /// A contact, with its details decoded from the sealed document the node keeps.
    init(member: MemberID, _ contact: Communication.Contact, ledger: SealedLedger) {
        let details = ledger.details(of: contact)
        self.init(
            member: member.rawValue, id: contact.entry.id, role: contact.entry.role.rawValue, key: contact.entry.key?.description,
            since: contact.since, lastChecked: contact.lastChecked?.description, details: details.map(API.ContactDetails.init),
            detailsSHA256: Hex.encode(contact.entry.details))
    }
}

extension API.ContactDetails {
    init(_ details: ContactDetails) {
        self.init(
            salt: details.salt, name: details.name, title: details.title, organisation: details.organisation, languages: details.languages,
            hours: details.hours, timeZone: details.timeZone, email: details.email, phone: details.phone, webhook: details.webhook)
    }
}

extension API.CommunicationRequest.Content {
    init(_ content: RequestContent) {
        self.init(
            kind: content.kind.rawValue, to: content.to.map(\.rawValue), subject: content.subject, body: content.body, tlp: content.tlp,
            references: content.references, answerBy: content.answerBy)
    }
}

extension API.CommunicationRequest.Attempt {
    init(_ attempt: DeliveryAttempt) {
        self.init(
            contact: attempt.contact, channel: attempt.channel, attempt: attempt.attempt, delivered: attempt.delivered, detail: attempt.detail,
            at: attempt.at.description, final: attempt.final)
    }
}
