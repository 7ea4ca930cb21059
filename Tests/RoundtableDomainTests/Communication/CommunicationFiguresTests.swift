import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

/// The public communication figures, computed from the state a replay of the log gives and the acts' times.
@Suite("Communication figures")
struct CommunicationFiguresTests {
    static let hash = [UInt8](repeating: 0xab, count: 32)
    static let nonce = [UInt8](repeating: 7, count: 16)

    /// A forum where `ke` has two technical contacts and a diplomatic one.
    static func scenario(rules: Rules = .defaults) throws -> GovernanceScenario {
        var s = try GovernanceScenario(forum: try TestForum(rules: rules))
        for (id, role) in [("dip", ContactRole.diplomatic), ("tech-1", .technical), ("tech-2", .technical)] {
            try s.act("ke", .contact(.add(try ContactEntry(id: id, role: role, details: hash, key: nil))))
        }
        return s
    }

    /// The node's check of some of `ke`'s contacts, at the scenario's clock.
    static func check(_ s: inout GovernanceScenario, _ contacts: [String]) throws -> UInt64 {
        let challenges = contacts.map { CheckOpening.Challenge(contact: $0, nonceHash: Digest.sha256(nonce)) }
        let until = s.now.adding(s.state.governance.rules.communication.checkAnswer)
        return try s.nodeAct(.check(CheckOpening(member: try MemberID("ke"), challenges: challenges, asked: nil, at: s.now, until: until)))
    }

    /// The node's delivery of a request to a member, at the scenario's clock.
    @discardableResult
    static func deliver(_ s: inout GovernanceScenario, to member: String, request: UInt64? = nil) throws -> UInt64 {
        let ackBy = s.now.adding(s.state.governance.rules.communication.ackRoutine)
        let opening = DeliveryOpening(recipient: try MemberID(member), request: request, urgency: .routine, at: s.now, ackBy: ackBy)
        return try s.nodeAct(.deliver([opening]))
    }

    static func figures(_ s: GovernanceScenario, _ member: String = "ke", times: [UInt64: Timestamp] = [:]) throws -> CommunicationFigures.Member {
        try #require(CommunicationFigures(state: s.state, actTime: { times[$0] }).figures(of: try MemberID(member)))
    }

    @Test("every member is listed, by id, with its contacts per role and no check yet")
    func contactsPerRole() throws {
        let s = try Self.scenario()
        let all = CommunicationFigures(state: s.state, actTime: { _ in nil })
        #expect(all.members.map(\.member.rawValue) == ["ee", "fr", "ke"])
        #expect(all.requestParties == .sealed)
        let ke = try Self.figures(s)
        #expect(ke.contacts == [.diplomatic: 1, .technical: 2, .lawEnforcement: 0])
        #expect(ke.lastCheck == nil)
        #expect(try Self.figures(s, "fr").contacts == [.diplomatic: 0, .technical: 0, .lawEnforcement: 0])
        #expect(ke.requestsReceived == 0 && ke.medianSecondsToAcknowledge == nil && ke.requestsSent == nil)
    }

    @Test("the last check is pending until every contact answers or the overdue act is written; an answer after it is late")
    func lastCheck() throws {
        var s = try Self.scenario()
        let first = try Self.check(&s, ["dip", "tech-1"])
        #expect(try Self.figures(s).lastCheck == .init(index: first, openedAt: s.now, outcome: .pending))
        try s.act("ke", .acknowledge(.check(first, contact: "dip", nonce: Self.nonce)))
        try s.act("ke", .acknowledge(.check(first, contact: "tech-1", nonce: Self.nonce)))
        #expect(try Self.figures(s).lastCheck?.outcome == .answered)

        s.now = s.now.adding(3_600)
        let second = try Self.check(&s, ["dip", "tech-2"])
        try s.act("ke", .acknowledge(.check(second, contact: "dip", nonce: Self.nonce)))
        #expect(try Self.figures(s).lastCheck == .init(index: second, openedAt: s.now, outcome: .pending))
        s.now = s.now.adding(s.state.governance.rules.communication.checkAnswer)
        try s.nodeAct(.overdue(.check(second, contacts: ["tech-2"], at: s.now)))
        #expect(try Self.figures(s).lastCheck?.outcome == .missed)
        try s.act("ke", .acknowledge(.check(second, contact: "tech-2", nonce: Self.nonce)))
        #expect(try Self.figures(s).lastCheck?.outcome == .missed, "an acknowledgement after the overdue act does not count")
    }

    @Test("requests received, acknowledged in time and overdue; the median time to acknowledge comes from the acts' times")
    func deliveries() throws {
        var s = try Self.scenario()
        let delivered = s.now
        let deliveries = try (0..<4).map { _ in try Self.deliver(&s, to: "ke") }
        let acks = try deliveries.prefix(3).map { try s.act("ke", .acknowledge(.delivery($0))) }
        s.now = s.now.adding(s.state.governance.rules.communication.ackRoutine)
        try s.nodeAct(.overdue(.delivery(deliveries[3], recipients: [try MemberID("ke")], at: s.now)))
        try s.act("ke", .acknowledge(.delivery(deliveries[3])))

        let unknown = try Self.figures(s)
        #expect(unknown.requestsReceived == 4 && unknown.acknowledgedInTime == 3 && unknown.overdue == 1)
        #expect(unknown.medianSecondsToAcknowledge == nil, "without the acts' times there is no median")
        // Three acknowledgements timed 60 s, 600 s and 30 s after the delivery: the median is 60 s.
        let times = [acks[0]: delivered.adding(60), acks[1]: delivered.adding(600), acks[2]: delivered.adding(30)]
        #expect(try Self.figures(s, times: times).medianSecondsToAcknowledge == 60)
        // Two of them known: the mean of the middle two, rounded down; a time before the delivery counts as 0.
        #expect(try Self.figures(s, times: [acks[0]: delivered.adding(61), acks[1]: delivered.adding(600)]).medianSecondsToAcknowledge == 330)
        #expect(try Self.figures(s, times: [acks[0]: delivered.adding(-5)]).medianSecondsToAcknowledge == 0)
        #expect(try Self.figures(s, "fr").requestsReceived == 0)
        #expect(CommunicationFigures.timedIndexes(s.state) == (acks + [s.nextIndex - 1]).sorted())
    }

    @Test("requests sent are counted only when the log names the parties")
    func requestsSent() throws {
        var sealed = try Self.scenario()
        try sealed.act("ee", .request(RequestDraft(urgency: .routine, recipients: .sealed(count: 1), content: Self.hash)))
        #expect(try Self.figures(sealed, "ee").requestsSent == nil)

        let rules = try Rules.defaults.applying([.requestParties(.public)])
        var open = try Self.scenario(rules: rules)
        let request = try open.act("ee", .request(RequestDraft(urgency: .routine, recipients: .named([try MemberID("ke")]), content: Self.hash)))
        try Self.deliver(&open, to: "ke", request: request)
        let all = CommunicationFigures(state: open.state, actTime: { _ in nil })
        #expect(all.requestParties == .public)
        #expect(all.figures(of: try MemberID("ee"))?.requestsSent == 1)
        #expect(all.figures(of: try MemberID("ke"))?.requestsSent == 0)
        #expect(all.figures(of: try MemberID("ke"))?.requestsReceived == 1)
    }
}
