import HashTreeCollections
import Foundation
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

/// Every refusal of the communication acts, on the forum's state as the replay checks it: nothing changes.
@Suite("Communication acts: what the rules refuse")
struct CommunicationRulesTests {
    static let t0 = Timestamp(seconds: 1_800_000_000)

    /// A forum state and the acts applied to it so far.
    struct Forum {
        let test: TestForum
        var state: ForumState
        var index: UInt64 = 1
        var sequences: [String: UInt64] = [:]

        init(rules: Rules = .defaults) throws {
            test = try TestForum(rules: rules)
            state = try test.initialState
        }

        /// A member's act, applied if accepted; with its sealed document, checked and kept as the node does.
        @discardableResult
        mutating func member(_ id: String, _ body: Act.Body, signer: NoteSigner? = nil, sealed document: [UInt8]? = nil) throws -> UInt64 {
            let seq = (sequences[id] ?? 0) + 1
            let verified = try state.verify(entry: try test.act(by: id, seq: seq, body, signer: signer))
            let record = try document.flatMap { try state.sealedRecord(for: verified.act, document: $0) }
            state.apply(try state.check(verified, at: index) + (record.map { [.communicationRecorded($0(index))] } ?? []))
            sequences[id] = seq
            index += 1
            return index - 1
        }

        /// One of the node's acts, applied if accepted.
        @discardableResult
        mutating func node(_ body: Act.Body, with records: [CommunicationRecord] = []) throws -> UInt64 {
            let act = Act(origin: test.origin, actor: .node, sequence: state.nodeSequence + 1, body: body)
            let changes = try state.check(try VerifiedAct(nodeAct: act, signedBy: test.node), at: index)
            state.apply(changes + records.map { .communicationRecorded($0) })
            index += 1
            return index - 1
        }

        mutating func contact(_ member: String, _ id: String, key: NoteVerifier? = nil, update: Bool = false) throws {
            let entry = try ContactEntry(id: id, role: .technical, details: [UInt8](repeating: 1, count: 32), key: key)
            try self.member(member, .contact(update ? .update(entry) : .add(entry)))
        }
    }

    static func refused(_ code: ActError.Code, _ forum: Forum, _ body: (inout Forum) throws -> Void) {
        var copy = forum
        do {
            try body(&copy)
            Issue.record("expected \(code)")
        } catch let error as ActError {
            #expect(error.code == code, "\(error)")
            #expect(copy.state == forum.state, "a refused act changes nothing")
        } catch {
            Issue.record("expected \(code), got \(error)")
        }
    }

    static let nonce = [UInt8](repeating: 5, count: 16)

    @Test("contacts: ids once, keys of their own, at most 20; updates and removals of contacts that exist")
    func contacts() throws {
        var forum = try Forum()
        let key = try NoteSigner.generate(name: "ke.test/tech")
        try forum.contact("ke", "tech", key: key.verifier)
        Self.refused(.conflict, forum) { try $0.contact("ke", "tech") }
        Self.refused(.conflict, forum) { try $0.contact("fr", "tech", key: key.verifier) }
        Self.refused(.conflict, forum) { try $0.contact("fr", "tech", key: $0.test.keys["ee"]!.verifier) }
        Self.refused(.conflict, forum) { try $0.member("fr", .credential([.addKey(key.verifier)])) }
        Self.refused(.unknownContact, forum) { try $0.contact("ke", "dip", update: true) }
        Self.refused(.unknownContact, forum) { try $0.member("ke", .contact(.remove(id: "dip"))) }
        Self.refused(.unknownContact, forum) { try $0.member("ke", .askCheck(contacts: ["dip"])) }
        Self.refused(.unknownContact, forum) { try $0.member("fr", .askCheck(contacts: nil)) }
        Self.refused(.contactKeyNotAllowed, forum) { try $0.member("ke", .askCheck(contacts: nil), signer: key) }
        Self.refused(.contactKeyNotAllowed, forum) {
            try $0.member("ke", .contact(.remove(id: "tech")), signer: key)
        }
        var full = try Forum()
        for number in 0..<ForumState.maximumContacts { try full.contact("ee", "c\(number)") }
        Self.refused(.conflict, full) { try $0.contact("ee", "one-more") }
        try forum.contact("ke", "tech", update: true)
        #expect(forum.state.communication.contacts[try MemberID("ke")]?["tech"]?.entry.key == nil)
    }

    @Test("checks: the node's deadline follows the rule, acks need the nonce and the right key, overdue names exactly the silent")
    func checks() throws {
        var forum = try Forum()
        let key = try NoteSigner.generate(name: "ke.test/tech")
        let other = try NoteSigner.generate(name: "ke.test/dip")
        try forum.contact("ke", "tech", key: key.verifier)
        try forum.contact("ke", "dip", key: other.verifier)
        let ke = try MemberID("ke")
        let hash = Digest.sha256(Self.nonce)
        let challenges: [CheckOpening.Challenge] = [.init(contact: "dip", nonceHash: hash), .init(contact: "tech", nonceHash: hash)]
        let answer = Rules.defaults.communication.checkAnswer
        Self.refused(.wrongTime, forum) {
            try $0.node(.check(CheckOpening(member: ke, challenges: challenges, asked: nil, at: Self.t0, until: Self.t0.adding(answer - 1))))
        }
        Self.refused(.unknownContact, forum) {
            let ghost: [CheckOpening.Challenge] = [.init(contact: "ghost", nonceHash: hash)]
            try $0.node(.check(CheckOpening(member: ke, challenges: ghost, asked: nil, at: Self.t0, until: Self.t0.adding(answer))))
        }
        Self.refused(.unknownCommunication, forum) {
            try $0.node(.check(CheckOpening(member: ke, challenges: challenges, asked: 1, at: Self.t0, until: Self.t0.adding(answer))))
        }
        let check = try forum.node(.check(CheckOpening(member: ke, challenges: challenges, asked: nil, at: Self.t0, until: Self.t0.adding(answer))))
        Self.refused(.unknownCommunication, forum) { try $0.member("ke", .acknowledge(.check(99, contact: "tech", nonce: Self.nonce))) }
        Self.refused(.wrongNonce, forum) {
            try $0.member("ke", .acknowledge(.check(check, contact: "tech", nonce: [UInt8](repeating: 6, count: 16))))
        }
        Self.refused(.contactKeyNotAllowed, forum) {
            try $0.member("ke", .acknowledge(.check(check, contact: "tech", nonce: Self.nonce)), signer: other)
        }
        Self.refused(.wrongTime, forum) { try $0.node(.overdue(.check(check, contacts: ["dip", "tech"], at: Self.t0.adding(answer - 1)))) }
        try forum.member("ke", .acknowledge(.check(check, contact: "tech", nonce: Self.nonce)), signer: key)
        Self.refused(.conflict, forum) { try $0.member("ke", .acknowledge(.check(check, contact: "tech", nonce: Self.nonce))) }
        Self.refused(.conflict, forum) { try $0.node(.overdue(.check(check, contacts: ["dip", "tech"], at: Self.t0.adding(answer)))) }
        let overdue = try forum.node(.overdue(.check(check, contacts: ["dip"], at: Self.t0.adding(answer))))
        Self.refused(.wrongTime, forum) { try $0.node(.overdue(.check(check, contacts: ["dip"], at: Self.t0.adding(answer)))) }
        Self.refused(.wrongTime, forum) {
            try $0.node(.check(CheckOpening(member: ke, challenges: challenges, asked: nil, at: Self.t0, until: Self.t0.adding(answer))))
        }
        #expect(forum.state.communication.checks[check]?.overdue == overdue)
        #expect(forum.state.communication.openChecks.isEmpty)
    }

    @Test("requests and deliveries: recipients, deadlines, who may acknowledge, answer and close")
    func requests() throws {
        var forum = try Forum(rules: try Rules.defaults.applying([.requestParties(.public)]))
        let (ee, fr, ke) = (try MemberID("ee"), try MemberID("fr"), try MemberID("ke"))
        let content = [UInt8](repeating: 2, count: 32)
        Self.refused(.wrongParties, forum) {
            try $0.member("ee", .request(RequestDraft(urgency: .urgent, recipients: .sealed(count: 1), content: content)))
        }
        Self.refused(.conflict, forum) { try $0.member("ee", .request(RequestDraft(urgency: .urgent, recipients: .named([ee]), content: content))) }
        Self.refused(.unknownMember, forum) {
            try $0.member("ee", .request(RequestDraft(urgency: .urgent, recipients: .named([try MemberID("zz")]), content: content)))
        }
        let request = try forum.member("ee", .request(RequestDraft(urgency: .urgent, recipients: .named([fr]), content: content)))
        #expect(forum.state.communication.undelivered == [request])
        let urgent = Rules.defaults.communication.ackUrgent
        Self.refused(.wrongTime, forum) {
            let late = DeliveryOpening(recipient: fr, request: request, urgency: .urgent, at: Self.t0, ackBy: Self.t0.adding(urgent + 1))
            try $0.node(.deliver([late]))
        }
        let toFr = DeliveryOpening(recipient: fr, request: request, urgency: .urgent, at: Self.t0, ackBy: Self.t0.adding(urgent))
        Self.refused(.conflict, forum) {
            let toKe = DeliveryOpening(recipient: ke, request: request, urgency: .urgent, at: Self.t0, ackBy: Self.t0.adding(urgent))
            try $0.node(.deliver([toFr, toKe]))
        }
        // One act delivers to each recipient once, all at the act's time.
        Self.refused(.malformedAct, forum) { try $0.node(.deliver([toFr, toFr])) }
        Self.refused(.malformedAct, forum) {
            let later = Self.t0.adding(1)
            try $0.node(.deliver([toFr, DeliveryOpening(recipient: ke, request: nil, urgency: .urgent, at: later, ackBy: later.adding(urgent))]))
        }
        Self.refused(.malformedAct, forum) { try $0.node(.deliver([])) }
        let delivery = try forum.node(.deliver([toFr]))
        #expect(forum.state.communication.undelivered.isEmpty)
        Self.refused(.conflict, forum) { try $0.node(.deliver([toFr])) }
        Self.refused(.notAddressed, forum) { try $0.member("ke", .acknowledge(.delivery(delivery))) }
        Self.refused(.unknownCommunication, forum) { try $0.member("fr", .acknowledge(.delivery(delivery + 1))) }
        Self.refused(.wrongStage, forum) { try $0.member("fr", .answer(delivery: delivery, status: .declined, content: content)) }
        Self.refused(.notAddressed, forum) { try $0.member("fr", .closeRequest(request: request, outcome: .resolved)) }
        Self.refused(.unknownCommunication, forum) { try $0.member("ee", .closeRequest(request: delivery, outcome: .resolved)) }
        try forum.member("fr", .acknowledge(.delivery(delivery)))
        Self.refused(.conflict, forum) { try $0.member("fr", .acknowledge(.delivery(delivery))) }
        Self.refused(.wrongTime, forum) { try $0.node(.overdue(.delivery(delivery, recipients: [fr], at: Self.t0.adding(urgent)))) }
        try forum.member("fr", .answer(delivery: delivery, status: .declined, content: content))
        try forum.member("fr", .answer(delivery: delivery, status: .provided, content: content))
        try forum.member("ee", .closeRequest(request: request, outcome: .withdrawn))
        Self.refused(.requestClosed, forum) { try $0.member("ee", .closeRequest(request: request, outcome: .resolved)) }
        Self.refused(.requestClosed, forum) { try $0.member("fr", .answer(delivery: delivery, status: .provided, content: content)) }
        #expect(forum.state.communication.deliveries[DeliveryID(index: delivery, recipient: fr)]?.answers.map(\.status) == [.declined, .provided])
    }

    @Test("the rules read and write as rule lines, with their defaults, and refuse periods out of range")
    func rules() throws {
        let defaults = Rules.defaults.communication
        let periods: [Int64] = [defaults.checkInterval, defaults.checkAnswer, defaults.ackRoutine, defaults.ackUrgent, defaults.ackCritical]
        let expected: [Int64] = [15_552_000, 259_200, 259_200, 86_400, 7_200]
        #expect(periods == expected)
        #expect(defaults.requestParties == .sealed)
        #expect(try RuleSetting(parsing: "ack-critical 30m") == .ackDeadline(.critical, 1_800))
        #expect(try RuleSetting(parsing: "request-parties public") == .requestParties(.public))
        #expect(throws: ActError.self) { try RuleSetting(parsing: "request-parties secret") }
        #expect(throws: ActError.self) { try Rules.defaults.applying([.checkInterval(30)]) }
        #expect(throws: ActError.self) { try Rules.defaults.applying([.ackDeadline(.urgent, 0)]) }
    }

    static let salt = #""salt":"00000000000000000000000000000000""#

    @Test("sealed documents: the commitment, the salt and every field's rule", arguments: [
        ("salt", #"{"salt":"00","name":"A","organisation":"B","languages":["en"],"hours":"24/7","email":"a@b.c"}"#),
        ("channel", #"{SALT,"name":"A","organisation":"B","languages":["en"],"hours":"24/7"}"#),
        ("webhook", #"{SALT,"name":"A","organisation":"B","languages":["en"],"hours":"24/7","webhook":"http://cert.example/h"}"#),
        ("time zone", #"{SALT,"name":"A","organisation":"B","languages":["en"],"hours":"9-17","email":"a@b.c"}"#),
        ("language", #"{SALT,"name":"A","organisation":"B","languages":["English"],"hours":"24/7","email":"a@b.c"}"#),
        ("missing", #"{SALT,"organisation":"B","languages":["en"],"hours":"24/7","email":"a@b.c"}"#),
    ])
    func sealedDocuments(_ case: (String, String)) {
        let bytes = Array(`case`.1.replacingOccurrences(of: "SALT", with: Self.salt).utf8)
        #expect(throws: ActError(.malformedAct, "")) {
            _ = try SealedDocuments.open(bytes, as: ContactDetails.self, commitment: SealedDocuments.commitment(bytes))
        }
    }

    @Test("a sealed text refuses exactly the control characters (Cc), a line break allowed in a body; its length counts characters")
    func controlCharacters() throws {
        func opens(_ body: String) -> Bool {
            guard let bytes = try? SealedDocuments.encode(AnswerContent(body: body)) else { return false }
            return (try? SealedDocuments.open(bytes, as: AnswerContent.self, commitment: SealedDocuments.commitment(bytes))) != nil
        }
        for scalar in [0x00, 0x09, 0x0D, 0x1F, 0x7F, 0x80, 0x85, 0x9F] {
            #expect(!opens("a\(Character(Unicode.Scalar(UInt32(scalar))!))b"), "U+\(String(scalar, radix: 16)) is a control character")
        }
        for text in ["line\nbreak", "\u{A0}", "\u{2028}", "é", "مرحبا", "\u{1F1F0}\u{1F1EA}"] { #expect(opens(text), "\(text)") }
        let scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init)
        let control = scalars.filter { $0.properties.generalCategory == .control }.map(\.value)
        #expect(control == Array(0x00...0x1F) + Array(0x7F...0x9F), "the ranges the check uses are the control characters")
        // 100,000 characters of two bytes each: more bytes than the maximum, not more characters.
        #expect(opens(String(repeating: "é", count: 100_000)))
        #expect(!opens(String(repeating: "é", count: 100_001)))
    }

    @Test("a sealed document reads back field by field as it was written; each refusal names its field")
    func sealedFields() throws {
        let details = ContactDetails(
            name: "A", title: "Duty officer", organisation: "B", languages: ["en", "fr"], hours: "Mon-Fri 09:00-17:00",
            timeZone: "Africa/Nairobi", email: "a@b.example", phone: "+254 20 000", webhook: "https://x.example/h")
        #expect(try SealedDocuments.decode(try SealedDocuments.encode(details), as: ContactDetails.self) == details)
        let sparse = ContactDetails(name: "A", organisation: "B", languages: ["en"], hours: "24/7", phone: "+1 555")
        #expect(try SealedDocuments.decode(try SealedDocuments.encode(sparse), as: ContactDetails.self) == sparse)
        let content = RequestContent(
            kind: .preservation, to: [try MemberID("ke"), try MemberID("fr")], subject: "S", body: "B\nline", tlp: "amber+strict",
            references: ["indicator--1"], answerBy: "2027-01-01T00:00:00Z")
        #expect(try SealedDocuments.decode(try SealedDocuments.encode(content), as: RequestContent.self) == content)
        let answer = AnswerContent(body: "Provided.")
        #expect(try SealedDocuments.decode(try SealedDocuments.encode(answer), as: AnswerContent.self) == answer)

        func reason(_ json: String) -> String? {
            do {
                _ = try SealedDocuments.decode(Array(json.replacingOccurrences(of: "SALT", with: Self.salt).utf8), as: RequestContent.self)
                return nil
            } catch { return error.message }
        }
        let valid = #"{SALT,"kind":"information","to":["ke"],"subject":"S","body":"B","tlp":"green","references":[]"#
        #expect(reason(valid + "}") == nil)
        #expect(reason(valid + #","answer_by":null,"unknown":{"x":[1]}}"#) == nil, "null is absent; members not known are ignored")
        let prefix = "the sealed document is not a valid RequestContent JSON object: "
        #expect(reason(#"{SALT,"kind":"information","to":["ke"],"body":"B","tlp":"green","references":[]}"#)
            == prefix + "the field 'subject' is missing")
        #expect(reason(valid + #","answer_by":7}"#) == prefix + "the field 'answer_by' has the wrong type")
        #expect(reason(valid.replacingOccurrences(of: #""information""#, with: #""gossip""#) + "}") == prefix + "the field 'kind' has the wrong type")
        #expect(reason(valid.replacingOccurrences(of: #"["ke"]"#, with: #"["ke", 3]"#) + "}") == prefix + "the field 'to' has the wrong type")
        #expect(reason(valid.replacingOccurrences(of: #"["ke"]"#, with: #"["Kenya"]"#) + "}")?.hasPrefix(prefix + "the field 'to'") == true)
        #expect(reason(valid.replacingOccurrences(of: #""references":[]"#, with: #""references":"x""#) + "}")
            == prefix + "the field 'references' has the wrong type")
        #expect(reason(#"["salt"]"#) == prefix + "it is not a JSON object")
        #expect(reason(valid + #","subject":"again"}"#)?.hasPrefix(prefix + "it does not parse") == true, "a member twice")
        #expect(reason(valid)?.hasPrefix(prefix + "it does not parse") == true)
        for to in [#"["ke","ke"]"#, #"["ke","fr"]"#, "[]"] {
            let bytes = Array((valid.replacingOccurrences(of: #"["ke"]"#, with: to) + "}").replacingOccurrences(of: "SALT", with: Self.salt).utf8)
            #expect(throws: ActError(.malformedAct, "")) {
                _ = try SealedDocuments.open(bytes, as: RequestContent.self, commitment: SealedDocuments.commitment(bytes))
            }
        }
    }

    @Test("a sealed document opens only with its own commitment")
    func commitment() throws {
        let bytes = try SealedDocuments.encode(
            ContactDetails(
                name: "A", organisation: "B", languages: ["en"], hours: "Mon-Fri 09:00-17:00", timeZone: "Africa/Nairobi",
                webhook: "https://x.example/h"))
        #expect(try SealedDocuments.open(bytes, as: ContactDetails.self, commitment: SealedDocuments.commitment(bytes)).name == "A")
        #expect(throws: ActError.self) { _ = try SealedDocuments.open(bytes, as: ContactDetails.self, commitment: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: ActError(.tooLarge, "")) {
            let huge = [UInt8](repeating: 0x20, count: SealedDocuments.maximumSize + 1)
            _ = try SealedDocuments.open(huge, as: ContactDetails.self, commitment: SealedDocuments.commitment(huge))
        }
    }
}
