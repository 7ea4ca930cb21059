import Foundation
import RoundtableDomain
import Testing

@Suite("Tally: the algorithm's boundaries")
struct TallyTests {
    let half = try! Fraction(1, 2)

    @Test("quorum is a strict majority of the electorate present, abstentions included")
    func quorum() {
        #expect(Tally(electorate: 10, yes: 3, no: 1, abstain: 1).outcome(quorum: half, threshold: .simpleMajority) == .noDecision)
        #expect(Tally(electorate: 10, yes: 3, no: 1, abstain: 2).outcome(quorum: half, threshold: .simpleMajority) == .adopted)
        #expect(Tally(electorate: 0).outcome(quorum: half, threshold: .simpleMajority) == .noDecision)
    }

    @Test("two-thirds: Y = 2N adopts, Y = 2N - 1 rejects; simple majority: a tie rejects")
    func thresholds() {
        #expect(Tally(electorate: 9, yes: 6, no: 3).outcome(quorum: half, threshold: .twoThirds) == .adopted)
        #expect(Tally(electorate: 9, yes: 5, no: 3).outcome(quorum: half, threshold: .twoThirds) == .rejected)
        #expect(Tally(electorate: 9, yes: 3, no: 3).outcome(quorum: half, threshold: .simpleMajority) == .rejected)
        #expect(Tally(electorate: 9, yes: 4, no: 3).outcome(quorum: half, threshold: .simpleMajority) == .adopted)
    }

    @Test("all abstain rejects under either threshold, although 0 >= 2 x 0")
    func allAbstain() {
        #expect(Tally(electorate: 5, abstain: 5).outcome(quorum: half, threshold: .twoThirds) == .rejected)
        #expect(Tally(electorate: 5, abstain: 5).outcome(quorum: half, threshold: .simpleMajority) == .rejected)
    }

    @Test("rules and timestamps read back as written")
    func textRoundTrips() throws {
        for setting in Rules.defaults.settings { #expect(try RuleSetting(parsing: setting.description) == setting) }
        #expect(Rules.defaults.settings.map(\.description) == [
            "quorum 1/2", "circulation 1d", "silence 3d", "voting-window 7d", "important admission,suspension,rules",
            "witness-quorum majority", "check-interval 180d", "check-answer 3d", "ack-routine 3d", "ack-urgent 1d", "ack-critical 2h",
            "request-parties sealed", "language en",
        ])
        #expect(try RuleSetting(parsing: "language zh-Hans") == .language("zh-Hans"))
        for bad in ["language e", "language english1", "language en_US", "language en--x", "language en-abcdefghi"] {
            #expect(throws: ActError.self, "\(bad)") { try RuleSetting(parsing: bad) }
        }
        #expect(throws: ActError.self) { try RuleSetting(parsing: "quorum 3/2") }
        #expect(throws: ActError.self) { try RuleSetting(parsing: "silence 400d") }
        #expect(throws: ActError.self) { try RuleSetting(parsing: "veto yes") }
        for text in ["1970-01-01T00:00:00Z", "2026-11-29T10:00:00Z", "2028-02-29T23:59:59Z", "9999-12-31T23:59:59Z"] {
            #expect(try Timestamp(parsing: text).description == text)
        }
        #expect(try Timestamp(parsing: "2026-11-29T10:00:00Z").seconds == 1_795_946_400)
        for bad in [
            "2026-02-29T00:00:00Z", "2026-11-29 10:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T10:00:00+01:00", "2026-11-29T10:00:0Z",
            "1969-12-31T23:59:59Z", "2026-1１-29T10:00:00Z", "",
        ] {
            #expect(throws: ActError.self) { try Timestamp(parsing: bad) }
        }
        #expect(try Timestamp(parsing: "at 2026-11-29T10:00:00Z".dropFirst(3)).seconds == 1_795_946_400)
    }

    /// Every day from 1970 to 2200, at a time that moves through the day, written as Foundation's ISO 8601 formatter
    /// writes it and read back.
    @Test("timestamps agree with Foundation's ISO 8601 form from 1970 to 2200")
    func timestampsAgreeWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds: Int64 = 0
        while seconds < 7_258_118_400 {
            let text = Timestamp(seconds: seconds).description
            #expect(text == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            #expect(try Timestamp(parsing: text).seconds == seconds)
            seconds += 86_400 + 3_607
        }
    }
}
