import Foundation
import RoundtableDelivery
import TransparencyLog

/// Notices and keys the tests share.
enum Fixtures {
    static let nonce = "0123456789abcdef0123456789abcdef"

    /// A check for a contact, with its nonce and deadline.
    static func check(index: UInt64 = 42, fetch: String = "https://forum.test/api/v1/inbox/42") -> Notice {
        Notice(
            forum: "forum.test", kind: .check, index: index, member: "EE", contact: "ee-cert", fetch: fetch, nonce: nonce,
            deadline: "2025-07-01T12:00:00Z")
    }

    /// The node key of a forum whose origin is `forum.test`.
    static func nodeKey() throws -> NoteSigner { try NoteSigner.generate(name: "forum.test") }
}
