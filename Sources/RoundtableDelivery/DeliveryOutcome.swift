public import Foundation

/// The outcome of one attempt to deliver a notice, as ``DeliveryQueue`` reports it; the node keeps these (not in
/// the log) and shows them to the requester.
public struct DeliveryOutcome: Codable, Sendable, Hashable {
    /// The log index of the act the notice is about.
    public var index: UInt64
    /// The recipient member's id.
    public var member: String
    /// The contact's id, if the notice is for one.
    public var contact: String?
    /// The channel tried.
    public var channel: DeliveryChannel
    /// The webhook URL or the mail address.
    public var destination: String
    /// The attempt's number, from 1.
    public var attempt: Int
    /// Whether the notice was delivered: a 2xx answer, or the mail command's exit status 0.
    public var delivered: Bool
    /// The HTTP status (`HTTP 202`), `mail accepted`, or why the attempt failed.
    public var detail: String
    /// When the attempt ended.
    public var at: Date
    /// Whether no other attempt follows: the notice was delivered, refused for good, or out of attempts. An attempt
    /// cut short because the queue stopped is not final: the delivery was not given up.
    public var final: Bool

    /// Creates an outcome.
    /// - Parameters:
    ///   - index: The log index of the act the notice is about.
    ///   - member: The recipient member's id.
    ///   - contact: The contact's id.
    ///   - channel: The channel tried.
    ///   - destination: The webhook URL or the mail address.
    ///   - attempt: The attempt's number, from 1.
    ///   - delivered: Whether the notice was delivered.
    ///   - detail: The HTTP status, or why the attempt failed.
    ///   - at: When the attempt ended.
    ///   - final: Whether no other attempt follows.
    public init(
        index: UInt64, member: String, contact: String?, channel: DeliveryChannel, destination: String, attempt: Int, delivered: Bool,
        detail: String, at: Date, final: Bool
    ) {
        self.index = index
        self.member = member
        self.contact = contact
        self.channel = channel
        self.destination = destination
        self.attempt = attempt
        self.delivered = delivered
        self.detail = detail
        self.at = at
        self.final = final
    }
}
