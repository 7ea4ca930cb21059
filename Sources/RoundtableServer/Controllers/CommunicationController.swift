import Foundation
import HTTPTypes
public import Hummingbird
import RoundtableAPI
public import RoundtableDomain
public import RoundtableNode

/// The communication mechanism for members, each with its API token: `GET /api/v1/inbox` and its event stream,
/// `GET /api/v1/contacts`, and `GET /api/v1/requests` (`docs/communication.md`).
public struct CommunicationController<Store: ForumStore>: Sendable {
    /// The forum.
    public let forum: ForumNode<Store>
    /// How long an idle event stream waits between two `: keep-alive` comments.
    public let keepAlive: Duration

    /// Creates the controller.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - keepAlive: How long an idle event stream waits between two keep-alive comments.
    public init(forum: ForumNode<Store>, keepAlive: Duration = .seconds(15)) {
        self.forum = forum
        self.keepAlive = keepAlive
    }

    /// Adds the routes to the `/api/v1` group.
    public func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("inbox", use: inbox)
        api.get("inbox/stream", use: stream)
        api.get("contacts", use: contacts)
        api.get("requests", use: requests)
        api.get("requests/:index", use: request)
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> API.Inbox {
        let member = try MemberAuthentication.member(for: request, in: forum.state).id
        let after = try Self.number(request.uri.queryParameters.get("after"), "after")
        let limit = try Self.number(request.uri.queryParameters.get("limit"), "limit") ?? 100
        guard (1...1_000).contains(limit) else { throw APIError(.badRequest, code: "bad_parameter", "limit: from 1 to 1000") }
        let items = forum.inbox(for: member, after: after, limit: Int(limit)).map(API.InboxItem.init)
        return API.Inbox(items: items, next: items.last?.index ?? after)
    }

    @Sendable func stream(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try MemberAuthentication.member(for: request, in: forum.state).id
        let lastEventID = request.headers[HTTPField.Name("Last-Event-ID")!]
        let after = try Self.number(lastEventID ?? request.uri.queryParameters.get("after"), lastEventID == nil ? "after" : "Last-Event-ID")
        let stream = InboxStream(forum: forum, member: member, keepAlive: keepAlive, channel: context.channel)
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "private, no-cache, no-transform"],
            body: ResponseBody { writer in
                try await stream.run(after: after, writer: &writer)
                try await writer.finish(nil)
            })
    }

    @Sendable func contacts(_ request: Request, context: AppRequestContext) async throws -> API.ContactList {
        let state = forum.state
        _ = try MemberAuthentication.member(for: request, in: state)
        var members = state.communication.contacts.keys.sorted()
        if let text = request.uri.queryParameters.get("member") {
            guard let id = try? MemberID(text), state.members[id] != nil else {
                throw APIError(.notFound, code: "unknown_member", "'\(text)' is not a member of this forum")
            }
            members = [id]
        }
        let contacts = members.flatMap { member in
            (state.communication.contacts[member] ?? [:]).values.sorted { $0.entry.id < $1.entry.id }.map {
                API.Contact(member: member, $0, ledger: state.communication.ledger)
            }
        }
        return API.ContactList(contacts: contacts)
    }

    @Sendable func requests(_ request: Request, context: AppRequestContext) async throws -> API.RequestList {
        let state = forum.state
        let member = try MemberAuthentication.member(for: request, in: state).id
        var shown: [API.CommunicationRequest] = []
        for index in state.communication.requests.keys.sorted() {
            if let view = RequestView(index: index, member: member, state: state) { shown.append(try await view.api(store: forum.store)) }
        }
        return API.RequestList(requests: shown)
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> API.CommunicationRequest {
        let state = forum.state
        let member = try MemberAuthentication.member(for: request, in: state).id
        let text = try context.parameters.require("index")
        guard let index = UInt64(text), String(index) == text, let view = RequestView(index: index, member: member, state: state) else {
            throw APIError(.notFound, code: "unknown_request", "no request \(text) that you are a party to")
        }
        return try await view.api(store: forum.store)
    }

    /// A decimal query parameter, or `nil` when absent.
    static func number(_ text: String?, _ name: String) throws -> UInt64? {
        guard let text else { return nil }
        guard let value = UInt64(text), String(value) == text else {
            throw APIError(.badRequest, code: "bad_parameter", "\(name): '\(text.prefix(40))' is not a decimal number from 0")
        }
        return value
    }
}
