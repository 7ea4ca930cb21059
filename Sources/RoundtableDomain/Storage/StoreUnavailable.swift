/// A store that cannot write for now because of its disk: the disk is full, the file system is read-only, or the
/// device failed. Nothing of the write was kept and the store is as it was before it, so the same write may succeed
/// once the operator has freed space or repaired the disk.
///
/// Stores throw it in place of their database's own error, so that the node and its HTTP interface can answer "try
/// again later" (503 with `Retry-After`) without knowing which database the node uses.
public struct StoreUnavailable: Error, Hashable, CustomStringConvertible, Sendable {
    /// What the disk did; its description is a stable snake-case word.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ description: String) { self.description = description }

        /// The disk that holds the store is full.
        public static let diskFull = Reason("disk_full")
        /// The store's file system, or its files, may not be written.
        public static let readOnly = Reason("read_only")
        /// The device failed to read or write.
        public static let ioFailure = Reason("io_failure")
        /// A file of the store could not be opened.
        public static let cannotOpen = Reason("cannot_open")
    }

    /// What the disk did.
    public let reason: Reason
    /// What the database itself reported, for the operator.
    public let detail: String

    /// Creates the error.
    /// - Parameters:
    ///   - reason: What the disk did.
    ///   - detail: What the database itself reported.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// What happened, and what the operator should do about it.
    public var description: String {
        let what =
            switch reason {
            case .diskFull: "the disk that holds the node's data is full"
            case .readOnly: "the node's data cannot be written: its file system is read-only"
            case .ioFailure: "the disk that holds the node's data failed to write"
            default: "the node could not open a file of its database"
            }
        let fix =
            switch reason {
            case .diskFull: "the operator must free space on that disk"
            case .readOnly: "the operator must check the disk and mount it read-write again"
            case .ioFailure: "the operator must check the disk (the kernel's log, fsck)"
            default: "the operator must check the data directory's disk and permissions"
            }
        return "\(what) (\(detail)); nothing was written. Send the request again later: \(fix)"
    }
}
