/// A necessary condition for a reader to see an object version, which a store puts in its query so that rows the
/// reader may not see are not read, sent and decoded only to be dropped.
///
/// It admits every version the reader may see and possibly some it may not: the node still applies the reader's exact
/// TLP policy to each row a store returns. A version is admitted when its level is at most ``openLevel``, or when
/// ``member`` submitted it or names it among its recipients.
public struct ExchangeVisibility: Hashable, Sendable {
    /// The highest TLP level (the raw value of the exchange's `TLPLevel`) admitted whoever submitted the version.
    public var openLevel: Int
    /// The reading member, whose own versions and versions naming it as a recipient are admitted at any level; `nil`
    /// for an anonymous reader.
    public var member: MemberID?

    /// Creates a condition.
    public init(openLevel: Int, member: MemberID?) {
        self.openLevel = openLevel
        self.member = member
    }

    /// Whether a version passes the condition.
    public func admits(_ record: ExchangeObjectRecord) -> Bool {
        guard record.tlp > openLevel else { return true }
        guard let member else { return false }
        return record.submitter == member || record.recipients.contains(member)
    }
}
