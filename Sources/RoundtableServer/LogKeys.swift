

/// The logging metadata keys of Roundtable, namespaced `rt.`.
public enum LogKeys {
    /// The forum's origin.
    public static let origin = "rt.forum.origin"
    /// A number of members.
    public static let members = "rt.forum.members"
    /// A log index.
    public static let index = "rt.log.index"
    /// An acting member or the node.
    public static let actor = "rt.act.by"
    /// An act type.
    public static let actType = "rt.act.type"
    /// An error code.
    public static let errorCode = "rt.error.code"
}
