import RoundtableDomain
import TransparencyLog

/// One act as a row of the log page: its index, type, actor and what it concerns.
struct ActSummary {
    let index: UInt64
    let href: String
    let label: String
    /// The act's type word, as the act writes it (`consensus-call`).
    let type: String
    /// The type in the reader's language (Consensus call).
    let typeName: String
    let actor: String
    let sequence: UInt64
    let proposalHref: String?
    let proposalLabel: String

    /// Reads an entry; `nil` when it is not an act (a store never holds such an entry, but a page never fails on one).
    init?(index: UInt64, entry: [UInt8], state: ForumState, t: Localizer) {
        guard let note = try? SignedNote(parsing: entry) else { return nil }
        self.init(index: index, note: note, state: state, t: t)
    }

    /// Reads an entry's signed note, already parsed; `nil` when its text is not an act.
    init?(index: UInt64, note: SignedNote, state: ForumState, t: Localizer) {
        guard let act = try? Act(parsing: note.text) else { return nil }
        self.index = index
        href = "/acts/\(index)"
        label = t("act_number", ["index": String(index)])
        type = act.body.type
        typeName = t.term("act_type", act.body.type)
        actor = Self.actorName(act.actor, state: state, t: t)
        sequence = act.sequence
        let proposal = Self.proposal(of: act.body, at: index)
        proposalHref = proposal.map { "/proposals/\($0)" }
        proposalLabel = proposal.map { t("proposal_number", ["id": String($0)]) } ?? ""
    }

    static func actorName(_ actor: Act.Actor, state: ForumState, t: Localizer) -> String {
        switch actor {
        case .node: t("actor_node")
        case .member(let id): state.members[id]?.displayName ?? id.rawValue
        }
    }

    /// The proposal an act concerns, if any: a `propose` act at `index` submits proposal `index`.
    static func proposal(of body: Act.Body, at index: UInt64) -> UInt64? {
        switch body {
        case .object(let id, _), .vote(let id, _), .explain(let id, _, _), .withdraw(let id), .circulate(let id, _), .consensusCall(let id, _, _),
            .close(let id, _):
            id
        case .ballot(let opening): opening.proposal
        case .decision(let decision): decision.proposal
        case .propose: index
        case .genesis, .credential, .collection, .exchange, .contact, .askCheck, .check, .acknowledge, .request, .deliver, .answer, .closeRequest,
            .overdue:
            nil
        }
    }
}
