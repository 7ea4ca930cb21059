/// A page that explains why the one asked for cannot be shown: an unknown proposal or act, a malformed address.
public struct ErrorPage: WebPage {
    public static let template = "error"
    public let title: String
    let message: String

    /// Creates the page.
    /// - Parameters:
    ///   - title: What went wrong, in a few words.
    ///   - message: What went wrong and what to do.
    public init(title: String, message: String) {
        self.title = title
        self.message = message
    }
}
