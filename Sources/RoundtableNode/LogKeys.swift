/// The logging metadata keys of Roundtable, namespaced `rt.`.
public enum LogKeys {
    /// The forum's origin.
    public static let origin = "rt.forum.origin"
    /// A number of members.
    public static let members = "rt.forum.members"
    /// A log index.
    public static let index = "rt.log.index"
    /// The number of entries in the log.
    public static let entries = "rt.log.entries"
    /// An acting member or the node.
    public static let actor = "rt.act.by"
    /// The number of entries matched against the tree so far.
    public static let checkedEntries = "rt.log.checked"
    /// A listening address.
    public static let address = "rt.server.address"
    /// An act type.
    public static let actType = "rt.act.type"
    /// A checkpoint's origin and size.
    public static let checkpoint = "rt.log.checkpoint"
    /// A witness's key name.
    public static let witness = "rt.witness"
    /// How many times in a row something failed.
    public static let failures = "rt.failures"
    /// An error.
    public static let error = "rt.error"
    /// An error code.
    public static let errorCode = "rt.error.code"
}
