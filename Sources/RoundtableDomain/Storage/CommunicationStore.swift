/// What the node keeps of the communication mechanism beside the log: the facts its acts' sealed documents and nonces
/// hold (written with their acts, through ``ForumChange/communicationRecorded(_:)``), and the outcome of every attempt
/// to deliver a notice, which is not part of the record.
public protocol CommunicationStore: Sendable {
    /// Every fact kept beside the log, in the order their acts were written.
    /// - Parameter documents: Whether sealed records come with their documents. The node starts without them: it keeps
    ///   in memory only its contacts' details, which it then reads with ``sealedDocument(committedAt:)``.
    func communicationRecords(withDocuments documents: Bool) async throws -> [CommunicationRecord]
    /// The facts kept beside the log for the acts from `index` on, in the order their acts were written: what a
    /// front-end that follows another applies with the entries it reads.
    /// - Parameter index: The first act's log index.
    func communicationRecords(fromAct index: UInt64) async throws -> [CommunicationRecord]
    /// The sealed document an act committed to (a contact's details, a request's or an answer's content), as it was
    /// written with the act; `nil` if the act committed to none.
    /// - Parameter index: The act's log index.
    func sealedDocument(committedAt index: UInt64) async throws -> [UInt8]?
    /// Keeps the outcomes of attempts to deliver notices, in one transaction.
    /// - Parameter attempts: The attempts, in the order they ended.
    func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) async throws
    /// The attempts to deliver the notices of an act, oldest first.
    /// - Parameter index: The act's log index.
    func deliveryAttempts(forAct index: UInt64) async throws -> [DeliveryAttempt]
}

/// One attempt to tell a member's contact that something awaits it, and how it went.
public struct DeliveryAttempt: Hashable, Sendable, Codable {
    /// The log index of the act the notice is about.
    public let act: UInt64
    /// The member told.
    public let member: MemberID
    /// The contact told.
    public let contact: String?
    /// `webhook` or `mail`.
    public let channel: String
    /// Which try this was, from 1.
    public let attempt: Int
    /// Whether the notice was delivered.
    public let delivered: Bool
    /// The HTTP status, or what went wrong.
    public let detail: String
    /// When the attempt ended.
    public let at: Timestamp
    /// Whether no further attempt follows.
    public let final: Bool

    /// Creates an attempt.
    public init(
        act: UInt64, member: MemberID, contact: String?, channel: String, attempt: Int, delivered: Bool, detail: String, at: Timestamp,
        final: Bool
    ) {
        self.act = act
        self.member = member
        self.contact = contact
        self.channel = channel
        self.attempt = attempt
        self.delivered = delivered
        self.detail = detail
        self.at = at
        self.final = final
    }
}
