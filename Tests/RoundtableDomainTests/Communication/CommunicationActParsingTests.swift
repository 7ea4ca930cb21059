import RoundtableDomain
import Testing
import TransparencyLog

@Suite("Communication acts: grammar")
struct CommunicationActParsingTests {
    static let hash = [UInt8](repeating: 0xab, count: 32)

    static var bodies: [Act.Body] {
        get throws {
            let key = try NoteSigner.generate(name: "ke.test/tech-1").verifier
            return [
                .contact(.add(try ContactEntry(id: "tech-1", role: .technical, details: hash, key: key))),
                .contact(.update(try ContactEntry(id: "dip", role: .diplomatic, details: hash, key: nil))),
                .contact(.remove(id: "le-24-7")),
                .askCheck(contacts: nil),
                .askCheck(contacts: ["dip", "tech-1"]),
                .check(
                    CheckOpening(
                        member: try MemberID("ke"), challenges: [.init(contact: "dip", nonceHash: hash), .init(contact: "tech-1", nonceHash: hash)],
                        asked: 7, at: Timestamp(seconds: 1_800_000_000), until: Timestamp(seconds: 1_800_259_200))),
                .check(
                    CheckOpening(
                        member: try MemberID("ke"), challenges: [.init(contact: "dip", nonceHash: hash)], asked: nil,
                        at: Timestamp(seconds: 1_800_000_000), until: Timestamp(seconds: 1_800_259_200))),
                .acknowledge(.check(12, contact: "tech-1", nonce: [UInt8](repeating: 7, count: 16))),
                .acknowledge(.delivery(14)),
                .request(RequestDraft(urgency: .urgent, recipients: .named([try MemberID("ee"), try MemberID("fr")]), content: hash)),
                .request(RequestDraft(urgency: .critical, recipients: .sealed(count: 3), content: hash)),
                .deliver([
                    DeliveryOpening(
                        recipient: try MemberID("fr"), request: 13, urgency: .urgent, at: Timestamp(seconds: 1_800_000_000),
                        ackBy: Timestamp(seconds: 1_800_086_400))
                ]),
                .deliver([
                    DeliveryOpening(
                        recipient: try MemberID("fr"), request: nil, urgency: .routine, at: Timestamp(seconds: 1_800_000_000),
                        ackBy: Timestamp(seconds: 1_800_259_200)),
                    DeliveryOpening(
                        recipient: try MemberID("ee"), request: nil, urgency: .critical, at: Timestamp(seconds: 1_800_000_000),
                        ackBy: Timestamp(seconds: 1_800_007_200)),
                ]),
                .answer(delivery: 14, status: .needInformation, content: hash),
                .closeRequest(request: 13, outcome: .withdrawn),
                .overdue(.check(12, contacts: ["dip"], at: Timestamp(seconds: 1_800_300_000))),
                .overdue(.delivery(14, recipients: [try MemberID("ee"), try MemberID("fr")], at: Timestamp(seconds: 1_800_300_000))),
            ]
        }
    }

    @Test("the deliver and overdue acts shown in docs/communication.md read as two deliveries and one silent recipient")
    func documentedExamples() throws {
        let deliver = try Act(
            parsing: "forum.example.org\nact deliver\nby node\nseq 35\nat 2026-11-30T20:51:45Z\n"
                + "to ke urgency routine ack-by 2026-12-03T20:51:45Z\nto fr urgency critical ack-by 2026-11-30T22:51:45Z\n")
        guard case .deliver(let openings) = deliver.body else { Issue.record("not a deliver act: \(deliver.body)"); return }
        #expect(openings.map(\.recipient) == [try MemberID("ke"), try MemberID("fr")])
        #expect(openings.map(\.urgency) == [.routine, .critical] && openings.allSatisfy { $0.request == nil })
        #expect(openings[1].ackBy.seconds - openings[1].at.seconds == 7_200)
        let overdue = try Act(parsing: "forum.example.org\nact overdue\nby node\nseq 36\ndelivery 100\nto fr\nat 2026-11-30T22:51:46Z\n")
        #expect(overdue.body == .overdue(.delivery(100, recipients: [try MemberID("fr")], at: try Timestamp(parsing: "2026-11-30T22:51:46Z"))))
    }

    @Test("every communication act reads back as written")
    func roundTrip() throws {
        for body in try Self.bodies {
            let act = Act(origin: "forum.test", actor: body.isNodeAct ? .node : .member(try MemberID("ke")), sequence: 3, body: body)
            #expect(try Act(parsing: act.text) == act, "\(act.text)")
        }
    }

    @Test("malformed communication acts are refused with the line at fault", arguments: [
        "act contact\nby ke\nseq 1\nadd Tech technical \(String(repeating: "ab", count: 32))\n",
        "act contact\nby ke\nseq 1\nadd tech pilot \(String(repeating: "ab", count: 32))\n",
        "act contact\nby ke\nseq 1\nadd tech technical abcd\n",
        "act contact\nby ke\nseq 1\nremove\n",
        "act ask-check\nby ke\nseq 1\ncontacts b,a\n",
        "act ack\nby ke\nseq 1\ncheck 3\ncontact tech\nnonce 00\n",
        "act request\nby ke\nseq 1\nurgency soon\nto ee\nsealed \(String(repeating: "ab", count: 32))\n",
        "act request\nby ke\nseq 1\nurgency urgent\nto fr,ee\nsealed \(String(repeating: "ab", count: 32))\n",
        "act request\nby ke\nseq 1\nurgency urgent\nrecipients 0\nsealed \(String(repeating: "ab", count: 32))\n",
        "act answer\nby ke\nseq 1\ndelivery 3\nstatus maybe\nsealed \(String(repeating: "ab", count: 32))\n",
        "act close-request\nby ke\nseq 1\nrequest 3\noutcome done\n",
        "act check\nby node\nseq 2\nmember ke\nat 2026-01-01T00:00:00Z\nuntil 2026-01-04T00:00:00Z\n",
    ])
    func malformed(_ body: String) {
        #expect(throws: ActError(.malformedAct, "")) { try Act(parsing: "forum.test\n" + body) }
    }
}
