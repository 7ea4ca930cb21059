public import Logging
public import RoundtableDomain
public import TransparencyLog

/// Copies a forum from one store to another (SQLite to PostgreSQL, or back), then proves the copy: the same entries,
/// tree, checkpoint and saved state, and a node opened on the copy checks every entry against the tree and replays
/// the log to the same state as one opened on the source.
public struct StoreCopy<Source: StoreCopying, Destination: StoreCopying> {
    let source: Source
    let destination: Destination
    let nodeSigner: NoteSigner
    let logger: Logger

    /// Prepares a copy.
    /// - Parameters:
    ///   - source: The store copied; no node may write to it meanwhile.
    ///   - destination: A store that holds no forum.
    ///   - nodeSigner: The forum's node key, with which the copy is opened and checked.
    ///   - logger: Where the checks report.
    public init(from source: Source, to destination: Destination, nodeSigner: NoteSigner, logger: Logger) {
        self.source = source
        self.destination = destination
        self.nodeSigner = nodeSigner
        self.logger = logger
    }

    /// Copies the forum and checks the copy.
    /// - Parameter progress: Told each table's rows as they are written (the log's entries as `entry`).
    /// - Returns: What was copied.
    /// - Throws: ``StoreCopyError`` when the source holds no forum, the destination holds one already, or the copy does not
    ///   match; the stores' errors.
    public func run(progress: (String, Int) -> Void = { _, _ in }) async throws -> StoreCopySummary {
        guard let state = try await source.loadState() else { throw StoreCopyError(description: "the source holds no forum") }
        guard try await destination.loadState() == nil, try await destination.entryCount() == 0 else {
            throw StoreCopyError(description: "the destination holds a forum already; copy into a new, empty database")
        }
        var summary = StoreCopySummary()
        let count = try await source.entryCount()
        while summary.entries < count {
            let entries = try await source.entries(from: summary.entries, limit: 4096)
            guard !entries.isEmpty else { throw StoreCopyError(description: "the source's log ends at \(summary.entries) of \(count) entries") }
            try await destination.append(entries.map { ActRecord(entry: $0, changes: []) }, at: summary.entries)
            summary.entries += UInt64(entries.count)
            progress("entry", Int(summary.entries))
        }
        for table in StoreTable.allCases {
            try await source.exportRows(table, pageSize: 2000) { rows in
                try await destination.importRows(table, rows)
                summary.rows[table, default: 0] += rows.count
                progress(table.rawValue, summary.rows[table]!)
            }
        }
        summary.tree = try await check(state)
        return summary
    }

    /// Proves the copy: entries, tree, checkpoint and saved state equal the source's, and a node opened on each store
    /// (which checks every entry against the tree and replays the log) reaches the same state.
    private func check(_ state: ForumState) async throws -> IntegratedTree {
        let tree = try await destination.integratedTree()
        guard try await destination.entryCount() == source.entryCount() else {
            throw StoreCopyError(description: "the copy holds another number of entries")
        }
        guard tree == (try await source.integratedTree()) else { throw StoreCopyError(description: "the copy's tree differs from the source's") }
        guard try await destination.latestCheckpoint() == source.latestCheckpoint() else {
            throw StoreCopyError(description: "the copy's latest checkpoint differs from the source's")
        }
        guard try await destination.loadState() == state else {
            throw StoreCopyError(description: "the copy's saved state differs from the source's")
        }
        let replayed = try await ForumNode.prepare(store: destination, nodeSigner: nodeSigner, origin: state.origin, founding: nil, logger: logger)
        let original = try await ForumNode.prepare(store: source, nodeSigner: nodeSigner, origin: state.origin, founding: nil, logger: logger)
        guard replayed.state == original.state else { throw StoreCopyError(description: "the copy replays to another state than the source") }
        return tree
    }
}

/// What a copy wrote, and what it checked.
public struct StoreCopySummary: Sendable {
    /// The log's entries copied.
    public var entries: UInt64 = 0
    /// The rows copied, by table.
    public var rows: [StoreTable: Int] = [:]
    /// The tree the copy holds, the same as the source's.
    public var tree: IntegratedTree?
}

/// Why a copy was refused or failed its check.
public struct StoreCopyError: Error, CustomStringConvertible {
    public let description: String
}
