import ArgumentParser
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import TransparencyLog

/// `roundtable bench acts`: signed acts accepted per second through HTTP, against the single-core Ed25519
/// verification rate measured in the same run.
struct BenchActs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acts",
        abstract: "Signed acts per second through POST /api/v1/acts with concurrent connections."
    )

    @Option(help: "Concurrent connections, one member each.") var connections = 64
    @Option(help: "Acts per connection per run.") var perConnection = 250
    @Option(help: "Runs.") var runs = 3

    func run() async throws {
        let directory = try Bench.temporaryDirectory("acts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: connections, directory: directory)
        print("bench acts: \(connections) connections × \(perConnection) acts per run; \(Bench.machine)")
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let (rates, verifies) = try await bench.serving { [runs, perConnection, connections] in
            var rates: [Double] = []
            var verifies: [Double] = []
            for run in 0..<runs {
                verifies.append(Self.singleCoreVerifyRate(sample: try bench.acts(member: "m1", count: 1, firstSequence: 1)[0]))
                let batches = try bench.keys.keys.sorted().map { member in
                    (member, try bench.acts(member: member, count: perConnection, firstSequence: UInt64(run * perConnection + 1)))
                }
                let seconds = try await Bench.time {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (_, acts) in batches {
                            group.addTask { for act in acts { try await Self.post(act, to: bench.url, client: client) } }
                        }
                        try await group.waitForAll()
                    }
                }
                rates.append(Double(connections * perConnection) / seconds)
                print("  run \(run + 1): \(Bench.format(rates.last!)) acts/s; single-core Ed25519 verify \(Bench.format(verifies.last!))/s")
            }
            return (rates, verifies)
        }
        try await client.shutdown()
        let ratio = Bench.median(rates) / Bench.median(verifies)
        print("median: \(Bench.format(Bench.median(rates))) acts/s through HTTP; single-core verify \(Bench.format(Bench.median(verifies)))/s; ratio \(String(format: "%.2f", ratio))")
    }

    static func post(_ act: [UInt8], to url: String, client: HTTPClient) async throws {
        var request = HTTPClientRequest(url: url + "/api/v1/acts")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: act))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        guard response.status == .created else { throw CLIError("act refused: \(response.status.code) \(String(buffer: body))") }
    }

    /// Ed25519 verifications per second on one core, over the signature of a real act.
    static func singleCoreVerifyRate(sample: [UInt8]) -> Double {
        guard let note = try? SignedNote(parsing: sample), let key = try? Curve25519.Signing.PrivateKey() else { return 0 }
        let message = Array(note.text.utf8)
        let signature = (try? key.signature(for: message)) ?? Data()
        let publicKey = key.publicKey
        let count = 20_000
        var valid = 0
        let start = ContinuousClock.now
        for _ in 0..<count where publicKey.isValidSignature(signature, for: message) { valid += 1 }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return valid == count ? Double(count) / seconds : 0
    }
}
