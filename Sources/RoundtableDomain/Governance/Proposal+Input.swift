extension Proposal {
    /// An input to a proposal's state machine: a governance act on the proposal, with what the rest of the forum's
    /// state tells about it. ``Proposal/transition(on:at:context:)`` takes it.
    ///
    /// The table of the machine is here: at which stages each input is accepted (``acceptingStages``), the stage it
    /// leads to (``nextStage``) and the timeline event it records (``event``).
    public enum Input: Hashable, Sendable {
        /// The node circulates the submitted proposal.
        case circulate(at: Timestamp)
        /// The node opens the consensus call (silence procedure), until the silence period ends.
        case openConsensusCall(at: Timestamp, until: Timestamp)
        /// A member asks for a recorded vote during the consensus call.
        case object(by: MemberID)
        /// The node opens a recorded ballot. `expected` is the opening the rules give at that time; `electorate` the
        /// members active then, who may vote in it.
        case openBallot(BallotOpening, expected: BallotOpening, electorate: Set<MemberID>)
        /// A member of the ballot's electorate votes, replacing its earlier vote.
        case vote(VoteChoice, by: MemberID)
        /// A member of the ballot's electorate explains its vote.
        case explain(String, language: String?, by: MemberID)
        /// A member withdraws the proposal.
        case withdraw(by: MemberID)
        /// The node closes the ballot.
        case close(at: Timestamp)
        /// The node records the decision.
        case decide(DecisionRecord)

        /// The type of the act that gives this input.
        public var act: Act.Kind {
            switch self {
            case .circulate: .circulate
            case .openConsensusCall: .consensusCall
            case .object: .object
            case .openBallot: .ballot
            case .vote: .vote
            case .explain: .explain
            case .withdraw: .withdraw
            case .close: .close
            case .decide: .decision
            }
        }

        /// The stages at which the machine accepts this input; at any other it refuses it with `wrong_stage`.
        public var acceptingStages: Set<Stage> {
            switch self {
            case .circulate: [.submitted]
            case .openConsensusCall: [.circulated]
            case .object, .openBallot: [.consensusCall]
            case .vote, .close: [.ballot]
            case .explain: [.ballot, .closed, .decided]
            case .withdraw: [.submitted, .circulated, .consensusCall]
            case .decide: [.consensusCall, .closed]
            }
        }

        /// The stage the input moves the proposal to, or `nil` when the proposal stays where it is.
        public var nextStage: Stage? {
            switch self {
            case .circulate: .circulated
            case .openConsensusCall: .consensusCall
            case .openBallot: .ballot
            case .close: .closed
            case .decide: .decided
            case .withdraw: .withdrawn
            case .object, .vote, .explain: nil
            }
        }

        /// The timeline event the input records, or `nil` for votes and explanations (kept in the ballot and in
        /// ``Proposal/explanations``).
        public var event: Event.Kind? {
            switch self {
            case .circulate: .circulated
            case .openConsensusCall: .consensusCall
            case .object: .objection
            case .openBallot: .ballot
            case .close: .closed
            case .decide: .decided
            case .withdraw: .withdrawn
            case .vote, .explain: nil
            }
        }

        /// The node's time on the act, for the node's acts.
        public var time: Timestamp? {
            switch self {
            case .circulate(let at), .openConsensusCall(let at, _), .close(let at): at
            case .openBallot(let opening, _, _): opening.opens
            case .decide(let record): record.at
            case .object, .vote, .explain, .withdraw: nil
            }
        }

        /// The member who acts, for members' acts.
        public var member: MemberID? {
            switch self {
            case .object(let member), .vote(_, let member), .explain(_, _, let member), .withdraw(let member): member
            case .circulate, .openConsensusCall, .openBallot, .close, .decide: nil
            }
        }

        /// The refusal of this input by a proposal at a stage that does not accept it.
        func wrongStage(_ proposal: Proposal) -> ActError {
            let id = proposal.id
            let stage = proposal.stage.rawValue
            return switch self {
            case .circulate, .openConsensusCall, .openBallot, .close:
                ActError(.wrongStage, "proposal \(id) is \(stage); '\(act.rawValue)' needs it \(stageNames)")
            case .object: ActError(.wrongStage, "proposal \(id) is \(stage); a recorded vote is asked for during its consensus call")
            case .vote: ActError(.wrongStage, "proposal \(id) is \(stage); votes are cast while its ballot is open")
            case .explain: ActError(.wrongStage, "proposal \(id) has no recorded ballot; explanations of vote follow a ballot's opening")
            case .withdraw: ActError(.wrongStage, "proposal \(id) is \(stage); a proposal is withdrawn before voting starts")
            case .decide: proposal.cannotBeDecided
            }
        }

        private var stageNames: String { acceptingStages.map(\.rawValue).sorted().joined(separator: " or ") }
    }

    /// What a transition leaves for the forum to record.
    public enum Output: Hashable, Sendable {
        /// The proposal changed: the forum records its new value whole.
        case recorded
        /// A member's vote now stands as this one; the forum records the vote alone.
        case voted(MemberID, RecordedVote)
    }

    /// What the machine reads beside the proposal: the node's clock and the rules in force.
    public struct Context: Hashable, Sendable {
        /// The time on the node's previous act, if any; the node's acts are never dated before it.
        public var clock: Timestamp?
        /// The rules of procedure in force.
        public var rules: Rules

        /// Creates a context.
        /// - Parameters:
        ///   - clock: The time on the node's previous act.
        ///   - rules: The rules in force.
        public init(clock: Timestamp?, rules: Rules) {
            self.clock = clock
            self.rules = rules
        }

        func checkClock(_ time: Timestamp) throws(ActError) {
            if let clock, time < clock {
                throw ActError(.wrongTime, "the node's act is dated \(time), before its previous act (\(clock))")
            }
        }
    }
}
