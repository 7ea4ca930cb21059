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

    @Flag(help: "Print the node's receipt as JSON, for scripts, instead of a sentence.")
    var json = false

    /// Signs an act with the member's key and submits it; prints where it stands in the log.
    func submit(_ body: Act.Body) async throws {
        let receipt = try await NodeHTTP.submitAct(try await Self.sign(body, with: try KeyFile.read(key), node: node), node: node)
        print(ReceiptText.describe(receipt, node: node, json: json))
    }

    /// Signs an act as a member with the forum's origin and the member's next sequence number, read from the node's
    /// public API; returns the signed note.
    /// - Parameters:
    ///   - body: What the act does.
    ///   - signer: The key that signs.
    ///   - member: The member, when `signer` is one of its contact keys; otherwise the member the key is registered to.
    ///   - node: The node's URL.
    static func sign(_ body: Act.Body, with signer: NoteSigner, member: String? = nil, node: String) async throws -> [UInt8] {
        let forum: API.Forum = try await NodeHTTP.getJSON(node.trimmingSuffix("/") + "/api/v1/forum")
        let members: API.MemberList = try await NodeHTTP.getJSON(node.trimmingSuffix("/") + "/api/v1/members")
        let actor: API.Member
        if let member {
            guard let found = members.members.first(where: { $0.id == member }) else {
                throw CLIError("'\(member)' is not a member of \(forum.origin); members: \(members.members.map(\.id).joined(separator: ", "))")
            }
            actor = found
        } else {
            guard let found = members.members.first(where: { $0.keys.contains(signer.verifier.description) }) else {
                throw CLIError(
                    "the key \(signer.verifier.name) is not registered to any member of \(forum.origin); check --key, or name the member "
                        + "with --member when it is a contact key")
            }
            actor = found
        }
        return try Act(origin: forum.origin, actor: .member(try MemberID(actor.id)), sequence: actor.nextSeq, body: body).signed(by: [signer]).bytes
    }
}
