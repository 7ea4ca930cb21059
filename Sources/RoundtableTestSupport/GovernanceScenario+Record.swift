public import RoundtableDomain
import TransparencyLog

extension GovernanceScenario {
    /// Short periods for records built in tests: circulation 10 s, silence 20 s, ballots open 60 s; no important
    /// question besides the fixed ones.
    public static let shortRules = try! Rules(quorum: Fraction(1, 2), circulation: 10, silence: 20, votingWindow: 60, important: [])

    /// The record of a forum of three members (ee, fr, ke) holding most kinds of act: a token and a witness registered,
    /// a rules amendment adopted, then `ballots` norms decided by recorded ballot, adopted and rejected in turn, each
    /// followed by an explanation of vote: 13 + 11 × `ballots` entries in all, the genesis included.
    /// - Parameter ballots: How many norms to decide.
    public static func record(ballots: Int) throws -> GovernanceScenario {
        var record = try GovernanceScenario(forum: TestForum(rules: shortRules))
        try record.act("ee", .credential([.addToken(try TestForum.token("cli", 1))]))
        let witness = try CosignatureSigner(try NoteSigner.generate(name: "witness.ke.test/w1")).verifier
        try record.act("ke", .credential([.addWitness(witness, url: "https://witness.ke.test")]))
        try record.ballot(
            .rules, title: "Shorter silence", subject: .rules([.silence(30)]), proposer: "fr", votes: [("ee", .yes), ("fr", .yes), ("ke", .yes)])
        for number in 0..<ballots {
            let id = try record.ballot(proposer: "ee", votes: [("ee", .yes), ("fr", .no), ("ke", number % 2 == 0 ? .yes : .no)])
            try record.act("fr", .explain(proposal: id, text: "We voted no on norm \(number)."))
        }
        return record
    }
}
