import Foundation
import GRDB
import RoundtableDomain
import TransparencyLog

/// Reads the forum's state from its tables.
enum SQLiteStateReader {
    static func load(_ db: Database) throws -> ForumState? {
        guard let forum = try Row.fetchOne(db, sql: "SELECT origin, name, node_key, node_sequence FROM forum") else {
            return nil
        }
        let keys = try groupedKeys(db)
        let tokens = try groupedTokens(db)
        let members = try Row.fetchAll(db, sql: "SELECT id, display_name, status, last_sequence FROM member").map { row in
            let id = try MemberID(row["id"] as String)
            guard let status = Member.Status(rawValue: row["status"]) else { throw SQLiteStoreError.corruptRow("member \(id) status") }
            return Member(
                id: id,
                displayName: row["display_name"],
                status: status,
                keys: keys[id] ?? [],
                tokens: tokens[id] ?? [],
                lastSequence: UInt64(row["last_sequence"] as Int64)
            )
        }
        return ForumState(
            origin: forum["origin"],
            name: forum["name"],
            nodeKey: try NoteVerifier(parsing: forum["node_key"] as String),
            nodeSequence: UInt64(forum["node_sequence"] as Int64),
            members: members
        )
    }

    private static func groupedKeys(_ db: Database) throws -> [MemberID: [NoteVerifier]] {
        var keys: [MemberID: [NoteVerifier]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT vkey, member_id FROM member_key ORDER BY rowid") {
            keys[try MemberID(row["member_id"] as String), default: []].append(try NoteVerifier(parsing: row["vkey"] as String))
        }
        return keys
    }

    private static func groupedTokens(_ db: Database) throws -> [MemberID: [APIToken]] {
        var tokens: [MemberID: [APIToken]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT member_id, label, sha256 FROM member_token ORDER BY rowid") {
            let token = try APIToken(label: row["label"], sha256: Array(row["sha256"] as Data))
            tokens[try MemberID(row["member_id"] as String), default: []].append(token)
        }
        return tokens
    }
}
