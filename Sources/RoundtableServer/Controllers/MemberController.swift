public import Hummingbird
public import RoundtableDomain
import TransparencyLog

/// `GET /api/v1/members` and `GET /api/v1/members/{id}`: who the members are, their status and keys.
public struct MemberController<Store: ForumStore>: Sendable {
    /// The forum whose members are listed.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    /// - Parameter forum: The forum whose members are listed.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds the routes to a group mounted at `/api/v1/members`.
    public func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get(use: list)
        group.get(":id", use: show)
    }

    /// A member as the API shows it.
    public struct MemberDTO: ResponseEncodable, Decodable, Sendable, Equatable {
        /// The member id.
        public let id: String
        /// The member's name for people.
        public let displayName: String
        /// `active` or `suspended`.
        public let status: String
        /// The registered signing keys, as C2SP verifier keys.
        public let keys: [String]
        /// The labels of the registered API tokens.
        public let tokens: [String]
        /// The sequence number the member's next act must carry.
        public let nextSeq: UInt64

        init(_ member: Member) {
            id = member.id.rawValue
            displayName = member.displayName
            status = member.status.rawValue
            keys = member.keys.map(\.description)
            tokens = member.tokens.map(\.label)
            nextSeq = member.lastSequence + 1
        }

        enum CodingKeys: String, CodingKey {
            case id, status, keys, tokens
            case displayName = "display_name"
            case nextSeq = "next_seq"
        }
    }

    /// The member list.
    public struct MemberList: ResponseEncodable, Decodable, Sendable {
        /// The members, by id.
        public let members: [MemberDTO]
    }

    @Sendable func list(_ request: Request, context: some RequestContext) async throws -> MemberList {
        MemberList(members: forum.state.sortedMembers.map(MemberDTO.init))
    }

    @Sendable func show(_ request: Request, context: some RequestContext) async throws -> MemberDTO {
        let text = try context.parameters.require("id")
        guard let id = try? MemberID(text), let member = forum.state.members[id] else {
            throw APIError(.notFound, code: "not_found", "'\(text)' is not a member of this forum")
        }
        return MemberDTO(member)
    }
}
