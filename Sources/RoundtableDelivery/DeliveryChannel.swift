/// How a notice was delivered.
public enum DeliveryChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// A signed POST to the contact's webhook.
    case webhook
    /// An e-mail through the host's mail transfer agent.
    case mail
}
