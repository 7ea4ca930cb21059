public import TransparencyLog

/// A member's witness, as its `add-witness` line registered it: the key its cosignatures verify against and the URL
/// prefix of its tlog-witness API, to which the node sends each checkpoint (`<url>/add-checkpoint`).
public struct MemberWitness: Hashable, Sendable, Codable {
    /// The member that runs it.
    public let member: MemberID
    /// Its cosignature/v1 verifier key.
    public let key: CosignatureVerifier
    /// The prefix of its tlog-witness endpoints, `http://` or `https://`, without a trailing slash.
    public let url: String

    /// Creates a registration.
    /// - Parameters:
    ///   - member: The member that runs the witness.
    ///   - key: Its cosignature verifier key.
    ///   - url: Its submission prefix.
    /// - Throws: ``ActError/Code/malformedAct`` for a URL that is not an absolute `http` or `https` URL.
    public init(member: MemberID, key: CosignatureVerifier, url: String) throws(ActError) {
        try Self.validate(url: url)
        self.member = member
        self.key = key
        self.url = url
    }

    /// Checks a witness URL: `http://` or `https://`, a host, no spaces, no query or fragment, no trailing slash.
    public static func validate(url: String) throws(ActError) {
        let rest: Substring
        if url.hasPrefix("https://") { rest = url.dropFirst(8) } else if url.hasPrefix("http://") { rest = url.dropFirst(7) } else {
            throw ActError(.malformedAct, "witness URL '\(url)' must start with https:// (or http:// on a private network)")
        }
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty, url.utf8.count <= 2_000, !url.hasSuffix("/"),
            url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") })
        else {
            throw ActError(
                .malformedAct,
                "witness URL '\(url)' must be an absolute URL with a host, printable ASCII without spaces, no query or fragment and no "
                    + "trailing slash, for example https://witness.example.org")
        }
    }
}
