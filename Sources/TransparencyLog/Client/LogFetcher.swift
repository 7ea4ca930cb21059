/// Fetches a log's resources by path below its URL prefix (`checkpoint`, `tile/0/000`, …).
public protocol LogFetcher: Sendable {
    /// The resource's bytes, or `nil` when the log answers that it does not exist (HTTP 404).
    /// - Parameter path: The path below the prefix, without a leading slash.
    func fetch(_ path: String) async throws -> [UInt8]?
}
