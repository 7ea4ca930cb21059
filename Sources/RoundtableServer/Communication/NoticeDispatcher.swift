import Foundation
public import RoundtableDelivery
public import RoundtableDomain
public import RoundtableNode
import TransparencyLog

/// Sends the node's communication notices to the contacts' webhooks (signed with the node key) and e-mail addresses
/// (through the host's mail transfer agent), retrying with backoff, and keeps every attempt's outcome in the store, where
/// the requester reads it.
///
/// A notice carries what awaits and where to read it, never sealed content: the URL of the member's inbox from the act
/// on, and for a check the contact's nonce.
public final class NoticeDispatcher<Store: ForumStore>: NoticeSink {
    /// The queue that delivers and retries; a service of the application.
    public let queue: DeliveryQueue
    private let origin: String
    private let publicURL: String
    private let mails: Bool
    private let attempts: AttemptRecorder<Store>

    /// Creates the dispatcher.
    /// - Parameters:
    ///   - forum: The forum, whose node key signs webhooks and whose store keeps the attempts.
    ///   - configuration: The public URL, whether webhooks are on, the mail command, the retry policy.
    public init(forum: ForumNode<Store>, configuration: RoundtableConfiguration) {
        let store = forum.store
        origin = forum.state.origin
        publicURL = configuration.publicURL.hasSuffix("/") ? String(configuration.publicURL.dropLast()) : configuration.publicURL
        mails = configuration.mail != nil
        let attempts = AttemptRecorder(store: store)
        self.attempts = attempts
        queue = DeliveryQueue(
            configuration: .init(retry: configuration.noticeRetry),
            webhook: configuration.webhooks ? WebhookSender(signer: forum.nodeSigner) : nil,
            mail: configuration.mail.map(MailSender.init(configuration:))
        ) { outcome in
            guard let member = try? MemberID(outcome.member) else { return }
            let attempt = DeliveryAttempt(
                act: outcome.index, member: member, contact: outcome.contact, channel: outcome.channel.rawValue, attempt: outcome.attempt,
                delivered: outcome.delivered, detail: outcome.detail, at: Timestamp(seconds: Int64(outcome.at.timeIntervalSince1970)),
                final: outcome.final)
            attempts.record(attempt)
        }
    }

    public func send(_ notices: [CommunicationNotice], state: ForumState) {
        for notice in notices {
            guard let kind = NoticeKind(rawValue: notice.kind.rawValue) else { continue }
            let contacts = state.communication.contacts[notice.member] ?? [:]
            let targets = notice.contact.map { id in contacts[id].map { [$0] } ?? [] } ?? contacts.values.sorted { $0.entry.id < $1.entry.id }
            for contact in targets {
                guard let details = state.communication.ledger.details(of: contact) else { continue }
                let message = Notice(
                    forum: origin, kind: kind, index: notice.index, member: notice.member.rawValue, contact: contact.entry.id,
                    fetch: "\(publicURL)/api/v1/inbox?after=\(notice.index > 0 ? notice.index - 1 : 0)", nonce: notice.nonce.map { Hex.encode($0) },
                    deadline: notice.deadline?.description)
                if let webhook = details.webhook, let url = URL(string: webhook) { try? queue.enqueue(message, to: .webhook(url)) }
                if mails, let email = details.email {
                    try? queue.enqueue(message, to: .mail(address: email, language: details.languages.first ?? "en"))
                }
            }
        }
    }
}
