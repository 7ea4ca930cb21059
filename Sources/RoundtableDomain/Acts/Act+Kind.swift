extension Act {
    /// The type word on an act's `act` line: one case for each case of ``Act/Body``.
    ///
    /// The parser reads this word first and then the body it announces; the raw values are the words of the grammar
    /// (`docs/acts.md` §2) and must never change.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// ``Act/Body/genesis(_:)``
        case genesis
        /// ``Act/Body/credential(_:)``
        case credential
        /// ``Act/Body/propose(_:)``
        case propose
        /// ``Act/Body/object(proposal:reason:)``
        case object
        /// ``Act/Body/vote(proposal:choice:)``
        case vote
        /// ``Act/Body/explain(proposal:text:)``
        case explain
        /// ``Act/Body/withdraw(proposal:)``
        case withdraw
        /// ``Act/Body/circulate(proposal:at:)``
        case circulate
        /// ``Act/Body/consensusCall(proposal:at:until:)``
        case consensusCall = "consensus-call"
        /// ``Act/Body/ballot(_:)``
        case ballot
        /// ``Act/Body/close(proposal:at:)``
        case close
        /// ``Act/Body/decision(_:)``
        case decision
        /// ``Act/Body/collection(_:)``
        case collection
        /// ``Act/Body/exchange(_:)``
        case exchange
        /// ``Act/Body/contact(_:)``
        case contact
        /// ``Act/Body/askCheck(contacts:)``
        case askCheck = "ask-check"
        /// ``Act/Body/check(_:)``
        case check
        /// ``Act/Body/acknowledge(_:)``
        case ack
        /// ``Act/Body/request(_:)``
        case request
        /// ``Act/Body/deliver(_:)``
        case deliver
        /// ``Act/Body/answer(delivery:status:content:)``
        case answer
        /// ``Act/Body/closeRequest(request:outcome:)``
        case closeRequest = "close-request"
        /// ``Act/Body/overdue(_:)``
        case overdue

        /// Whether only the node performs acts of this type.
        public var isNodeAct: Bool {
            switch self {
            case .genesis, .circulate, .consensusCall, .ballot, .close, .decision, .collection, .exchange, .check, .deliver, .overdue: true
            case .credential, .propose, .object, .vote, .explain, .withdraw, .contact, .askCheck, .ack, .request, .answer, .closeRequest:
                false
            }
        }

        /// Whether a member's contact key may sign acts of this type: acknowledgements and answers, never anything else.
        public var acceptsContactKey: Bool {
            switch self {
            case .ack, .answer: true
            case .genesis, .credential, .propose, .object, .vote, .explain, .withdraw, .circulate, .consensusCall, .ballot, .close,
                .decision, .collection, .exchange, .contact, .askCheck, .check, .request, .deliver, .closeRequest, .overdue:
                false
            }
        }
    }
}

extension Act.Body {
    /// The act's type.
    public var kind: Act.Kind {
        switch self {
        case .genesis: .genesis
        case .credential: .credential
        case .propose: .propose
        case .object: .object
        case .vote: .vote
        case .explain: .explain
        case .withdraw: .withdraw
        case .circulate: .circulate
        case .consensusCall: .consensusCall
        case .ballot: .ballot
        case .close: .close
        case .decision: .decision
        case .collection: .collection
        case .exchange: .exchange
        case .contact: .contact
        case .askCheck: .askCheck
        case .check: .check
        case .acknowledge: .ack
        case .request: .request
        case .deliver: .deliver
        case .answer: .answer
        case .closeRequest: .closeRequest
        case .overdue: .overdue
        }
    }

    /// The type word on the act's `act` line.
    public var type: String { kind.rawValue }

    /// Whether only the node performs acts of this type.
    public var isNodeAct: Bool { kind.isNodeAct }
}
