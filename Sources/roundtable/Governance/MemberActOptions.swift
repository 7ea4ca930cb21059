import ArgumentParser
import Foundation
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// The options of every command that signs an act as a member: the node and the member's key.
///
/// The key never leaves this machine: the command finds the member the key belongs to and its next sequence number
/// from the node's public API, signs the act locally and posts the signed note.
struct MemberActOptions: ParsableArguments {
    @Option(help: "The node's URL, for example http://127.0.0.1:8080.")
    var node: String

    @Option(help: "Your private key file (from roundtable keygen).")
    var key: String

    /// Signs an act with the member's key and submits it; prints where it stands in the log.
    func submit(_ body: Act.Body) async throws {
        let signer = try KeyFile.read(key)
        let forum: API.Forum = try await NodeHTTP.getJSON(node.trimmingSuffix("/") + "/api/v1/forum")
        let members: API.MemberList = try await NodeHTTP.getJSON(node.trimmingSuffix("/") + "/api/v1/members")
        guard let member = members.members.first(where: { $0.keys.contains(signer.verifier.description) }) else {
            throw CLIError("the key \(signer.verifier.name) is not registered to any member of \(forum.origin); check --key")
        }
        let act = Act(origin: forum.origin, actor: .member(try MemberID(member.id)), sequence: member.nextSeq, body: body)
        print(try await NodeHTTP.submitAct(try act.signed(by: [signer]).bytes, node: node))
    }
}
