import Foundation
public import RoundtableDomain
import TransparencyLog

/// `/proposals/{id}`: a proposal's text, timeline, recorded votes, explanations of vote, tally and decision.
public struct ProposalPage: WebPage {
    public static let template = "proposal"

    struct Fact {
        let label: String
        let value: String
        let href: String?
    }

    struct TimelineStep {
        let index: UInt64
        let href: String
        let label: String
        let what: String
        let time: String?
    }

    struct VoteRow {
        /// The language of the member's name: the forum's.
        let lang: String
        let member: String
        let memberID: String
        let choice: String
        let actHref: String?
        let actLabel: String
        let note: String?
    }

    struct Explanation {
        let lang: String
        let member: String
        let href: String
        let label: String
        let text: String
    }

    public let title: String
    /// The language of the title and text.
    let lang: String
    let facts: [Fact]
    let subject: [String]
    let hasSubject: Bool
    /// The proposal's text as HTML, from its Markdown (``MarkdownRenderer``).
    let textHTML: String?
    let textHref: String
    let timeline: [TimelineStep]
    let tally: ProposalTally?
    let votes: [VoteRow]
    let hasVotes: Bool
    let explanations: [Explanation]
    let hasExplanations: Bool
    /// The rows of the votes table and the items of the timeline, as HTML (escaped here, like the template would).
    let votesHTML: String
    let timelineHTML: String
    /// The acts open on the proposal, as forms and commands.
    let actions: ProposalActions?

    /// Builds the page.
    /// - Parameters:
    ///   - proposal: The proposal.
    ///   - state: The forum's state.
    ///   - text: The proposal's full text, when it is stored and is text.
    ///   - logged: When the members' acts on it were logged, by their log index (``RoundtableDomain/LoggingTime``); an act missing
    ///     from it is not in a checkpoint yet.
    ///   - actions: The acts open on it, if the page offers them.
    ///   - t: The interface text.
    public init(
        proposal: Proposal, state: ForumState, text: String?, logged: [UInt64: LoggingTime] = [:], actions: ProposalActions? = nil,
        t: Localizer
    ) {
        self.actions = actions
        let wording = ProposalWording(t: t, rules: state.governance.rules)
        func name(_ id: MemberID) -> String { state.members[id]?.displayName ?? id.rawValue }
        title = proposal.draft.title
        lang = proposal.draft.language ?? state.governance.rules.language
        let hash = Hex.encode(proposal.draft.document)
        facts = [
            Fact(label: t("proposal_kind"), value: wording.kind(proposal.draft.kind), href: nil),
            Fact(label: t("proposal_proposer"), value: name(proposal.proposer), href: "/members#member-\(proposal.proposer.rawValue)"),
            Fact(label: t("proposal_stage"), value: wording.stage(proposal.stage), href: nil),
            Fact(label: t(proposal.stage == .decided ? "proposal_result" : "proposal_status"), value: wording.deadline(proposal), href: nil),
            Fact(label: t("proposal_submitted"), value: t("act_number", ["index": String(proposal.id)]), href: "/acts/\(proposal.id)"),
            Fact(label: t("proposal_text_hash"), value: hash, href: nil),
        ]
        switch proposal.draft.subject {
        case .none: subject = []
        case .admission(let founder): subject = [t("subject_admission", ["name": founder.displayName, "id": founder.id.rawValue])]
        case .suspension(let id): subject = [t("subject_suspension", ["name": name(id), "id": id.rawValue])]
        case .rules(let settings): subject = settings.map { t("subject_rule", ["rule": $0.description]) }
        }
        hasSubject = !subject.isEmpty
        textHTML = text.map { MarkdownRenderer.html($0, headingsBelow: 2) }
        textHref = "/api/v1/documents/\(hash)"
        var steps = proposal.timeline.map { event in
            TimelineStep(
                index: event.index, href: "/acts/\(event.index)", label: t("act_number", ["index": String(event.index)]),
                what: t.term("event", event.kind.rawValue, ["member": event.member.map(name) ?? ""]),
                time: event.at.map(t.time) ?? logged[event.index]?.phrase(t))
        }
        steps += (proposal.ballot?.cast ?? []).map { vote in
            TimelineStep(
                index: vote.index, href: "/acts/\(vote.index)", label: t("act_number", ["index": String(vote.index)]),
                what: t("event_vote", ["member": name(vote.member), "choice": t.term("choice", vote.choice.rawValue)]),
                time: logged[vote.index]?.phrase(t))
        }
        steps += proposal.explanations.map {
            TimelineStep(
                index: $0.index,
                href: "/acts/\($0.index)",
                label: t("act_number", ["index": String($0.index)]),
                what: t("event_explain", ["member": name($0.member)]),
                time: logged[$0.index]?.phrase(t)
            )
        }
        timeline = steps.sorted { $0.index < $1.index }.map {
            TimelineStep(index: $0.index, href: $0.href, label: $0.label, what: t("colon") + $0.what, time: $0.time)
        }
        tally = ProposalTally(proposal: proposal, wording: wording)
        let language = state.governance.rules.language
        votes = proposal.ballot.map { ballot in
            ballot.electorate.sorted().map { id in
                guard let vote = ballot.votes[id] else {
                    return VoteRow(
                        lang: language, member: name(id), memberID: id.rawValue, choice: t("choice_none"), actHref: nil, actLabel: "", note: nil)
                }
                return VoteRow(
                    lang: language, member: name(id), memberID: id.rawValue, choice: t.term("choice", vote.choice.rawValue),
                    actHref: "/acts/\(vote.index)",
                    actLabel: t("act_number", ["index": String(vote.index)]),
                    note: vote.replaced > 0 ? t.count("vote_replaced", vote.replaced) : nil)
            }
        } ?? []
        hasVotes = !votes.isEmpty
        explanations = proposal.explanations.map {
            Explanation(
                lang: $0.language ?? state.governance.rules.language, member: name($0.member), href: "/acts/\($0.index)",
                label: t("act_number", ["index": String($0.index)]), text: $0.text)
        }
        hasExplanations = !explanations.isEmpty
        votesHTML = Self.html(votes, voteLabel: t("col_vote"), actLabel: t("col_act"))
        timelineHTML = Self.html(timeline)
    }

    /// The votes table's rows. Its cells carry ARIA table roles and the column's name (`data-label`), which the style
    /// sheet shows when the table becomes a list on a narrow screen.
    static func html(_ rows: [VoteRow], voteLabel: String, actLabel: String) -> String {
        let voteLabel = HTMLText.escaped(voteLabel), actLabel = HTMLText.escaped(actLabel)
        var html = ""
        html.reserveCapacity(rows.count * 300)
        for row in rows {
            html += "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\"><span lang=\"\(HTMLText.escaped(row.lang))\">"
            html += HTMLText.escaped(row.member) + "</span></th><td role=\"cell\" data-label=\"\(voteLabel)\">" + HTMLText.escaped(row.choice)
            if let note = row.note { html += " <span class=\"note\">(\(HTMLText.escaped(note)))</span>" }
            html += "</td><td role=\"cell\" data-label=\"\(actLabel)\">"
            if let href = row.actHref { html += "<a href=\"\(HTMLText.escaped(href))\">\(HTMLText.escaped(row.actLabel))</a>" }
            html += "</td></tr>\n"
        }
        return html
    }

    /// The timeline's items.
    static func html(_ steps: [TimelineStep]) -> String {
        var html = ""
        html.reserveCapacity(steps.count * 160)
        for step in steps {
            html += "<li><a href=\"\(HTMLText.escaped(step.href))\">\(HTMLText.escaped(step.label))</a>" + HTMLText.escaped(step.what)
            if let time = step.time { html += " <span class=\"time\">(\(HTMLText.escaped(time)))</span>" }
            html += "</li>\n"
        }
        return html
    }
}
