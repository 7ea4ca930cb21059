public import RoundtableDomain
public import TransparencyLog

/// `/acts/{index}`: one act's exact signed note, who signed it, its inclusion proof, and the commands that check it
/// without trusting the node.
public struct ActPage: WebPage {
    public static let template = "act"

    struct Signature {
        let keyName: String
        let keyID: String
        let signer: String
    }

    public let title: String
    /// The act's type, author and proposal; `nil` when the entry is not an act.
    let act: ActSummary?
    let signedNote: String
    let signatures: [Signature]
    let proof: Proof?
    /// "Logged no later than T, cosigned by N member witnesses", from the earliest cosigned checkpoint including it.
    let witnessed: String?
    let commands: String

    struct Proof {
        let intro: String
        let hashes: [String]
        let receipt: String
    }

    /// Builds the page.
    /// - Parameters:
    ///   - index: The entry's index.
    ///   - entry: The entry's bytes.
    ///   - receipt: Its inclusion proof against the latest checkpoint, when one includes it.
    ///   - witnessed: The earliest checkpoint including it that met the witness quorum, if any.
    ///   - signedAt: When the node signed the first checkpoint including it, by its own clock, if any.
    ///   - verifierKey: The log's verifier key.
    ///   - logURL: The log's URL prefix, for the commands shown.
    ///   - state: The forum's state, to name the signers.
    ///   - t: The interface text.
    public init(
        index: UInt64, entry: [UInt8], receipt: InclusionReceipt?, witnessed: WitnessedCheckpoint? = nil, signedAt: Timestamp? = nil,
        verifierKey: String, logURL: String, state: ForumState, t: Localizer
    ) {
        title = t("act_title", ["index": String(index)])
        signedNote = String(decoding: entry, as: UTF8.self)
        let note = try? SignedNote(parsing: entry)
        act = note.flatMap { ActSummary(index: index, note: $0, state: state, t: t) }
        signatures = (note?.signatures ?? []).map { signature in
            let member = state.members.values.first { $0.key(named: signature.keyName, id: signature.keyID) != nil }
            let isNode = signature.keyName == state.nodeKey.name && signature.keyID == state.nodeKey.keyID
            return Signature(
                keyName: signature.keyName, keyID: signature.keyID.description,
                signer: member?.displayName ?? (isNode ? t("actor_node") : t("signer_unknown")))
        }
        proof = receipt.map { receipt in
            let size = (try? SignedNote(parsing: receipt.checkpoint)).flatMap { try? Checkpoint(parsing: $0.text).size } ?? 0
            return Proof(
                intro: t("act_proof_intro", ["index": String(index), "size": String(size)]),
                hashes: receipt.proof.map(\.base64),
                receipt: String(decoding: receipt.bytes, as: UTF8.self)
            )
        }
        self.witnessed =
            witnessed.map { checkpoint in
                t.count(
                    "act_witnessed", checkpoint.cosigners.count,
                    ["time": t.time(Timestamp(seconds: checkpoint.witnessedAt)), "size": String(checkpoint.size)])
            } ?? signedAt.map { t("act_logged_node_clock", ["time": t.time($0)]) }
        commands = """
            roundtable log prove --url \(logURL) --vkey \(verifierKey) --index \(index) --out act-\(index).tlog-proof --entry-out act-\(index).txt
            roundtable log check-receipt --vkey \(verifierKey) --in act-\(index).tlog-proof --entry act-\(index).txt
            """
    }
}
