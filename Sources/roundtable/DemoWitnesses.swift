import Foundation
import Logging
import NIOCore
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableStorageSQLite
import RoundtableWitness
import ServiceLifecycle
import TransparencyLog

/// The demonstration forum's member witnesses: Estonia's, France's and Kenya's, run in the node's process, each on a
/// loopback port of its own, with its key and store in the data directory's `demo-witnesses/`. Each member registers
/// its witness by a signed act (again, at its new URL, on each start), so the demo's checkpoints are cosigned from the
/// first minute.
struct DemoWitnesses {
    static let members = ["ee", "fr", "ke"]

    /// Where the witnesses' keys and stores are kept.
    let directory: String

    /// A witness opened for the forum's log.
    struct Opened {
        let member: String
        let witness: Witness<SQLiteWitnessStore>
        let key: CosignatureVerifier
    }

    /// Opens each member's witness, making its key and store on the first start, trusting the forum's log key.
    func open(logKey: NoteVerifier) async throws -> [Opened] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var opened: [Opened] = []
        for member in Self.members {
            let keyPath = "\(directory)/\(member).key"
            if !FileManager.default.fileExists(atPath: keyPath) {
                try KeyFile.write(try NoteSigner.generate(name: "witness.\(member).demo.roundtable"), to: keyPath)
            }
            let signer = try CosignatureSigner(try KeyFile.read(keyPath))
            let store = try SQLiteWitnessStore(path: "\(directory)/\(member).sqlite")
            _ = try await store.addLog(origin: logKey.name, key: logKey)
            opened.append(Opened(member: member, witness: try await Witness.open(cosigner: signer, store: store), key: signer.verifier))
        }
        return opened
    }

    /// The witnesses' HTTP services, each on a free loopback port that it reports to `ports` once bound.
    func services(_ opened: [Opened], ports: BoundPorts, logger: Logger) -> [any Service] {
        opened.map { witness in
            buildWitnessApplication(
                configuration: WitnessConfiguration(host: "127.0.0.1", port: 0), witness: witness.witness, logger: logger,
                onServerRunning: { channel in await ports.report(witness.member, port: channel.localAddress?.port ?? 0) })
        }
    }

    /// Registers each witness at the URL it listens on now, by its member's signed act, unless it already is.
    func register(_ opened: [Opened], ports: BoundPorts, demo: DemoForum, forum: ForumNode<some ForumStore>) async throws {
        let bound = await ports.waitFor(opened.map(\.member))
        for witness in opened {
            let url = "http://127.0.0.1:\(bound[witness.member] ?? 0)"
            let current = forum.state.witnesses.first { $0.member.rawValue == witness.member }
            guard current?.url != url || current?.key != witness.key else { continue }
            let changes: [CredentialChange] = (current.map { [.retireWitness($0.key)] } ?? []) + [.addWitness(witness.key, url: url)]
            try await demo.submit(forum, by: witness.member, body: .credential(changes))
        }
    }
}

/// The ports services report once they listen, for whoever waits for them.
actor BoundPorts {
    private var ports: [String: Int] = [:]
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Records a service's port.
    func report(_ name: String, port: Int) {
        ports[name] = port
        for continuation in waiting { continuation.resume() }
        waiting = []
    }

    /// Returns once every one of these services reported its port.
    func waitFor(_ names: [String]) async -> [String: Int] {
        while !names.allSatisfy({ ports[$0] != nil }) { await withCheckedContinuation { waiting.append($0) } }
        return ports
    }
}
