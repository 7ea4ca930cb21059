public import TransparencyLog

/// Why the forum refused an act. Compare by ``code``; ``message`` tells the submitter what to change.
public struct ActError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of refusal; its description is the stable code used in API error bodies.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ description: String) { self.description = description }

        /// The act is not valid UTF-8.
        public static let notUTF8 = Code("not_utf8")
        /// The act holds a control character other than newline.
        public static let controlCharacter = Code("control_character")
        /// The act is longer than a log entry may be (65,535 bytes).
        public static let tooLarge = Code("too_large")
        /// The act is not a well-formed signed note.
        public static let malformedNote = Code("malformed_note")
        /// The note carries no signature.
        public static let noSignature = Code("no_signature")
        /// The note's text does not follow the act grammar (docs/acts.md).
        public static let malformedAct = Code("malformed_act")
        /// A `rule important` line leaves out a question that is always important (admission, suspension, rules).
        public static let fixedImportantQuestion = Code("fixed_important_question")
        /// No signature comes from a registered key of the acting member.
        public static let unknownKey = Code("unknown_key")
        /// A signature from a key of the acting member does not verify.
        public static let badSignature = Code("bad_signature")
        /// The act names another forum.
        public static let wrongOrigin = Code("wrong_origin")
        /// The act's sequence number was used already.
        public static let replayed = Code("replayed")
        /// The act's sequence number skips ahead of the next one expected.
        public static let sequenceGap = Code("sequence_gap")
        /// The acting member is not a member of the forum.
        public static let unknownMember = Code("unknown_member")
        /// The acting member is suspended.
        public static let suspendedMember = Code("suspended_member")
        /// Only the node itself may perform this act.
        public static let nodeOnly = Code("node_only")
        /// The act is well formed but conflicts with the forum's state (a key already registered, say).
        public static let conflict = Code("conflict")
        /// The act names a proposal that does not exist.
        public static let unknownProposal = Code("unknown_proposal")
        /// The proposal is not at a stage that allows this act (a vote after the ballot closed, say).
        public static let wrongStage = Code("wrong_stage")
        /// The member is not in the ballot's electorate, frozen when the ballot opened.
        public static let notInElectorate = Code("not_in_electorate")
        /// Only the proposer may do this.
        public static let notProposer = Code("not_proposer")
        /// The sponsor of a proposal may not explain its vote on it (rule 88).
        public static let sponsorExplanation = Code("sponsor_explanation")
        /// The proposal's text document is not stored on the node.
        public static let unknownDocument = Code("unknown_document")
        /// A node act's time runs backwards or does not follow the rules' periods.
        public static let wrongTime = Code("wrong_time")
        /// A decision act states something other than what the acts before it give.
        public static let wrongDecision = Code("wrong_decision")
        /// A contact key signed an act other than an acknowledgement or an answer.
        public static let contactKeyNotAllowed = Code("contact_key_not_allowed")
        /// The act names a contact the member does not have.
        public static let unknownContact = Code("unknown_contact")
        /// The act names a check, request or delivery that does not exist.
        public static let unknownCommunication = Code("unknown_communication")
        /// The act answers a check or request that is not addressed to the acting member.
        public static let notAddressed = Code("not_addressed")
        /// The request is closed.
        public static let requestClosed = Code("request_closed")
        /// The nonce is not the one the check sent the contact.
        public static let wrongNonce = Code("wrong_nonce")
        /// The act's recipients are written the way the other `request-parties` rule wants.
        public static let wrongParties = Code("wrong_parties")
    }

    /// The kind of refusal.
    public let code: Code
    /// What went wrong and what to do.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of refusal.
    ///   - message: What went wrong and what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Translates a signed-note error into the act error a submitter sees.
    /// - Parameter error: The note error.
    public init(_ error: NoteError) {
        let code: Code =
            switch error.code {
            case .notUTF8: .notUTF8
            case .controlCharacter: .controlCharacter
            case .noSignature: .noSignature
            case .unknownKey: .unknownKey
            case .badSignature: .badSignature
            case .malformedKey: .malformedAct
            default: .malformedNote
            }
        self.init(code, error.message)
    }

    public var description: String { "\(code): \(message)" }
    public static func == (lhs: ActError, rhs: ActError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
