import RoundtableDomain
import Synchronization
import TransparencyLog

/// Writes the node's own acts: each signed with the node key, read back as the replay will read it, checked against
/// the state like any act, and queued with the members' acts; one at a time, since each must carry the sequence
/// number after the last one committed.
final class NodeActs<Store: ForumStore>: Sendable {
    private let signer: NoteSigner
    private let sequencer: ActSequencer<Store>
    private let batcher: AppendBatcher<VerifiedAct, ActReceipt>
    private let gate: NodeWriteGate
    private let oneAtATime = SerialRunner()
    /// How many calls that must not wait are waiting for their turn: while any is, no act waits to join a commit.
    private let urgent = Atomic(0)

    init(signer: NoteSigner, sequencer: ActSequencer<Store>, batcher: AppendBatcher<VerifiedAct, ActReceipt>, gate: NodeWriteGate) {
        self.signer = signer
        self.sequencer = sequencer
        self.batcher = batcher
        self.gate = gate
    }

    /// The forum's state as of the last commit.
    var state: ForumState { sequencer.state }

    /// Writes one of the node's acts.
    ///
    /// Before it is queued the act is signed and read back from its bytes by the code that replays the log, and it is
    /// then checked against the state like any act: the node never signs into its log an act that its own replay, or
    /// `roundtable audit`, would refuse.
    /// - Parameters:
    ///   - body: What the act does.
    ///   - attachments: Changes the store writes with the act, given the act's log index (the objects an `exchange`
    ///     act records).
    /// - Throws: ``ActError`` when the act does not follow the rules, ``ForumNodeError/nodeActUnreadable(_:_:)`` when
    ///   its text would not read back (a fault of the node); nothing is written then.
    func perform(_ body: Act.Body, attachments: (@Sendable (UInt64) -> [ForumChange])?) async throws -> ActReceipt {
        try await perform([NodeAct(body: body, attachments: attachments)])[0].get()
    }

    /// Writes several of the node's acts, numbered in sequence and queued together, so that they share a commit rather
    /// than each waiting for the commit of the one before (a `deliver` act names each recipient once, so a burst of
    /// requests takes several).
    ///
    /// Each is signed, read back and checked as ``perform(_:attachments:)`` says. One refused at its commit leaves those
    /// after it refused too, their sequence numbers no longer following the node's last: the caller writes them again.
    ///
    /// With `patience`, the acts wait up to that long to join the next commit of members' acts rather than start one
    /// of their own (``AppendBatcher/submit(contentsOf:patience:handOff:)``): in a busy forum the clerks' acts then
    /// cost no durable commit of their own.
    /// - Parameters:
    ///   - acts: The acts, in order.
    ///   - patience: How long the acts may wait to join the members' next commit; `nil` to commit them at once.
    /// - Returns: One result per act, in order: its receipt, or the ``ActError`` that refused it.
    /// - Throws: ``ForumNodeError/nodeActUnreadable(_:_:)`` when an act's text would not read back (a fault of the
    ///   node); nothing is written then.
    func perform(_ acts: [NodeAct], patience: Duration? = nil) async throws -> [Result<ActReceipt, any Error>] {
        try gate.check()
        // Acts that must not wait (an exchange's record, an operator's act) end the patience of a clerk's acts queued
        // before them, which hold the sequence numbers they follow, and of those a clerk queues while they wait.
        if patience == nil {
            urgent.add(1, ordering: .sequentiallyConsistent)
            await batcher.hurry()
        }
        return try await oneAtATime.run {
            if patience == nil { urgent.subtract(1, ordering: .sequentiallyConsistent) }
            let patience = urgent.load(ordering: .sequentiallyConsistent) > 0 ? nil : patience
            let state = sequencer.state
            var verified: [VerifiedAct] = []
            for (offset, nodeAct) in acts.enumerated() {
                let act = Act(origin: state.origin, actor: .node, sequence: state.nodeSequence + 1 + UInt64(offset), body: nodeAct.body)
                do { verified.append(try state.admit(try Self.readBack(act, signedBy: signer), signatures: nil)) } catch let error as ActError {
                    throw ForumNodeError.nodeActUnreadable(nodeAct.body.type, error.message)
                }
                verified[offset].attachments = nodeAct.attachments
            }
            return await batcher.submit(contentsOf: verified, patience: patience)
        }
    }

    /// Signs one of the node's acts and reads it back from its bytes as the replay will, with the same parser.
    /// - Throws: ``ForumNodeError/nodeActUnreadable(_:_:)`` when the bytes do not give back the same act.
    static func readBack(_ act: Act, signedBy signer: NoteSigner) throws(ForumNodeError) -> LoggedAct {
        let logged: LoggedAct
        do { logged = try LoggedAct(parsing: try act.signed(by: [signer]).bytes) } catch let error as ActError {
            throw .nodeActUnreadable(act.body.type, error.message)
        } catch {
            throw .nodeActUnreadable(act.body.type, "\(error)")
        }
        guard logged.act == act else { throw .nodeActUnreadable(act.body.type, "its text reads back as another act") }
        return logged
    }
}

/// One of the node's acts to write: what it does, and the changes the store writes with it, given its log index.
struct NodeAct: Sendable {
    let body: Act.Body
    let attachments: (@Sendable (UInt64) -> [ForumChange])?
}
