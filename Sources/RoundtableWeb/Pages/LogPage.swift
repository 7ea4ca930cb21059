public import RoundtableDomain

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

    /// Builds the page.
    /// - Parameters:
    ///   - entries: The entries listed, oldest first, starting at `first`.
    ///   - first: The index of the first entry listed.
    ///   - count: The number of entries in the log.
    ///   - checkpoint: The latest checkpoint.
    ///   - verifierKey: The log's verifier key.
    ///   - logURL: The log's URL prefix, for the commands shown.
    ///   - state: The forum's state, for the actors' names.
    ///   - t: The interface text.
    public init(
        entries: [[UInt8]], first: UInt64, count: UInt64, checkpoint: CheckpointSummary?, verifierKey: String, logURL: String,
        state: ForumState, t: Localizer
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
            ? t("log_empty") : t("log_showing", ["from": String(first), "to": String(last - 1), "total": String(count)])
        olderHref = first > 0 ? "/log?before=\(first)" : nil
        newerHref = last < count ? "/log?before=\(min(count, last + UInt64(Self.pageSize)))" : nil
    }
}
