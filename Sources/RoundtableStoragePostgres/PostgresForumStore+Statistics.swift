import Logging
import PostgresNIO
import RoundtableDomain
import Synchronization

extension PostgresForumStore {
    /// Has PostgreSQL gather statistics of the exchange's objects (`ANALYZE exchange_object`) when it holds none yet.
    ///
    /// Without them the planner guesses that a look-up of an envelope's 100 ids (`object_id = ANY(…)`) matches a large
    /// share of the table, and scans all of it: each envelope then costs time in proportion to the objects already
    /// stored, and each page is sorted from every later row. Autovacuum analyzes a table only about a minute after it
    /// has grown, by which time a fast ingest into a new database, or one copied from SQLite, has stored hundreds of
    /// thousands of objects. So the store asks when it opens, and after an append that added objects, until there are
    /// statistics; from then on autovacuum keeps them. An error is logged, not thrown: the append it follows is committed.
    func gatherExchangeStatistics() async {
        guard !exchangeStatistics.withLock({ $0 }) else { return }
        do {
            let present: PostgresQuery = """
                SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'exchange_object' \
                AND attname = 'object_id')
                """
            var gathered = try await client.query(present, logger: logger).collect().first?.decode(Bool.self) ?? false
            if !gathered {
                try await client.query("ANALYZE exchange_object", logger: logger)
                // An empty table yields none: asked again after the next objects.
                gathered = try await client.query(present, logger: logger).collect().first?.decode(Bool.self) ?? false
            }
            exchangeStatistics.withLock { $0 = gathered }
        } catch {
            logger.warning("could not gather statistics of exchange_object: \(String(reflecting: error))")
        }
    }
}

extension ActRecord {
    /// Whether the act adds exchange objects.
    var addsObjects: Bool { changes.contains { if case .objectsAdded = $0 { true } else { false } } }
}
