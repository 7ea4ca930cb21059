/// A failure of the public pages themselves: a template or string catalog that does not load.
public struct WebError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String

    init(_ description: String) { self.description = description }
}
