import Crypto
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// The demonstration forum of `roundtable serve --demo`: seven founding members and an eighth admitted by ballot
/// (Chile), whose keys are kept in the data directory's `demo-keys/`; each founder registers an API token; one key
/// rotation, and a governance record with decided, open and no-quorum proposals (``DemoGovernance``).
struct DemoForum {
    static let members: [(id: String, name: String)] = [
        ("br", "Federative Republic of Brazil"), ("ee", "Republic of Estonia"), ("fr", "French Republic"),
        ("in", "Republic of India"), ("jp", "Japan"), ("ke", "Republic of Kenya"), ("za", "Republic of South Africa"),
    ]

    /// Where the members' private keys and tokens are kept.
    let directory: String

    func keyPath(_ id: String) -> String { "\(directory)/\(id).key" }

    /// Generates the members' keys and returns them as founders.
    func makeFounders() throws -> [Genesis.Founder] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try Self.members.map { member in
            let signer = try NoteSigner.generate(name: "\(member.id).demo.roundtable/member")
            try KeyFile.write(signer, to: keyPath(member.id))
            return Genesis.Founder(id: try MemberID(member.id), key: signer.verifier, displayName: member.name)
        }
    }

    /// Submits the demonstration acts: every member registers an API token; Estonia rotates its key.
    func seed(_ forum: ForumNode<some ForumStore>) async throws {
        for member in Self.members {
            let token = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
            try KeyFile.write(Data((token + "\n").utf8), to: "\(directory)/\(member.id).token")
            let digest = try APIToken(label: "taxii", sha256: Array(SHA256.hash(data: Data(token.utf8))))
            try await submit(forum, by: member.id, changes: [.addToken(digest)])
        }
        let oldKey = try KeyFile.read(keyPath("ee"))
        let newKey = try NoteSigner.generate(name: "ee.demo.roundtable/member-2027")
        try await submit(forum, by: "ee", changes: [.addKey(newKey.verifier), .revokeKey(oldKey.verifier)])
        try FileManager.default.removeItem(atPath: keyPath("ee"))
        try KeyFile.write(newKey, to: keyPath("ee"))
        try await DemoGovernance(demo: self, forum: forum).seed()
        try await DemoExchange(forum: forum).seed()
        try await DemoCommunication(demo: self, forum: forum).seed()
    }

    private func submit(_ forum: ForumNode<some ForumStore>, by id: String, changes: [CredentialChange]) async throws {
        try await submit(forum, by: id, body: .credential(changes))
    }

    /// Signs an act with a member's demonstration key and submits it.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - id: The member.
    ///   - body: What the act does.
    ///   - sealed: The sealed document the act commits to, if any.
    ///   - signer: The key to sign with; the member's by default.
    @discardableResult
    func submit(
        _ forum: ForumNode<some ForumStore>, by id: String, body: Act.Body, sealed: [UInt8]? = nil, signer: NoteSigner? = nil
    ) async throws -> ActReceipt {
        let memberID = try MemberID(id)
        let sequence = (forum.state.members[memberID]?.lastSequence ?? 0) + 1
        let act = Act(origin: forum.state.origin, actor: .member(memberID), sequence: sequence, body: body)
        return try await forum.submit(act.signed(by: [try signer ?? KeyFile.read(keyPath(id))]).bytes, sealed: sealed)
    }

    /// The commands that read Kenya's inbox and acknowledge and answer the request that awaits it.
    private func communicationLines(forum: ForumNode<some ForumStore>, url: String) throws -> String {
        let kenya = try MemberID("ke")
        let deliveries = forum.state.communication.deliveries.values
        guard let waiting = deliveries.filter({ $0.opening.recipient == kenya && $0.acknowledged == nil }).map(\.index).min() else { return "" }
        let answer = "\(directory)/ke-answer.md"
        try Data("Kenya preserves the logs for 90 days.\n".utf8).write(to: URL(fileURLWithPath: answer))
        return """
              swift run -c release roundtable inbox --node \(url) --token-file \(directory)/ke.token --follow   Kenya's inbox, as it comes
            Acknowledge it with Kenya's contact key, then answer it (the node tells Brazil at once):
              swift run -c release roundtable ack --node \(url) --member ke --key \(directory)/ke-tech.key --delivery \(waiting)
              swift run -c release roundtable request answer --node \(url) --member ke --key \(directory)/ke-tech.key \\
                --delivery \(waiting) --status accepted --body-file \(answer)
              \(url)/communication   each member's contacts, checks and requests as the public sees them

            """
    }

    /// Writes a ready-to-submit act for Kenya and returns what to open and try.
    func instructions(forum: ForumNode<some ForumStore>, configuration: RoundtableConfiguration, dataDirectory: String) throws -> String {
        let kenya = try MemberID("ke")
        let sequence = (forum.state.members[kenya]?.lastSequence ?? 0) + 1
        let label = "demo-\(sequence)"
        let digest = Hex.encode(SHA256.hash(data: Data("token \(sequence) of Kenya".utf8)))
        let actPath = "\(directory)/ke-next-act.txt"
        let text = "\(forum.state.origin)\nact credential\nby ke\nseq \(sequence)\nadd-token \(label) \(digest)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: actPath))
        let url = configuration.publicURL
        let logKey = forum.log.signer.verifier
        let governance = forum.state.governance
        let ballot = governance.proposals.values.filter { $0.stage == .ballot }.map(\.id).min()
        let proposalPath = "\(directory)/ke-proposal.md"
        try Data("# Share indicators of compromise within 48 hours\n\nMembers' CERTs share indicators within 48 hours.\n".utf8)
            .write(to: URL(fileURLWithPath: proposalPath))
        let ballotLines =
            ballot.map { id in
                """

                Vote as Kenya on the open ballot (proposal \(id)), then run it again with another choice: the last vote counts:
                  swift run -c release roundtable vote --node \(url) --key \(keyPath("ke")) --proposal \(id) --choice no
                """
            } ?? ""
        return """

            Roundtable demonstration forum "\(forum.state.name)" with \(forum.state.members.count) members and \
            \(governance.proposals.count) proposals.
            Data directory: \(dataDirectory) (member keys and API tokens in \(directory))

            Open in a browser: \(url)/   the forum as the public reads it (members, proposals and votes, the log), in the six UN languages
            Sign in as Kenya at \(url)/sign-in with the key file \(directory)/ke.key: vote on proposal \(ballot ?? 0) from its page, and
            acknowledge Brazil's request from \(url)/inbox (your browser signs; the key never leaves it). Kenya's prepared act
            below expects Kenya's next sequence number: submit it before acting in the browser, or skip it.

            Fetch:
              \(url)/api/v1/forum          the forum, its origin and node key
              \(url)/api/v1/members        members, their keys and next sequence numbers
              \(url)/api/v1/proposals      proposals: adopted, adopted without a vote, no decision for lack of quorum, open
              \(url)/api/v1/proposals/\(ballot ?? 0)  one proposal: its timeline, every vote, the running tally
              \(url)/api/v1/rules          the rules of procedure in force and their history
              \(url)/api/v1/acts/0         the genesis act, byte for byte (every later act follows)

            The transparency log (C2SP tlog-tiles), with every act as a leaf:
              \(url)/log/checkpoint       the signed checkpoint, published every second
              \(url)/api/v1/acts/1/receipt  an offline-verifiable receipt for act 1

            Check the log and replay every decision without trusting the node (pin the key out of band in real use):
              swift run -c release roundtable log verify --url \(url)/log --vkey '\(logKey)' --state demo.checkpoint
              swift run -c release roundtable audit --url \(url) --vkey '\(logKey)'

            Sign an act as Kenya and submit it (run it twice: the second is refused as a replay). It carries Kenya's next
            sequence number, so submit it before Kenya's other acts below:
              swift run -c release roundtable act submit --node \(url) --key \(keyPath("ke")) --text-file \(actPath)
            \(ballotLines)

            Propose as Kenya (its API token posts the text; the node circulates it, then opens a 30-minute consensus call):
              swift run -c release roundtable propose --node \(url) --key \(keyPath("ke")) --token-file \(directory)/ke.token \\
                --kind norm --title "Share indicators within 48 hours" --text \(proposalPath)

            The exchange (TAXII 2.1 at \(url)/taxii2/, HTTP Basic: member id and its API token), with an indicator at every
            TLP level in the collection 'indicators'; Kenya sees CLEAR, GREEN, AMBER and AMBER+STRICT, not France's RED:
              pip install taxii2-client
              python3 -c 'from taxii2client.v21 import Server; s = Server("\(url)/taxii2/", user="ke", \
            password=open("\(directory)/ke.token").read().strip()); \
            [print(o["name"]) for c in s.api_roots[0].collections for o in c.get_objects().get("objects", [])]'

            Points of contact, checks and requests (docs/communication.md): every member's contacts were checked (Japan's
            check went unanswered: overdue), and Brazil's critical request for data preservation awaits Kenya.
              curl -H "Authorization: Bearer $(cat \(directory)/ke.token)" \(url)/api/v1/inbox      Kenya's inbox
              curl -H "Authorization: Bearer $(cat \(directory)/ke.token)" \(url)/api/v1/requests   what Kenya may read of them
            \(try communicationLines(forum: forum, url: url))
            Make a key of your own:
              swift run -c release roundtable keygen --name my-ministry.example/roundtable --out my.key

            """
    }
}
