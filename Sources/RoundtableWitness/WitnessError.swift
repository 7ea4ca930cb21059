/// Why a witness refused a request. Compare errors by ``code``; ``message`` says what was wrong and what to do.
///
/// The codes follow c2sp.org/tlog-witness; `HTTP/WitnessError+HTTPResponseError.swift` gives each its status.
public struct WitnessError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case malformed
            case tooLarge = "too_large"
            case unknownLog = "unknown_log"
            case untrustedSignature = "untrusted_signature"
            case conflict
            case inconsistent
            case actRefused = "act_refused"
            case logUnavailable = "log_unavailable"
            case noCheckpoint = "no_checkpoint"
            case unavailable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The request does not follow the add-checkpoint format, or its old size exceeds the checkpoint's (400).
        public static let malformed = Code(.malformed)
        /// The request body is larger than a witness accepts (413).
        public static let tooLarge = Code(.tooLarge)
        /// The witness does not cosign for the checkpoint's origin (404).
        public static let unknownLog = Code(.unknownLog)
        /// No trusted key of the log signed the checkpoint, or a trusted key's signature fails (403).
        public static let untrustedSignature = Code(.untrustedSignature)
        /// The old size is not the size the witness last cosigned (409, with that size).
        public static let conflict = Code(.conflict)
        /// The checkpoint is not consistent with the one the witness last cosigned (422).
        public static let inconsistent = Code(.inconsistent)
        /// An auditing witness replayed the entries the checkpoint adds and one does not follow from those before it
        /// (422): a bad signature, an actor that may not act, a rule broken, a decision that is not the tally.
        public static let actRefused = Code(.actRefused)
        /// An auditing witness could not fetch the entries the checkpoint adds from the log; nothing was cosigned (503).
        public static let logUnavailable = Code(.logUnavailable)
        /// The witness has cosigned no checkpoint for that log (404).
        public static let noCheckpoint = Code(.noCheckpoint)
        /// The witness could not read or write its store, or sign; nothing was cosigned (503).
        public static let unavailable = Code(.unavailable)

        /// A stable snake-case identifier.
        public var description: String { value.rawValue }
    }

    /// The kind of refusal.
    public let code: Code
    /// What was wrong, for people.
    public let message: String
    /// For ``Code/conflict``: the size the witness last cosigned for the log, 0 if none.
    public let latestSize: UInt64?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of refusal.
    ///   - message: What was wrong and what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        self.latestSize = nil
    }

    /// The refusal of an old size that is not the latest cosigned size.
    /// - Parameters:
    ///   - latestSize: The size the witness last cosigned, 0 if none.
    ///   - oldSize: The old size the request gave.
    public static func conflict(latestSize: UInt64, oldSize: UInt64) -> WitnessError {
        WitnessError(latestSize: latestSize, oldSize: oldSize)
    }

    private init(latestSize: UInt64, oldSize: UInt64) {
        code = .conflict
        message = "the witness last cosigned size \(latestSize), not \(oldSize); resubmit with old \(latestSize) and a proof from it"
        self.latestSize = latestSize
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: WitnessError, rhs: WitnessError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
