import Foundation
package import GRDB
package import RoundtableDomain
import TransparencyLog

/// Writes forum changes as SQL, inside the transaction that appends their act.
package enum SQLiteChangeWriter {
    package static func write(_ changes: [ForumChange], to db: Database) throws {
        for change in changes { try write(change, to: db) }
    }

    private static func write(_ change: ForumChange, to db: Database) throws {
        switch change {
        case .forumCreated(let origin, let name, let nodeKey):
            try run(db, "INSERT INTO forum (id, origin, name, node_key, node_sequence) VALUES (1, ?, ?, ?, 0)", [origin, name, nodeKey.description])
        case .memberAdmitted(let member):
            try run(
                db, "INSERT INTO member (id, display_name, status, last_sequence) VALUES (?, ?, ?, ?)",
                [member.id.rawValue, member.displayName, member.status.rawValue, Int64(member.lastSequence)])
            for key in member.keys { try write(.keyAdded(member.id, key), to: db) }
            for token in member.tokens { try write(.tokenAdded(member.id, token), to: db) }
        case .sequenceAdvanced(.node, let sequence):
            try run(db, "UPDATE forum SET node_sequence = ?", [Int64(sequence)])
        case .sequenceAdvanced(.member(let id), let sequence):
            try run(db, "UPDATE member SET last_sequence = ? WHERE id = ?", [Int64(sequence), id.rawValue])
        case .keyAdded(let id, let key):
            try run(db, "INSERT INTO member_key (vkey, member_id) VALUES (?, ?)", [key.description, id.rawValue])
        case .keyRevoked(let id, let key):
            try run(db, "DELETE FROM member_key WHERE vkey = ? AND member_id = ?", [key.description, id.rawValue])
        case .tokenAdded(let id, let token):
            try run(db, "INSERT INTO member_token (member_id, label, sha256) VALUES (?, ?, ?)", [id.rawValue, token.label, Data(token.sha256)])
        case .tokenRevoked(let id, let label):
            try run(db, "DELETE FROM member_token WHERE member_id = ? AND label = ?", [id.rawValue, label])
        case .statusChanged(let id, let status):
            try run(db, "UPDATE member SET status = ? WHERE id = ?", [status.rawValue, id.rawValue])
        case .objectsAdded(let objects): try SQLiteExchange.insert(objects, into: db)
        case .objectsDeleted(let keys): try SQLiteExchange.delete(keys, from: db)
        case .statusStored(let id, let json): try SQLiteExchange.storeStatus(id: id, json: json, in: db)
        case .communicationRecorded(let record):
            try SQLiteSealedRecords.insert(record, into: db)
        case .proposalRecorded, .voteRecorded, .rulesAdopted, .nodeClock, .collectionDefined, .witnessAdded,
                .witnessRetired, .contactSet, .contactRemoved, .checkAsked, .checkRecorded, .requestRecorded, .deliveryRecorded:
            // Governance lives in the log alone: the node rebuilds it by replaying the entries when it opens.
            break
        }
    }

    /// Runs a statement prepared once per connection: the writer runs the same few statements for every act.
    private static func run(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
