import HTTPTypes
import Hummingbird
import NIOCore
import RoundtableDomain
import RoundtableWeb

/// One request for a page: the language it is read in, its location, and how to answer it.
struct WebRequest {
    let renderer: PageRenderer
    let t: Localizer
    let location: PageLocation
    /// The language asked for with `?lang=`, which the answer remembers in a cookie.
    let chosenLanguage: String?
    /// The member a delegate signed in as, from the session cookie.
    let signedIn: SignedInMember?
    /// The signed-in member's id.
    var member: MemberID? { signedIn.flatMap { try? MemberID($0.id) } }

    init(_ request: Request, renderer: PageRenderer, sessions: WebSessions) {
        self.renderer = renderer
        signedIn = sessions.session(request.cookies[WebSessions.cookieName]?.value).map { session in
            SignedInMember(id: session.member.rawValue, name: session.memberName, csrf: session.csrf, contact: session.contact)
        }
        let query = request.uri.queryParameters
        let asked = query.get("lang")
        let language = LanguageNegotiation.choose(
            query: asked, cookie: request.cookies["lang"]?.value, acceptLanguage: request.headers[.acceptLanguage],
            available: renderer.languages)
        t = renderer.localizer(for: language)
        chosenLanguage = asked == language.code ? language.code : nil
        location = PageLocation(path: request.uri.path, query: query.map { (String($0.key), String($0.value)) })
    }

    /// The page in HTML, inside the frame.
    /// - Parameter isPrivate: Whether the page shows what only the signed-in member may read: no cache keeps it.
    func respond(_ page: some WebPage, section: String, forum: ForumState, status: HTTPResponse.Status = .ok, isPrivate: Bool = false) -> Response {
        let frame = PageFrame(
            title: page.title, section: section, location: location, forumName: forum.name, localizer: t, languages: renderer.languages,
            signedIn: signedIn, contentLanguage: forum.governance.rules.language)
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentLanguage: t.language.code,
            .vary: "Accept-Language, Cookie",
            .cacheControl: "no-cache",
            // Scripts and styles of this node only, no inline script; the script talks to this node only.
            .contentSecurityPolicy:
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        // A page for someone signed in carries their name and CSRF token: no cache keeps it.
        if isPrivate || signedIn != nil { headers[.cacheControl] = "private, no-store" }
        if let chosenLanguage { headers[.setCookie] = "lang=\(chosenLanguage); Path=/; Max-Age=31536000; SameSite=Lax" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: renderer.render(page, frame: frame))))
    }

    /// A 404 page that says what is missing.
    func notFound(_ message: String, section: String, forum: ForumState) -> Response {
        respond(ErrorPage(title: t("error_not_found"), message: message), section: section, forum: forum, status: .notFound)
    }

    /// A 403 page for a page a contact key's session may not use: it signs acknowledgements and answers only.
    func contactKeyRefused(forum: ForumState) -> Response {
        respond(ErrorPage(title: t("error_forbidden"), message: t("error_contact_key")), section: "inbox", forum: forum, status: .forbidden)
    }

    /// A 400 page for a path or field that should be a number.
    func badNumber(_ text: String, section: String, forum: ForumState) -> Response {
        respond(
            ErrorPage(title: t("error_bad_request"), message: t("error_bad_number", ["text": text])), section: section, forum: forum,
            status: .badRequest)
    }
}
