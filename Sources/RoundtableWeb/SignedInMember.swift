/// The member a delegate signed in as, in the browser: what the pages need to offer its actions.
public struct SignedInMember: Sendable {
    /// The member's id.
    public let id: String
    /// The member's name.
    public let name: String
    /// The session's CSRF token, which the sign-out form sends back.
    public let csrf: String
    /// The contact whose key the delegate signed in with, if a contact key (which signs acknowledgements and answers
    /// only).
    public let contact: String?
    /// Whether the delegate signed in with a contact key.
    public var isContactKey: Bool { contact != nil }

    /// Creates the description of a session.
    public init(id: String, name: String, csrf: String, contact: String?) {
        self.id = id
        self.name = name
        self.csrf = csrf
        self.contact = contact
    }
}
