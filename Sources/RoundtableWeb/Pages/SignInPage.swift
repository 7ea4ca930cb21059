/// `/sign-in`: a delegate signs in with its member's key file, which the page's script reads and uses in the browser
/// (WebCrypto Ed25519) to sign the node's challenge. Without a script the page says so and shows the command line.
public struct SignInPage: WebPage {
    public static let template = "sign-in"
    public let title: String
    /// Where to go once signed in: a path of this site.
    let next: String
    /// Who is signed in already, if anyone.
    let signedInAs: String?

    /// Creates the page.
    /// - Parameters:
    ///   - next: The page asked to return to, kept only when it is a path of this site (never another site's URL).
    ///   - signedIn: Who is signed in already, if anyone.
    ///   - t: The interface text.
    public init(next: String?, signedIn: SignedInMember?, t: Localizer) {
        title = t("sign_in_title")
        self.next = next.flatMap(Self.localPath) ?? "/"
        signedInAs = signedIn.map { t("sign_in_already", ["name": $0.name]) }
    }

    /// A path of this site: it starts with one `/` and holds no backslash or control character, so that it cannot
    /// name another host (`//evil.example`, `/\evil.example`).
    static func localPath(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return text
    }
}
