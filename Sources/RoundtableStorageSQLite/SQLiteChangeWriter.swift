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
            try db.execute(
                sql: "INSERT INTO forum (id, origin, name, node_key, node_sequence) VALUES (1, ?, ?, ?, 0)",
                arguments: [origin, name, nodeKey.description]
            )
        case .memberAdmitted(let member):
            try db.execute(
                sql: "INSERT INTO member (id, display_name, status, last_sequence) VALUES (?, ?, ?, ?)",
                arguments: [member.id.rawValue, member.displayName, member.status.rawValue, Int64(member.lastSequence)]
            )
            for key in member.keys { try write(.keyAdded(member.id, key), to: db) }
            for token in member.tokens { try write(.tokenAdded(member.id, token), to: db) }
        case .sequenceAdvanced(.node, let sequence):
            try db.execute(sql: "UPDATE forum SET node_sequence = ?", arguments: [Int64(sequence)])
        case .sequenceAdvanced(.member(let id), let sequence):
            try db.execute(sql: "UPDATE member SET last_sequence = ? WHERE id = ?", arguments: [Int64(sequence), id.rawValue])
        case .keyAdded(let id, let key):
            try db.execute(sql: "INSERT INTO member_key (vkey, member_id) VALUES (?, ?)", arguments: [key.description, id.rawValue])
        case .keyRevoked(let id, let key):
            try db.execute(
                sql: "DELETE FROM member_key WHERE vkey = ? AND member_id = ?",
                arguments: [key.description, id.rawValue]
            )
        case .tokenAdded(let id, let token):
            try db.execute(
                sql: "INSERT INTO member_token (member_id, label, sha256) VALUES (?, ?, ?)",
                arguments: [id.rawValue, token.label, Data(token.sha256)]
            )
        case .tokenRevoked(let id, let label):
            try db.execute(sql: "DELETE FROM member_token WHERE member_id = ? AND label = ?", arguments: [id.rawValue, label])
        case .statusChanged(let id, let status):
            try db.execute(sql: "UPDATE member SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
        }
    }
}
