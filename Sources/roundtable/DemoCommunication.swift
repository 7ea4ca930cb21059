import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableStorageSQLite
import TransparencyLog

/// The communication record of the demonstration forum, written as if the last few minutes had happened: every member
/// names a diplomatic and a technical point of contact (Kenya's technical contact with a contact key of its own); a
/// check that every member but Japan answers, so Japan's is overdue; and requests in several states — one acknowledged,
/// answered and closed, one overdue, and a critical one still waiting for Kenya.
struct DemoCommunication<Store: ForumStore> {
    let demo: DemoForum
    let forum: ForumNode<Store>

    /// Where Kenya's technical contact keeps its contact key.
    var kenyaContactKeyPath: String { "\(demo.directory)/ke-tech.key" }

    func seed() async throws {
        var now = forum.state.governance.clock.map { $0.adding(10) } ?? Timestamp(seconds: Int64(Date().timeIntervalSince1970) - 300)
        let kenyaTech = try NoteSigner.generate(name: "tech.ke.demo.roundtable/contact")
        try KeyFile.write(kenyaTech, to: kenyaContactKeyPath)
        for (id, name) in DemoForum.members {
            try await contact(id, "dip", .diplomatic, ContactDetails(
                name: "Duty diplomat of \(name)", title: "Cyber coordinator", organisation: "Ministry of Foreign Affairs", languages: ["en", "fr"],
                hours: "Mon-Fri 09:00-17:00", timeZone: "UTC", email: "cyber@mfa.\(id).demo.roundtable"))
            try await contact(id, "tech", .technical, ContactDetails(
                name: "CERT duty officer", title: "Incident handler", organisation: "National CERT of \(name)", languages: ["en"], hours: "24/7",
                email: "duty@cert.\(id).demo.roundtable"), key: id == "ke" ? kenyaTech : nil)
        }
        try await forum.performDueCommunication(now: now)
        let ledger = forum.state.communication.ledger
        for check in forum.state.communication.checks.values.sorted(by: { $0.index < $1.index }) where check.opening.member.rawValue != "jp" {
            for challenge in check.opening.challenges {
                guard let nonce = ledger.nonces[check.index]?[challenge.contact] else { continue }
                let member = check.opening.member.rawValue
                let signer = member == "ke" && challenge.contact == "tech" ? kenyaTech : nil
                let ack = Act.Body.acknowledge(.check(check.index, contact: challenge.contact, nonce: nonce))
                try await demo.submit(forum, by: member, body: ack, signer: signer)
            }
        }
        now = now.adding(forum.state.governance.rules.communication.checkAnswer)
        try await forum.performDueCommunication(now: now)  // Japan's check is overdue

        // France asks Estonia and Kenya for assistance; both acknowledge and answer; France closes it.
        let assistance = try await request(
            by: "fr", to: ["ee", "ke"], .assistance, .urgent, "Wiper on port authority hosts",
            "Our CERT sees a wiper on port authority hosts. Do you see the attached indicators on your networks?", now: now)
        for member in ["ee", "ke"] {
            let delivery = try delivery(of: assistance, to: member)
            try await demo.submit(forum, by: member, body: .acknowledge(.delivery(delivery)), signer: member == "ke" ? kenyaTech : nil)
            let text = member == "ee" ? "No sightings in Estonia." : "Kenya is checking."
            try await answer(member, delivery, member == "ee" ? .provided : .accepted, text)
        }
        try await demo.submit(forum, by: "fr", body: .closeRequest(request: assistance, outcome: .resolved))
        // Estonia asks Japan for information; Japan does not acknowledge within the routine deadline.
        now = now.adding(10)
        _ = try await request(by: "ee", to: ["jp"], .information, .routine, "Point of contact for the CBM", "Who is Japan's CBM 8 contact?", now: now)
        now = now.adding(forum.state.governance.rules.communication.ackRoutine)
        try await forum.performDueCommunication(now: now)
        // Brazil asks Kenya to preserve data: critical, still waiting for Kenya.
        _ = try await request(
            by: "br", to: ["ke"], .preservation, .critical, "Preserve logs of a botnet controller",
            "Please preserve for 90 days the logs of the host in the attached indicator.", now: now.adding(10))
    }

    /// The delivery of a request to a member, from the node's ledger.
    func delivery(of request: UInt64, to member: String) throws -> UInt64 {
        let recipient = try MemberID(member)
        guard let delivery = forum.state.communication.deliveriesOfRequest[request]?.first(where: { $0.recipient == recipient }) else {
            throw CLIError("the demonstration request \(request) was not delivered to \(member)")
        }
        return delivery.index
    }

    private func contact(_ member: String, _ id: String, _ role: ContactRole, _ details: ContactDetails, key: NoteSigner? = nil) async throws {
        let bytes = try SealedDocuments.encode(details)
        let entry = try ContactEntry(id: id, role: role, details: SealedDocuments.commitment(bytes), key: key?.verifier)
        try await demo.submit(forum, by: member, body: .contact(.add(entry)), sealed: bytes)
    }

    private func request(
        by member: String, to recipients: [String], _ kind: RequestContent.Kind, _ urgency: Urgency, _ subject: String, _ body: String, now: Timestamp
    ) async throws -> UInt64 {
        let content = RequestContent(kind: kind, to: try recipients.map { try MemberID($0) }, subject: subject, body: body, tlp: "amber")
        let bytes = try SealedDocuments.encode(content)
        let draft = RequestDraft(urgency: urgency, recipients: .sealed(count: recipients.count), content: SealedDocuments.commitment(bytes))
        let index = try await demo.submit(forum, by: member, body: .request(draft), sealed: bytes).index
        try await forum.performDueCommunication(now: now)
        return index
    }

    private func answer(_ member: String, _ delivery: UInt64, _ status: AnswerStatus, _ text: String) async throws {
        let bytes = try SealedDocuments.encode(AnswerContent(body: text))
        try await demo.submit(
            forum, by: member, body: .answer(delivery: delivery, status: status, content: SealedDocuments.commitment(bytes)), sealed: bytes)
    }
}
