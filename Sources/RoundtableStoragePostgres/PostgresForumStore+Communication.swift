import Foundation
import Logging
import NIOCore
import PostgresNIO
public import RoundtableDomain

extension PostgresForumStore {
    public func communicationRecords(withDocuments documents: Bool) async throws -> [CommunicationRecord] {
        documents
            ? try await records("SELECT kind, act_index, document, detail, request FROM sealed_record ORDER BY id")
            : try await records("SELECT kind, act_index, NULL::bytea, detail, request FROM sealed_record ORDER BY id", withDocuments: false)
    }

    public func communicationRecords(fromAct index: UInt64) async throws -> [CommunicationRecord] {
        try await records(
            "SELECT kind, act_index, document, detail, request FROM sealed_record WHERE act_index >= \(Int64(clamping: index)) ORDER BY id")
    }

    public func sealedDocument(committedAt index: UInt64) async throws -> [UInt8]? {
        let query: PostgresQuery = "SELECT document FROM sealed_record WHERE kind = 'sealed' AND act_index = \(Int64(clamping: index))"
        for try await document in try await client.query(query, logger: logger).decode(ByteBuffer.self) { return Array(buffer: document) }
        return nil
    }

    /// The records a query of `sealed_record`'s columns finds; `withDocuments` false when it selects no documents.
    func records(_ query: PostgresQuery, withDocuments: Bool = true) async throws -> [CommunicationRecord] {
        try await client.query(query, logger: logger).collect()
            .map { row in
                let (kind, index, document, detail, request) = try row.decode((String, Int64, ByteBuffer?, String?, Int64?).self)
                let columns = CommunicationRecord.Columns(
                    kind: kind, actIndex: UInt64(index), document: document.map { Array(buffer: $0) }, detail: detail,
                    request: request.map { UInt64($0) })
                do { return try columns.record(withDocument: withDocuments) } catch { throw PostgresStoreError.corruptRow("\(error)") }
            }
    }

    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) async throws {
        guard !attempts.isEmpty else { return }
        let encoder = JSONEncoder()
        let acts = attempts.map { Int64($0.act) }
        let json = try attempts.map { ByteBuffer(bytes: try encoder.encode($0)) }
        try await client.query(
            """
            INSERT INTO delivery_attempt (act_index, attempt) SELECT act, attempt FROM unnest(\(acts)::bigint[], \(json)::bytea[]) \
            WITH ORDINALITY AS a(act, attempt, position) ORDER BY position
            """, logger: logger)
    }

    public func deliveryAttempts(forAct index: UInt64) async throws -> [DeliveryAttempt] {
        let decoder = JSONDecoder()
        return try await client.query("SELECT attempt FROM delivery_attempt WHERE act_index = \(Int64(index)) ORDER BY id", logger: logger)
            .collect().map { try decoder.decode(DeliveryAttempt.self, from: Data(Array(buffer: try $0.decode(ByteBuffer.self)))) }
    }
}
