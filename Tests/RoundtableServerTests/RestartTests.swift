import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import RoundtableNode
import RoundtableAPI

@Suite("Restarting a node on its SQLite file")
struct RestartTests {
    @Test("every acknowledged act is still there after a restart, and replays stay refused")
    func restartKeepsAcknowledgedActs() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-restart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/roundtable.sqlite"
        let forum = try TestForum()

        let first = try await forum.open(on: try SQLiteForumStore(path: path))
        let acknowledged = try await withNode(first) { client in
            var acknowledged: [UInt64: [UInt8]] = [:]
            for sequence in 1...25 {
                let member = ["ee", "fr", "ke"][sequence % 3]
                let seq = UInt64(sequence / 3 + (sequence % 3 == 0 ? 0 : 1))
                let entry = try forum.credentialAct(by: member, seq: seq, [.addToken(try TestForum.token("t\(sequence)", sequence))])
                let response = try await client.submit(entry)
                #expect(response.status == .created)
                acknowledged[try response.decode(API.ActReceipt.self).index] = entry
            }
            return acknowledged
        }
        let stateBefore = first.state

        let second = try await forum.open(on: try SQLiteForumStore(path: path))
        #expect(second.state == stateBefore)
        try await withNode(second) { client in
            for (index, entry) in acknowledged {
                let read = try await client.get("/api/v1/acts/\(index)")
                #expect(Array(buffer: read.body) == entry)
            }
            let replay = try await client.submit(acknowledged[1]!)
            #expect(replay.status == .conflict)
            #expect(replay.errorCode == "replayed")
        }
        #expect(try await second.store.entryCount() == 26)
    }

    @Test("governance survives a restart: proposals, open ballots, votes, the node's clock and the rules are rebuilt from the log")
    func restartKeepsGovernance() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-restart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/roundtable.sqlite"
        let rules = try Rules(quorum: Fraction(1, 2), circulation: 0, silence: 10, votingWindow: 10, important: [])
        let forum = try TestForum(rules: rules)
        var record = try GovernanceScenario(forum: forum)
        let amendment = try record.propose("ee", .rules, subject: .rules([.silence(20)]))
        try record.runClerk()
        try record.act("fr", .object(proposal: amendment, reason: nil))
        try record.runClerk()
        for member in ["ee", "fr", "ke"] { try record.act(member, .vote(proposal: amendment, choice: .yes)) }
        try record.advance(10)
        let open = try record.propose("ke")
        try record.runClerk()
        try record.act("ee", .object(proposal: open, reason: nil))
        try record.runClerk()
        try record.act("fr", .vote(proposal: open, choice: .no))
        #expect(record.state.governance.rulesVersion == 2)
        #expect(record.proposal(open)?.stage == .ballot)

        // The record goes into a SQLite file with the changes each act makes, as the node writes them.
        let store = try SQLiteForumStore(path: path)
        let first = try await forum.open(on: store)
        #expect(try await store.entry(at: 0) == record.entries[0])
        var state = first.state
        for (index, entry) in record.entries.enumerated().dropFirst() {
            let changes = try state.check(try state.verifyLogged(entry: entry), at: UInt64(index))
            state.apply(changes)
            try await store.append([ActRecord(entry: entry, changes: changes)], at: UInt64(index))
        }
        let reopened = try await forum.open(on: try SQLiteForumStore(path: path))
        #expect(reopened.state.governance == record.state.governance)
        #expect(reopened.state.nodeSequence == record.state.nodeSequence)

        // The reopened node goes on: it closes the open ballot and decides it by the votes cast before the restart.
        let receipts = try await reopened.performDueActs(now: record.now.adding(10))
        #expect(receipts.map(\.act) == ["close"])
        try await reopened.performDueActs(now: record.now.adding(10))
        #expect(reopened.state.governance.proposals[open]?.decision?.count?.tally == Tally(electorate: 3, yes: 0, no: 1, abstain: 0))
    }
}
