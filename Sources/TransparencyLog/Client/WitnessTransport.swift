/// Carries C2SP tlog-witness `add-checkpoint` requests to one witness, over HTTP or any other way.
public protocol WitnessTransport: Sendable {
    /// Posts a request body to the witness's `add-checkpoint` endpoint and returns its answer, whatever its status.
    /// - Parameter body: The request body (``AddCheckpointRequest/bytes``).
    /// - Throws: When the witness could not be reached or did not answer.
    func postAddCheckpoint(_ body: [UInt8]) async throws -> WitnessReply
}

/// A witness's answer to an `add-checkpoint` request.
public struct WitnessReply: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The `Content-Type` header, if any.
    public let contentType: String?
    /// The body.
    public let body: [UInt8]

    /// Creates an answer.
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - contentType: The `Content-Type` header.
    ///   - body: The body.
    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}
