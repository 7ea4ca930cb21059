import Foundation
import Logging
import NIOCore
import PostgresNIO
import RoundtableDomain
import TransparencyLog

/// Writes forum changes as SQL, inside the transaction that appends their acts.
///
/// Every statement is a round trip to the server, so the changes nearly every act makes are gathered and written
/// together when the batch ends (``finish()``): the members' sequence numbers, in one `UPDATE`; their API tokens, as
/// the batch leaves them, in one `DELETE` and one `INSERT`; and the records beside the log, in one `INSERT`. Nothing
/// that reads them runs between.
struct PostgresChangeWriter {
    let connection: PostgresConnection
    let logger: Logger
    private var sequences: [String: Int64] = [:]
    private var records: [CommunicationRecord.Columns] = []
    /// The tokens the batch adds or revokes, by member and label: the token at the end of the batch, or `nil`, and
    /// when it last changed (an added token is listed after the member's others, in that order).
    private var tokens: [TokenKey: (change: Int, token: APIToken?)] = [:]
    private var tokenChanges = 0

    private struct TokenKey: Hashable {
        let member: String
        let label: String
    }

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    mutating func write(_ changes: [ForumChange]) async throws {
        for change in changes { try await write(change) }
    }

    /// Writes what was gathered.
    mutating func finish() async throws {
        if !tokens.isEmpty {
            let touched = tokens.sorted { $0.value.change < $1.value.change }
            let members = touched.map(\.key.member)
            let labels = touched.map(\.key.label)
            try await run(
                """
                DELETE FROM member_token WHERE (member_id, label) IN (SELECT * FROM unnest(\(members)::text[], \(labels)::text[]))
                """)
            let added = touched.compactMap { entry in entry.value.token.map { (entry.key.member, $0) } }
            if !added.isEmpty {
                try await run(
                    """
                    INSERT INTO member_token (member_id, label, sha256) SELECT member_id, label, sha256 FROM unnest(\
                    \(added.map(\.0))::text[], \(added.map(\.1.label))::text[], \(added.map { ByteBuffer(bytes: $0.1.sha256) })::bytea[]) \
                    WITH ORDINALITY AS t(member_id, label, sha256, position) ORDER BY position
                    """)
            }
            tokens = [:]
        }
        if !sequences.isEmpty {
            let ids = Array(sequences.keys)
            let values = ids.map { sequences[$0]! }
            try await run(
                """
                UPDATE member SET last_sequence = v.sequence FROM unnest(\(ids)::text[], \(values)::bigint[]) AS v(id, sequence) \
                WHERE member.id = v.id
                """)
            sequences = [:]
        }
        if !records.isEmpty {
            // Arrays of postgres-nio hold no NULL: each optional column travels with a column of flags.
            let kinds = records.map(\.kind)
            let indexes = records.map { Int64($0.actIndex) }
            let documents = records.map { ByteBuffer(bytes: $0.document ?? []) }
            let hasDocument = records.map { $0.document != nil }
            let details = records.map { $0.detail ?? "" }
            let hasDetail = records.map { $0.detail != nil }
            let requests = records.map { Int64($0.request ?? 0) }
            let hasRequest = records.map { $0.request != nil }
            try await run(
                """
                INSERT INTO sealed_record (kind, act_index, document, detail, request) \
                SELECT kind, act_index, CASE WHEN has_document THEN document END, CASE WHEN has_detail THEN detail END, \
                CASE WHEN has_request THEN request END \
                FROM unnest(\(kinds)::text[], \(indexes)::bigint[], \(documents)::bytea[], \(hasDocument)::boolean[], \(details)::text[], \
                \(hasDetail)::boolean[], \(requests)::bigint[], \(hasRequest)::boolean[]) \
                WITH ORDINALITY AS r(kind, act_index, document, has_document, detail, has_detail, request, has_request, position) \
                ORDER BY position
                """)
            records = []
        }
    }

    private mutating func write(_ change: ForumChange) async throws {
        switch change {
        case .forumCreated(let origin, let name, let nodeKey):
            try await run("INSERT INTO forum (id, origin, name, node_key, node_sequence) VALUES (1, \(origin), \(name), \(nodeKey.description), 0)")
        case .memberAdmitted(let member):
            try await run(
                """
                INSERT INTO member (id, display_name, status, last_sequence) VALUES (\(member.id.rawValue), \(member.displayName), \
                \(member.status.rawValue), \(Int64(member.lastSequence)))
                """)
            for key in member.keys { try await write(.keyAdded(member.id, key)) }
            for token in member.tokens { try await write(.tokenAdded(member.id, token)) }
        case .sequenceAdvanced(.node, let sequence):
            try await run("UPDATE forum SET node_sequence = \(Int64(sequence))")
        case .sequenceAdvanced(.member(let id), let sequence):
            sequences[id.rawValue] = Int64(sequence)
        case .keyAdded(let id, let key):
            try await run("INSERT INTO member_key (vkey, member_id) VALUES (\(key.description), \(id.rawValue))")
        case .keyRevoked(let id, let key):
            try await run("DELETE FROM member_key WHERE vkey = \(key.description) AND member_id = \(id.rawValue)")
        case .tokenAdded(let id, let token):
            tokenChanges += 1
            tokens[TokenKey(member: id.rawValue, label: token.label)] = (tokenChanges, token)
        case .tokenRevoked(let id, let label):
            tokenChanges += 1
            tokens[TokenKey(member: id.rawValue, label: label)] = (tokenChanges, nil)
        case .statusChanged(let id, let status):
            try await run("UPDATE member SET status = \(status.rawValue) WHERE id = \(id.rawValue)")
        case .objectsAdded(let objects): try await PostgresExchange.insert(objects, connection: connection, logger: logger)
        case .objectsDeleted(let keys): try await PostgresExchange.delete(keys, connection: connection, logger: logger)
        case .statusStored(let id, let json): try await PostgresExchange.storeStatus(id: id, json: json, connection: connection, logger: logger)
        case .communicationRecorded(let record):
            records.append(CommunicationRecord.Columns(record))
        case .proposalRecorded, .voteRecorded, .rulesAdopted, .nodeClock, .collectionDefined, .witnessAdded,
            .witnessRetired, .contactSet, .contactRemoved, .checkAsked, .checkRecorded, .requestRecorded, .deliveryRecorded:
            // Governance lives in the log alone: the node rebuilds it by replaying the entries when it opens.
            break
        }
    }

    private func run(_ query: PostgresQuery) async throws {
        try await connection.query(query, logger: logger)
    }
}
