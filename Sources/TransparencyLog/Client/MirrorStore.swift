/// Where a mirror keeps its copy of a log: files at the log's own paths (`checkpoint`, `tile/0/000`,
/// `tile/entries/000`, …), so that serving them as they are reproduces the log byte for byte.
///
/// A pass of ``LogMirror`` stages the files it has authenticated, out of readers' sight, publishes them all, and only
/// then replaces the checkpoint. No file the checkpoint covers is ever changed or removed, so at every moment the
/// checkpoint and the published files form a log that verifies, even when a pass stops halfway.
public protocol MirrorStore: Sendable {
    /// A published file's bytes.
    /// - Parameter path: The path below the log prefix, for example `tile/0/000`.
    /// - Returns: `nil` when the copy has no such file.
    func published(_ path: String) async throws -> [UInt8]?

    /// Sets a file aside for the next ``publishStaged()``; readers of the copy do not see it.
    /// - Parameters:
    ///   - path: The path below the log prefix.
    ///   - bytes: The file's content.
    func stage(_ path: String, bytes: [UInt8]) async throws

    /// Puts every staged file at its path, each whole or not at all; when this returns, a crash loses none of them.
    func publishStaged() async throws

    /// Drops every staged file.
    func discardStaged() async throws

    /// Replaces the `checkpoint` file, atomically; when this returns, a crash does not bring the old one back.
    /// - Parameter note: The log's signed checkpoint, verbatim.
    func replaceCheckpoint(with note: [UInt8]) async throws
}
