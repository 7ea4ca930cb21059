/// What went wrong when a witness was asked to cosign.
public enum WitnessClientError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The witness refused the checkpoint with an HTTP status other than 409.
    case refused(status: Int, message: String)
    /// The witness's answer does not follow c2sp.org/tlog-witness.
    case malformedReply(String)
    /// The witness answered 200 without a cosignature that verifies with its key.
    case noValidCosignature(witness: String)

    public var description: String {
        switch self {
        case .refused(let status, let message):
            "the witness refused the checkpoint (HTTP \(status))\(message.isEmpty ? "" : ": \(message)")"
        case .malformedReply(let reason): "the witness answered something other than tlog-witness: \(reason)"
        case .noValidCosignature(let witness):
            "the witness answered without a valid cosignature of \(witness); check the witness key configured for it"
        }
    }
}
