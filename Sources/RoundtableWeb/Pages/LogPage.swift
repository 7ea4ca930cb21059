public import RoundtableDomain
import TransparencyLog

/// `/log`: the latest checkpoint, the log's key, and the acts, newest first, ``pageSize`` at a time.
public struct LogPage: WebPage {
    public static let template = "log"
    /// How many acts a page lists.
    public static let pageSize = 25

    public let title: String
    let checkpoint: CheckpointSummary?
    let verifierKey: String
    let logURL: String
    let acts: [ActSummary]
    let showing: String
    let olderHref: String?
    let newerHref: String?
    /// The members' witnesses, each with the last size and time it cosigned in the served checkpoint.
    let witnesses: [WitnessRow]
    /// How many cosignatures a checkpoint needs, in words; `nil` while no witness is registered.
    let witnessQuorum: String?

    struct WitnessRow {
        let member: String
        let key: String
        let url: String
        let cosigned: String
    }

    /// Builds the page.
    /// - Parameters:
    ///   - entries: The entries listed, oldest first, starting at `first`.
    ///   - first: The index of the first entry listed.
    ///   - count: The number of entries in the log.
    ///   - checkpoint: The latest checkpoint.
    ///   - verifierKey: The log's verifier key.
    ///   - logURL: The log's URL prefix, for the commands shown.
    ///   - witnessed: The latest checkpoint that met the witness quorum, whose cosignatures show each witness's last.
    ///   - state: The forum's state, for the actors' names.
    ///   - t: The interface text.
    public init(
        entries: [[UInt8]], first: UInt64, count: UInt64, checkpoint: CheckpointSummary?, verifierKey: String, logURL: String,
        witnessed: WitnessedCheckpoint? = nil, state: ForumState, t: Localizer
    ) {
        title = t("log_title")
        self.checkpoint = checkpoint
        self.verifierKey = verifierKey
        self.logURL = logURL
        acts = entries.enumerated().reversed().compactMap { offset, entry in
            ActSummary(index: first + UInt64(offset), entry: entry, state: state, t: t)
        }
        let last = first + UInt64(entries.count)
        showing = entries.isEmpty
            ? t("log_empty")
            : t(
                "log_showing",
                ["from": t.number(Int(clamping: first)), "to": t.number(Int(clamping: last - 1)), "total": t.number(Int(clamping: count))])
        let note = witnessed.flatMap { try? SignedNote(parsing: $0.note) }
        witnesses = state.witnesses.map { witness in
            // The collector verified every cosignature before it stored the checkpoint.
            let time = note?.signatures.first { $0.keyName == witness.key.name && $0.keyID == witness.key.keyID }
                .map(CosignatureVerifier.timestamp(of:))
            let cosigned = time.map { time in
                t("witness_cosigned", ["size": String(witnessed?.size ?? 0), "time": t.time(Timestamp(seconds: Int64(clamping: time)))])
            }
            return WitnessRow(
                member: state.members[witness.member]?.displayName ?? witness.member.rawValue, key: witness.key.description, url: witness.url,
                cosigned: cosigned ?? t("witness_not_in_latest"))
        }
        witnessQuorum = state.witnesses.isEmpty
            ? nil : t("witness_quorum_text", ["required": String(state.requiredCosignatures), "registered": String(state.witnesses.count)])
        olderHref = first > 0 ? "/log?before=\(first)" : nil
        newerHref = last < count ? "/log?before=\(min(count, last + UInt64(Self.pageSize)))" : nil
    }
}
