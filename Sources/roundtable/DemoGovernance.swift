import Crypto
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// The governance record of the demonstration forum, written as if the last three hours had happened: a norm adopted
/// without a vote, an admission adopted by two-thirds in a recorded ballot (with a changed vote and an explanation),
/// a policy left without a decision for lack of quorum, a ballot still open and a consensus call still running.
struct DemoGovernance<Store: ForumStore> {
    /// The demonstration's rules: short periods, so that open questions move while one watches; checks are answered
    /// within 2 minutes and routine requests acknowledged within one (``DemoCommunication``).
    static var rules: Rules {
        try! Rules(quorum: Fraction(1, 2), circulation: 600, silence: 1_800, votingWindow: 3_600, important: [.admission, .suspension])
            .applying([.checkAnswer(120), .ackDeadline(.routine, 60)])
    }

    let demo: DemoForum
    let forum: ForumNode<Store>

    func seed() async throws {
        let start = Int64(Date().timeIntervalSince1970)
        var now = Timestamp(seconds: start - 3 * 3_600)

        let norm = try await propose(by: "ee", .norm, "Protect the public core of the Internet", Self.normText)
        let chile = try NoteSigner.generate(name: "cl.demo.roundtable/member")
        try KeyFile.write(chile, to: demo.keyPath("cl"))
        let admission = try await propose(
            by: "br",
            .admission,
            "Admission of the Republic of Chile",
            "# Admission of the Republic of Chile\n\nThe forum admits Chile as a member.\n",
            subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: chile.verifier, displayName: "Republic of Chile")))
        let policy = try await propose(by: "fr", .policy, "Points of contact answer within 24 hours", Self.policyText)
        try await clerk(now)
        now = now.adding(Self.rules.circulation)
        try await clerk(now)
        try await act("za", .object(proposal: admission, reason: "South Africa asks for a recorded vote"))
        try await act("in", .object(proposal: policy, reason: nil))
        try await clerk(now)
        for (member, choice) in [
            ("br", "yes"), ("ee", "yes"), ("fr", "yes"), ("in", "yes"), ("jp", "no"), ("ke", "yes"), ("za", "abstain"), ("jp", "yes"),
        ] {
            try await act(member, .vote(proposal: admission, choice: VoteChoice(rawValue: choice)!))
        }
        try await act("za", .explain(proposal: admission, text: "South Africa abstains pending its parliament's review of the forum's rules."))
        for (member, choice) in [("fr", "yes"), ("in", "no"), ("ke", "abstain")] {
            try await act(member, .vote(proposal: policy, choice: VoteChoice(rawValue: choice)!))
        }
        now = now.adding(Self.rules.silence)
        try await clerk(now)  // the norm: adopted without a vote
        now = now.adding(Self.rules.votingWindow - Self.rules.silence)
        try await clerk(now)  // both ballots close and are decided

        now = Timestamp(seconds: start - Self.rules.circulation - 300)
        let open = try await propose(by: "ke", .norm, "Do not target emergency services", Self.emergencyText)
        _ = try await propose(
            by: "jp",
            .procedural,
            "Hold the next plenary on 15 January",
            "# Next plenary\n\nThe forum meets in plenary on 15 January.\n"
        )
        try await clerk(now)
        now = now.adding(Self.rules.circulation)
        try await clerk(now)
        try await act("jp", .object(proposal: open, reason: "Japan asks for a recorded vote"))
        try await clerk(now)
        for (member, choice) in [("ke", "yes"), ("ee", "no"), ("fr", "yes"), ("cl", "yes")] {
            try await act(member, .vote(proposal: open, choice: VoteChoice(rawValue: choice)!))
        }
        _ = norm
    }

    private func propose(
        by member: String, _ kind: ProposalKind, _ title: String, _ text: String, subject: ProposalDraft.Subject = .none
    ) async throws -> UInt64 {
        let bytes = Array(text.utf8)
        let digest = Array(SHA256.hash(data: bytes))
        try await forum.store.store(StoredDocument(sha256: digest, mediaType: "text/markdown; charset=utf-8", bytes: bytes))
        return try await act(member, .propose(try ProposalDraft(kind: kind, title: title, document: digest, subject: subject)))
    }

    @discardableResult
    private func act(_ member: String, _ body: Act.Body) async throws -> UInt64 {
        try await demo.submit(forum, by: member, body: body).index
    }

    private func clerk(_ now: Timestamp) async throws {
        while try await !forum.performDueActs(now: now).isEmpty {}
    }

    static var normText: String {
        """
        # Protect the public core of the Internet

        States should not conduct or knowingly support activity that intentionally and substantially damages the \
        general availability or integrity of the public core of the Internet.

        """
    }

    static var policyText: String {
        """
        # Points of contact answer within 24 hours

        Each member's technical point of contact acknowledges a request for assistance within 24 hours.

        """
    }

    static var emergencyText: String {
        """
        # Do not target emergency services

        States should not conduct or knowingly support ICT activity against emergency services.

        """
    }
}
