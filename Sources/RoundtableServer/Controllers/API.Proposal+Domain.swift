import RoundtableAPI
import RoundtableDomain
import TransparencyLog

extension API.Proposal {
    /// A proposal as the API shows it.
    init(_ proposal: Proposal) {
        let id = proposal.id
        let kind = proposal.draft.kind.rawValue
        let title = proposal.draft.title
        let proposer = proposal.proposer.rawValue
        let stage = proposal.stage.rawValue
        let textSha256 = Hex.encode(proposal.draft.document)
        let textURL = "/api/v1/documents/\(textSha256)"
        let subject: [String]
        switch proposal.draft.subject {
        case .none: subject = []
        case .admission(let member): subject = ["admit \(member.id) \(member.key) \(member.displayName)"]
        case .suspension(let id): subject = ["suspend \(id)"]
        case .rules(let settings): subject = settings.map { "rule \($0)" }
        }
        let timeline = proposal.timeline.map { Event(event: $0.kind.rawValue, index: $0.index, at: $0.at?.description, member: $0.member?.rawValue) }
        let objections = proposal.objections.map(\.rawValue)
        let ballot = proposal.ballot.map { ballot in
            Ballot(
                index: ballot.index, opens: ballot.opening.opens.description, closes: ballot.opening.closes.description,
                threshold: ballot.opening.threshold.rawValue, quorum: ballot.opening.quorum.description, rulesVersion: ballot.opening.rulesVersion,
                electorate: ballot.electorate.map(\.rawValue).sorted(),
                votes: ballot.votes.sorted { $0.key < $1.key }.map {
                    Vote(member: $0.key.rawValue, choice: $0.value.choice.rawValue, index: $0.value.index, replaced: $0.value.replaced)
                },
                cast: ballot.cast.map { Cast(member: $0.member.rawValue, choice: $0.choice.rawValue, index: $0.index) },
                tally: Counts(ballot.tally), closedAt: ballot.closedAt)
        }
        let explanations = proposal.explanations.map { Explanation(member: $0.member.rawValue, index: $0.index, text: $0.text) }
        let decision = proposal.decision.map { record in
            Decision(
                index: proposal.decisionIndex, at: record.at.description, outcome: record.outcome.rawValue,
                threshold: record.count?.threshold.rawValue, quorum: record.count?.quorum.description,
                counts: record.count.map { Counts($0.tally) }, counted: record.counted.map { [$0.lowerBound, $0.upperBound] })
        }
        self.init(
            id: id, kind: kind, title: title, proposer: proposer, stage: stage, textSha256: textSha256, textURL: textURL, subject: subject,
            timeline: timeline, objections: objections, ballot: ballot, explanations: explanations, decision: decision)
    }
}

extension API.Proposal.Counts {
    /// The counts of a tally.
    init(_ tally: Tally) {
        self.init(electorate: tally.electorate, yes: tally.yes, no: tally.no, abstain: tally.abstain)
    }
}
