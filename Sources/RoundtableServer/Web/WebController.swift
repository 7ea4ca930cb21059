import HTTPTypes
public import Hummingbird
import NIOCore
public import RoundtableDomain
public import RoundtableNode
import RoundtableWeb
import TransparencyLog

/// The public pages, in HTML: `/`, `/members`, `/proposals[/{id}]`, `/log`, `/acts/{index}`, `/exchange`,
/// `/communication`, `/sign-in`, and the style sheet and script under `/assets/`. Every page reads the forum's state
/// in memory and at most a few rows of the store, whatever the number of members and proposals.
public struct WebController<Store: ForumStore>: Sendable {
    /// The forum shown.
    public let forum: ForumNode<Store>
    /// The log's URL prefix, for the verification commands the pages show.
    public let logURL: String
    /// The node's public URL, for the commands the pages show.
    public let publicURL: String
    private let renderer: PageRenderer
    let sessions: WebSessions

    /// Creates the controller.
    /// - Parameters:
    ///   - forum: The forum shown.
    ///   - publicURL: The node's public URL.
    ///   - sessions: The delegates' sessions, to offer a signed-in delegate its member's actions.
    /// - Throws: ``WebError`` when the templates or string catalogs do not load.
    init(forum: ForumNode<Store>, publicURL: String, sessions: WebSessions) throws {
        self.forum = forum
        self.publicURL = publicURL
        self.sessions = sessions
        logURL = publicURL + "/log"
        renderer = try PageRenderer()
    }

    /// Adds the pages to the root router.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.get("/", use: home)
        router.get("members", use: members)
        router.get("proposals", use: proposals)
        router.get("proposals/new", use: newProposal)
        router.get("proposals/:id", use: proposal)
        router.get("log", use: log)
        router.get("acts", use: findAct)
        router.get("acts/:index", use: act)
        router.get("exchange", use: exchange)
        router.get("communication", use: communication)
        router.get("sign-in", use: signIn)
        router.get("inbox", use: inbox)
        router.get("requests/new", use: newRequest)
        router.get("contacts", use: contacts)
        router.get("assets/roundtable.css", use: styleSheet)
        router.get("assets/roundtable.js", use: script)
    }

    /// The middleware that answers unknown addresses: with a page, or under `/api/` and `/taxii2` with their errors;
    /// and a known address asked with another method with 405 and `Allow`. Add it to the router after every route.
    /// - Parameter routes: The router's routes, every one of them added.
    public func notFound<Context: RequestContext>(routes: [Router<Context>.RouteDescription]) -> some RouterMiddleware<Context> {
        NotFoundMiddleware<Context>(renderer: renderer, sessions: sessions, forum: { [forum] in forum.state }, methods: RouteMethods(routes))
    }

    @Sendable func home(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let checkpoint = try await latestCheckpoint(page.t)
        return page.respond(HomePage(state: forum.state, checkpoint: checkpoint, t: page.t), section: "home", forum: forum.state)
    }

    @Sendable func members(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        return page.respond(MembersPage(state: forum.state, t: page.t), section: "members", forum: forum.state)
    }

    @Sendable func communication(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let (figures, _) = try await forum.communicationFigures()
        let state = forum.state
        return page.respond(CommunicationPage(figures: figures, state: state, t: page.t), section: "communication", forum: state)
    }

    @Sendable func proposals(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let query = request.uri.queryParameters
        let filter = ProposalListPage.Filter(
            stage: query.get("stage"), kind: query.get("kind"), page: query.get("page"))
        return page.respond(
            ProposalListPage(state: forum.state, filter: filter, location: page.location, t: page.t), section: "proposals",
            forum: forum.state)
    }

    @Sendable func proposal(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let state = forum.state
        let text = try context.parameters.require("id")
        guard let id = UInt64(text), String(id) == text else { return page.badNumber(text, section: "proposals", forum: state) }
        guard let proposal = state.governance.proposals[id] else {
            return page.notFound(page.t("error_no_proposal", ["id": text]), section: "proposals", forum: state)
        }
        let document = try await forum.store.document(proposal.draft.document)
        let body = document.flatMap { $0.mediaType.hasPrefix("text/") ? String(validating: $0.bytes, as: UTF8.self) : nil }
        // The members' acts carry no time of their own: each is shown with when it was logged.
        let members = proposal.timeline.filter { $0.at == nil }.map(\.index) + (proposal.ballot?.cast.map(\.index) ?? [])
            + proposal.explanations.map(\.index)
        let logged = try await forum.store.loggingTimes(of: members)
        let actions = ProposalActions(proposal: proposal, state: state, member: page.signedIn, nodeURL: publicURL, t: page.t)
        return page.respond(
            ProposalPage(proposal: proposal, state: state, text: body, logged: logged, actions: actions, t: page.t), section: "proposals",
            forum: state)
    }

    @Sendable func log(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let count = try await forum.store.entryCount()
        let before = request.uri.queryParameters.get("before").flatMap(UInt64.init).map { min($0, count) } ?? count
        let first = before - min(before, UInt64(LogPage.pageSize))
        let entries = try await forum.store.entries(from: first, limit: Int(before - first))
        return page.respond(
            LogPage(
                entries: entries, first: first, count: count, checkpoint: try await latestCheckpoint(page.t),
                verifierKey: forum.log.signer.verifier.description, logURL: logURL, witnessed: try await forum.log.witnessedCheckpoint(),
                state: forum.state, t: page.t),
            section: "log", forum: forum.state)
    }

    /// `GET /acts?index=N`, the log page's form: redirects to `/acts/N`.
    @Sendable func findAct(_ request: Request, context: some RequestContext) async throws -> Response {
        let text = request.uri.queryParameters.get("index") ?? ""
        guard let index = UInt64(text.drop { $0 == " " }) else {
            let page = WebRequest(request, renderer: renderer, sessions: sessions)
            return page.badNumber(text, section: "log", forum: forum.state)
        }
        return Response(status: .seeOther, headers: [.location: "/acts/\(index)"])
    }

    @Sendable func act(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let state = forum.state
        let text = try context.parameters.require("index")
        guard let index = UInt64(text), String(index) == text else { return page.badNumber(text, section: "log", forum: state) }
        guard let entry = try await forum.store.entry(at: index) else {
            let count = try await forum.store.entryCount()
            return page.notFound(page.t("error_no_act", ["index": text, "count": String(count)]), section: "log", forum: state)
        }
        let receipt: InclusionReceipt?
        do { receipt = try await forum.log.receipt(index: index) } catch is LogError { receipt = nil }
        let witnessed = try await forum.store.firstCosignedCheckpoint(including: index)
        let signedAt = witnessed == nil ? try await forum.store.loggingTimes(of: [index])[index]?.signed : nil
        return page.respond(
            ActPage(
                index: index, entry: entry, receipt: receipt, witnessed: witnessed, signedAt: signedAt,
                verifierKey: forum.log.signer.verifier.description, logURL: logURL, state: state, t: page.t),
            section: "log", forum: state)
    }

    @Sendable func exchange(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        let counts = try await forum.store.exchangeCounts()
        return page.respond(ExchangePage(state: forum.state, counts: counts, t: page.t), section: "exchange", forum: forum.state)
    }

    @Sendable func signIn(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        return page.respond(
            SignInPage(next: request.uri.queryParameters.get("next"), signedIn: page.signedIn, t: page.t), section: "sign-in",
            forum: forum.state)
    }

    /// `GET /proposals/new`: the form a signed-in delegate proposes with.
    @Sendable func newProposal(_ request: Request, context: some RequestContext) async throws -> Response {
        ownKeyPage(request, path: "/proposals/new", section: "proposals") { member, state, t in
            NewProposalPage(member: member, state: state, nodeURL: publicURL, t: t)
        }
    }

    /// `GET /requests/new`: the form a signed-in delegate sends a request with.
    @Sendable func newRequest(_ request: Request, context: some RequestContext) async throws -> Response {
        ownKeyPage(request, path: "/requests/new", section: "inbox") { member, state, t in
            NewRequestPage(member: member, state: state, nodeURL: publicURL, t: t)
        }
    }

    /// `GET /contacts`: the signed-in member's points of contact, to add, update and remove.
    @Sendable func contacts(_ request: Request, context: some RequestContext) async throws -> Response {
        ownKeyPage(request, path: "/contacts", section: "inbox") { member, state, t in
            ContactsPage(member: member, state: state, nodeURL: publicURL, t: t)
        }
    }

    /// A page from which only a member's own key acts: without a session, the sign-in page (returning here); for a
    /// contact key's session, a 403 page that says why; otherwise the page, private.
    private func ownKeyPage<Page: WebPage>(
        _ request: Request, path: String, section: String, _ make: (MemberID, ForumState, Localizer) -> Page
    ) -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        guard let member = page.member else { return Self.signInFirst(returningTo: path) }
        let state = forum.state
        if page.signedIn?.isContactKey == true { return page.contactKeyRefused(forum: state) }
        return page.respond(make(member, state, page.t), section: section, forum: state, isPrivate: true)
    }

    /// `GET /inbox`: the signed-in member's inbox, newest first; without a session, the sign-in page.
    @Sendable func inbox(_ request: Request, context: some RequestContext) async throws -> Response {
        let page = WebRequest(request, renderer: renderer, sessions: sessions)
        guard let member = page.member else { return Self.signInFirst(returningTo: "/inbox") }
        let state = forum.state
        let items = Array(forum.inbox(for: member, after: nil, limit: .max).suffix(InboxPage.maximumItems))
        return page.respond(
            InboxPage(items: items, member: member, contact: page.signedIn?.contact, state: state, nodeURL: publicURL, t: page.t),
            section: "inbox", forum: state,
            isPrivate: true)
    }

    /// Sends a reader who is not signed in to the sign-in page, which returns to `path`.
    static func signInFirst(returningTo path: String) -> Response {
        Response(status: .seeOther, headers: [.location: "/sign-in?next=\(path)", .cacheControl: "no-store"])
    }

    @Sendable func script(_ request: Request, context: some RequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: renderer.script)))
    }

    @Sendable func styleSheet(_ request: Request, context: some RequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: renderer.styleSheet)))
    }

    private func latestCheckpoint(_ t: Localizer) async throws -> CheckpointSummary? {
        guard let note = try await forum.log.checkpoint() else { return nil }
        return try CheckpointSummary(note: note, publishedAt: try await forum.store.latestCheckpointTime(), t: t)
    }
}
