import ArgumentParser
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableExchange
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench taxii`: TAXII ingest (envelopes of 100 TLP-marked indicators from concurrent clients) and paged
/// reads of a large collection with TLP filtering, through HTTP; optionally the same client against another TAXII
/// server (medallion) in the same run, or on a PostgreSQL node beside the SQLite node (`--postgres`).
struct BenchTAXII: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxii",
        abstract: "TAXII 2.1 ingest and paged reads through HTTP (and the same against another server, or on PostgreSQL too)."
    )

    @Option(help: "Concurrent clients posting envelopes.") var clients = 8
    @Option(help: "Indicators per envelope.") var envelope = 100
    @Option(help: "Objects per ingest run.") var perRun = 40_000
    @Option(help: "Ingest runs.") var runs = 3
    @Option(help: "Objects in the collection read back (filled up after the runs).") var total = 1_000_000
    @Option(
        help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench), to compare two builds in one session."
    )
    var node: String?
    @Option(help: "Page size of the reads.") var limit = 1000
    @Option(help: "Another TAXII 2.1 collection's objects URL to measure with the same client (…/collections/ID/objects/).")
    var otherURL: String?
    @Option(help: "user:password for --other-url.") var otherCredentials = "bench:bench"
    @Option(help: "Objects to ingest into, and page out of, the other server.") var otherObjects = 4_000
    @Option(
        help: """
            Also run a node on PostgreSQL: the cluster's maintenance database (postgres://USER@/postgres?host=DIR), in which a new \
            database is made; the PostgreSQL node is measured after the SQLite node, the same way.
            """)
    var postgres: String?

    func run() async throws {
        let directory = try Bench.temporaryDirectory("taxii")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print(
            "bench taxii: \(clients) clients, envelopes of \(envelope) indicators (~1 KiB, TLP-marked); the node is its own process; \(Bench.machine)"
        )
        var stores: [(name: String, database: String?)] = [("SQLite", nil)]
        if let postgres {
            let database = try await BenchPostgres.createDatabase(maintenance: postgres)
            print("  PostgreSQL: synchronous_commit \(try await BenchPostgres.synchronousCommit(database)), a new database in the cluster")
            stores.append(("PostgreSQL", database))
        }
        var medians: [(ingest: Double, read: Double)] = []
        for store in stores {
            if postgres != nil { print("\(store.name) node:") }
            try FileManager.default.createDirectory(atPath: directory + "/" + store.name, withIntermediateDirectories: true)
            medians.append(try await measure(directory: directory + "/" + store.name, database: store.database))
        }
        if medians.count == 2 {
            let ratio = { (postgres: Double, sqlite: Double) in
                "\(String(format: "%.2f", postgres / sqlite)) (\(Figures.grouped(postgres)) / \(Figures.grouped(sqlite)) objects/s)"
            }
            print(
                "PostgreSQL / SQLite, medians: ingest \(ratio(medians[1].ingest, medians[0].ingest)), "
                    + "paged read \(ratio(medians[1].read, medians[0].read))")
        }
        if let otherURL {
            let parts = otherCredentials.split(separator: ":", maxSplits: 1).map(String.init)
            let user = (parts[0], parts.count > 1 ? parts[1] : "")
            let (rate, _) = try await Self.ingest(
                url: otherURL, users: Array(repeating: user, count: clients), clients: clients, envelope: envelope, objects: otherObjects,
                start: 50_000_000)
            print("other server ingest: \(Figures.grouped(rate)) objects/s (\(otherObjects) objects)")
            let other = try await Self.readAll(url: otherURL, user: user, limit: limit)
            print("other server paged read of \(other.objects) objects: \(Figures.grouped(other.rate)) objects/s")
        }
    }

    /// The ingest runs, the fill up to `total` and the paged reads on a node of its own in `directory` (on SQLite, or on
    /// the PostgreSQL `database`), which is stopped afterwards; returns the medians in objects per second.
    private func measure(directory: String, database: String?) async throws -> (ingest: Double, read: Double) {
        let node = try await BenchNodeProcess(members: clients, directory: directory, executable: self.node, database: database)
        defer { node.stop() }
        let ids = (1...clients).map { "m\($0)" }
        let collection = try await node.createCollection(alias: "bench")
        let objectsURL = "\(node.url)/taxii2/forum/collections/\(collection)/objects/"
        var rates: [Double] = []
        var counter = 0
        print("  node RSS before any object: \(node.residentMiB.map { "\($0) MiB" } ?? "?")")
        for run in 0..<runs {
            let (rate, next) = try await Self.ingest(
                url: objectsURL, users: ids.map { ($0, "token-\($0)") }, clients: clients, envelope: envelope, objects: perRun, start: counter)
            counter = next
            rates.append(rate)
            print("  ingest run \(run + 1): \(Figures.grouped(rate)) objects/s; node RSS \(node.residentMiB.map { "\($0) MiB" } ?? "?")")
        }
        print("median ingest: \(Figures.grouped(Bench.median(rates))) objects/s (each validated, stored durably, recorded in the log)")
        while counter < total {
            let (_, next) = try await Self.ingest(
                url: objectsURL, users: ids.map { ($0, "token-\($0)") }, clients: clients, envelope: envelope, objects: min(100_000, total - counter),
                start: counter)
            counter = next
            print("  filled \(Figures.grouped(Double(counter))) objects; node RSS \(node.residentMiB.map { "\($0) MiB" } ?? "?")")
        }
        var reads: [(objects: Int, rate: Double, first: Double, last: Double)] = []
        for run in 0..<runs {
            let read = try await Self.readAll(url: objectsURL, user: ("m1", "token-m1"), limit: limit)
            reads.append(read)
            print(
                "  paged read \(run + 1): \(Figures.grouped(Double(read.objects))) objects (TLP-filtered view of m1), limit \(limit): "
                    + "\(Figures.grouped(read.rate)) objects/s; first pages \(String(format: "%.1f", read.first * 1000)) ms, "
                    + "last pages \(String(format: "%.1f", read.last * 1000)) ms (medians of 5); "
                    + "node RSS \(node.residentMiB.map { "\($0) MiB" } ?? "?")"
            )
        }
        print(
            "median paged read: \(Figures.grouped(Bench.median(reads.map(\.rate)))) objects/s; "
                + "first pages \(String(format: "%.1f", Bench.median(reads.map(\.first)) * 1000)) ms, "
                + "last pages \(String(format: "%.1f", Bench.median(reads.map(\.last)) * 1000)) ms")
        return (Bench.median(rates), Bench.median(reads.map(\.rate)))
    }

    /// A TLP-marked indicator of about 1 KiB.
    static func indicator(_ number: Int) -> String {
        let levels = [TLPLevel.clear, .green, .amber, .red]
        let level = levels[number % 4]
        let hex = String(number, radix: 16)
        let id = "indicator--00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
        let recipients = level == .red ? ",\"x_roundtable_recipients\":[\"m2\"]" : ""
        let padding = String(repeating: "Observed in the benchmark of the forum's exchange. ", count: 12)
        return """
            {"type":"indicator","spec_version":"2.1","id":"\(id)","created":"2026-11-29T09:00:00.000Z","modified":"2026-11-29T09:00:00.000Z",\
            "name":"Benchmark indicator \(number)","description":"\(padding)","pattern":"[ipv4-addr:value = '198.51.100.\(number % 250)']",\
            "pattern_type":"stix","valid_from":"2026-11-29T09:00:00Z","object_marking_refs":["\(level.markingID)"]\(recipients)}
            """
    }

    static func basic(_ user: (String, String)) -> String {
        "Basic " + Data("\(user.0):\(user.1)".utf8).base64EncodedString()
    }

    /// Posts `objects` indicators (made by `make` from their numbers) from `clients` concurrent clients; returns objects
    /// per second and the next number.
    static func ingest(
        url: String, users: [(String, String)], clients: Int, envelope: Int, objects: Int, start: Int, make: (Int) -> String = indicator
    ) async throws -> (Double, Int) {
        let envelopes = objects / envelope
        var bodies: [[ByteBuffer]] = Array(repeating: [], count: clients)
        for number in 0..<envelopes {
            let first = start + number * envelope
            let text = "{\"objects\":[" + (first..<(first + envelope)).map(make).joined(separator: ",") + "]}"
            bodies[number % clients].append(ByteBuffer(string: text))
        }
        let seconds = try await Bench.time {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    let mine = bodies[client]
                    let authorization = basic(users[client % users.count])
                    group.addTask {
                        for body in mine {
                            var request = HTTPClientRequest(url: url)
                            request.method = .POST
                            request.headers.add(name: "Content-Type", value: "application/taxii+json;version=2.1")
                            request.headers.add(name: "Accept", value: "application/taxii+json;version=2.1")
                            request.headers.add(name: "Authorization", value: authorization)
                            request.body = .bytes(body)
                            let response = try await Bench.httpClient.execute(request, timeout: .seconds(120))
                            let text = String(buffer: try await response.body.collect(upTo: 1 << 24))
                            guard response.status == .accepted, !text.contains("\"failures\"") else {
                                throw CLIError("the server refused an envelope (HTTP \(response.status.code)): \(text.prefix(300))")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return (Double(envelopes * envelope) / seconds, start + envelopes * envelope)
    }

    /// Pages through a whole collection, following `next`, as the node sends it without compression.
    static func readAll(url: String, user: (String, String), limit: Int) async throws -> (objects: Int, rate: Double, first: Double, last: Double) {
        var count = 0
        var pageTimes: [Double] = []
        var next: String?
        let seconds = try await Bench.time {
            repeat {
                let start = ContinuousClock.now
                let response = try await Bench.httpClient.execute(pageRequest(url, user: user, limit: limit, next: next), timeout: .seconds(120))
                let body = try await response.body.collect(upTo: 256 << 20)
                pageTimes.append(Figures.seconds(ContinuousClock.now - start))
                guard response.status == .ok else { throw CLIError("the server answered HTTP \(response.status.code) to a page") }
                let page = scan(Array(buffer: body))
                count += page.objects
                next = page.next
            } while next != nil
        }
        return (count, Double(count) / seconds, Bench.median(Array(pageTimes.prefix(5))), Bench.median(Array(pageTimes.suffix(5))))
    }

    /// The request for one page of `url`, after the `next` token if any.
    static func pageRequest(_ url: String, user: (String, String), limit: Int, next: String?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url + "?limit=\(limit)" + (next.map { "&next=\($0)" } ?? ""))
        request.headers.add(name: "Accept", value: "application/taxii+json;version=2.1")
        request.headers.add(name: "Authorization", value: basic(user))
        return request
    }

    /// The objects of an envelope and its `next` token when `more` is true. A byte scan rather than a JSON parse, so
    /// that the client takes little of the machine from the server.
    static func scan(_ bytes: [UInt8]) -> (objects: Int, next: String?) {
        let count = Self.offsets(of: Array("\"spec_version\"".utf8), in: bytes).count
        let more = !Self.offsets(of: Array("\"more\":true".utf8), in: bytes, first: true).isEmpty
            || !Self.offsets(of: Array("\"more\": true".utf8), in: bytes, first: true).isEmpty
        guard more, let start = Self.offsets(of: Array("\"next\":".utf8), in: bytes, first: true).first else { return (count, nil) }
        let rest = bytes[(start + 7)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") }
        return (count, String(decoding: rest.prefix { $0 != UInt8(ascii: "\"") }, as: UTF8.self))
    }

    /// Where `needle` starts in `haystack` (only the first occurrence with `first`).
    static func offsets(of needle: [UInt8], in haystack: [UInt8], first: Bool = false) -> [Int] {
        var found: [Int] = []
        guard let head = needle.first, haystack.count >= needle.count else { return found }
        var index = 0
        let last = haystack.count - needle.count
        haystack.withUnsafeBufferPointer { bytes in
            while index <= last {
                if bytes[index] == head, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                    found.append(index)
                    if first { return }
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        return found
    }
}
