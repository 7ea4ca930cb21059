/// Why a notice could not be delivered, or was not even tried.
///
/// Compare errors by ``code``; ``message`` says what went wrong in words a person can act on, and is what a
/// ``DeliveryOutcome`` carries as its detail.
public struct DeliveryError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidNotice = "invalid_notice"
            case refusedDestination = "refused_destination"
            case rejected
            case unreachable
            case timedOut = "timed_out"
            case mailCommandFailed = "mail_command_failed"
            case stopped
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The notice is malformed (a nonce that is not 32 hexadecimal digits, a relative fetch URL, …); not retried.
        public static let invalidNotice = Code(.invalidNotice)
        /// The destination is refused before anything is sent: a webhook URL that is not `https` (except
        /// `http` to a loopback address), a mail address that is not one; not retried.
        public static let refusedDestination = Code(.refusedDestination)
        /// The webhook answered with another status than 2xx.
        public static let rejected = Code(.rejected)
        /// The webhook could not be reached (connection refused, TLS failure, reset, …).
        public static let unreachable = Code(.unreachable)
        /// The webhook did not answer, or the mail command did not finish, in time.
        public static let timedOut = Code(.timedOut)
        /// The mail command could not be run or exited with another status than 0.
        public static let mailCommandFailed = Code(.mailCommandFailed)
        /// The delivery queue is stopped and takes no more notices.
        public static let stopped = Code(.stopped)

        /// A stable snake-case identifier.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, for people.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong, for people.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether trying again cannot help: the notice or the destination itself is refused.
    public var isPermanent: Bool { code == .invalidNotice || code == .refusedDestination }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: DeliveryError, rhs: DeliveryError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
