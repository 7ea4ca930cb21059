import Foundation
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

/// Why a quorum of witnesses stops a split view: any two majorities share a witness, and that witness refuses the
/// second history, so no two conflicting checkpoints can both carry a majority's cosignatures.
@Suite("A split view against a quorum of witnesses")
struct SplitViewQuorumTests {
    @Test("shown one history by two of three witnesses, the conflicting one gets at most the third: it never meets the quorum")
    func splitViewShortOfQuorum() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-split-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try WitnessTestLog()
        let fork = try log.fork()
        var witnesses: [(name: String, witness: Witness<SQLiteWitnessStore>, key: CosignatureVerifier)] = []
        for name in ["w1", "w2", "w3"] {
            let store = try SQLiteWitnessStore(path: "\(directory)/\(name).sqlite")
            _ = try await store.addLog(origin: log.origin, key: log.signer.verifier)
            let cosigner = try CosignatureSigner(try NoteSigner.generate(name: "\(name).witness.test"))
            witnesses.append((name, try await Witness.open(cosigner: cosigner, store: store), cosigner.verifier))
        }
        let policy = try WitnessPolicy(
            logs: [.init(key: log.signer.verifier)], witnesses: witnesses.map { .init(name: $0.name, key: $0.key) },
            groups: [.init(name: "members", threshold: .count(2), members: witnesses.map(\.name))], quorum: "members")

        // The honest history, size 5, shown to w1 and w2: a checkpoint with the quorum.
        var honest: [NoteSignature] = []
        for witness in witnesses.prefix(2) { honest.append(try await witness.witness.addCheckpoint(try log.request(old: 0, size: 5))) }
        let honestNote = try SignedNote(parsing: try log.note(size: 5))
        #expect(policy.report(on: try SignedNote(text: honestNote.text, signatures: honestNote.signatures + honest)).satisfied)

        // The other history at the same size, shown to every witness: only w3, which never saw the first, cosigns it.
        var forged: [NoteSignature] = []
        for witness in witnesses {
            for old: UInt64 in [0, 5] {
                if let line = try? await witness.witness.addCheckpoint(try fork.request(old: old, size: 5)) { forged.append(line) }
            }
        }
        #expect(Set(forged.map(\.keyName)) == ["w3.witness.test"])
        let forgedNote = try SignedNote(parsing: try fork.note(size: 5))
        let report = policy.report(on: try SignedNote(text: forgedNote.text, signatures: forgedNote.signatures + forged))
        #expect(!report.satisfied)
        #expect(report.shortfall.contains("members needs 2 of 3"))
    }
}
