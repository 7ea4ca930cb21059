import Crypto
import Foundation
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// The demonstration forum of `roundtable serve --demo`: seven members whose keys are kept in the data directory's
/// `demo-keys/`, each of which registers an API token, and one key rotation.
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
    func seed(_ forum: ForumNode<SQLiteForumStore>) async throws {
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
    }

    private func submit(_ forum: ForumNode<SQLiteForumStore>, by id: String, changes: [CredentialChange]) async throws {
        let memberID = try MemberID(id)
        let sequence = (forum.state.members[memberID]?.lastSequence ?? 0) + 1
        let act = Act(origin: forum.state.origin, actor: .member(memberID), sequence: sequence, body: .credential(changes))
        _ = try await forum.submit(act.signed(by: [try KeyFile.read(keyPath(id))]).bytes)
    }

    /// Writes a ready-to-submit act for Kenya and returns what to open and try.
    func instructions(forum: ForumNode<SQLiteForumStore>, configuration: RoundtableConfiguration, dataDirectory: String) throws -> String {
        let kenya = try MemberID("ke")
        let sequence = (forum.state.members[kenya]?.lastSequence ?? 0) + 1
        let label = "demo-\(sequence)"
        let digest = Hex.encode(SHA256.hash(data: Data("token \(sequence) of Kenya".utf8)))
        let actPath = "\(directory)/ke-next-act.txt"
        let text = "\(forum.state.origin)\nact credential\nby ke\nseq \(sequence)\nadd-token \(label) \(digest)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: actPath))
        let url = configuration.publicURL
        let logKey = forum.log.signer.verifier
        return """

            Roundtable demonstration forum "\(forum.state.name)" with \(forum.state.members.count) members.
            Data directory: \(dataDirectory) (member keys in \(directory))

            Open or fetch:
              \(url)/api/v1/forum          the forum, its origin and node key
              \(url)/api/v1/members        members, their keys and next sequence numbers
              \(url)/api/v1/acts/0         the genesis act, byte for byte (acts 1-\(forum.state.members.count + 1) follow)

            The transparency log (C2SP tlog-tiles), with every act as a leaf:
              \(url)/log/checkpoint       the signed checkpoint, published every second
              \(url)/api/v1/acts/1/receipt  an offline-verifiable receipt for act 1

            Check the log without trusting the node (the key is the log's; pin it out of band in real use):
              swift run -c release roundtable log verify --url \(url)/log --vkey '\(logKey)' --state demo.checkpoint
              swift run -c release roundtable log audit --url \(url)/log --vkey '\(logKey)'

            Sign an act as Kenya and submit it (run it twice: the second is refused as a replay):
              swift run -c release roundtable act submit --node \(url) --key \(keyPath("ke")) --text-file \(actPath)

            Make a key of your own:
              swift run -c release roundtable keygen --name my-ministry.example/roundtable --out my.key

            """
    }
}
