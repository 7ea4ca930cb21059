/// Why a log resource could not be served.
public enum LogError: Error, CustomStringConvertible {
    /// The entry exists but no published checkpoint includes it yet.
    case notYetPublished(index: UInt64)
    /// The log has no such entry.
    case noSuchEntry(index: UInt64)

    public var description: String {
        switch self {
        case .notYetPublished(let index):
            "entry \(index) is not in a published checkpoint yet; checkpoints are published every second, try again"
        case .noSuchEntry(let index): "the log has no entry \(index)"
        }
    }

    /// A stable snake-case code for the error.
    public var code: String {
        switch self {
        case .notYetPublished: "not_yet_published"
        case .noSuchEntry: "not_found"
        }
    }
}
