import Logging
import PostgresNIO
import RoundtableDomain
import TransparencyLog

/// Reads the forum's state from its tables.
enum PostgresStateReader {
    static func load(_ connection: PostgresConnection, logger: Logger) async throws -> ForumState? {
        guard
            let forum = try await connection.query("SELECT origin, name, node_key, node_sequence FROM forum", logger: logger).collect().first
        else { return nil }
        let (origin, name, nodeKey, nodeSequence) = try forum.decode((String, String, String, Int64).self)
        var keys: [MemberID: [NoteVerifier]] = [:]
        for row in try await connection.query("SELECT member_id, vkey FROM member_key ORDER BY position", logger: logger).collect() {
            let (member, key) = try row.decode((String, String).self)
            keys[try MemberID(member), default: []].append(try NoteVerifier(parsing: key))
        }
        var tokens: [MemberID: [APIToken]] = [:]
        for row in try await connection.query("SELECT member_id, label, sha256 FROM member_token ORDER BY position", logger: logger).collect() {
            let (member, label, sha256) = try row.decode((String, String, ByteBuffer).self)
            tokens[try MemberID(member), default: []].append(try APIToken(label: label, sha256: Array(buffer: sha256)))
        }
        let members = try await connection.query("SELECT id, display_name, status, last_sequence FROM member", logger: logger).collect().map { row in
            let (id, displayName, status, lastSequence) = try row.decode((String, String, String, Int64).self)
            let member = try MemberID(id)
            guard let status = Member.Status(rawValue: status) else { throw PostgresStoreError.corruptRow("member \(id) status") }
            return Member(
                id: member, displayName: displayName, status: status, keys: keys[member] ?? [], tokens: tokens[member] ?? [],
                lastSequence: UInt64(lastSequence))
        }
        return ForumState(
            origin: origin, name: name, nodeKey: try NoteVerifier(parsing: nodeKey), nodeSequence: UInt64(nodeSequence), members: members)
    }
}
