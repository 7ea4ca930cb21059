import ArgumentParser
import AsyncHTTPClient
import CompressNIO
import Foundation
import NIOCore
import NIOHTTP1
import RoundtableClient

/// `roundtable-bench taxii-gzip`: what gzip costs and saves on TAXII pages of 1,000 objects. The same client pages a
/// collection out with and without `Accept-Encoding: gzip`, alternately in each run (the order swapped every run),
/// and inflates the gzip pages itself (compress-nio), as a TAXII client would; the node's CPU time is read from /proc.
struct BenchTAXIIGzip: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxii-gzip",
        abstract: "TAXII paged reads of 1,000-object pages with and without gzip, in the same run: time, bytes and node CPU per page."
    )

    @Option(help: "Objects in the collection (ingested first, TLP-marked ~1 KiB indicators).") var objects = 20_000
    @Option(help: "Page size.") var limit = 1000
    @Option(help: "Runs; each pages the whole collection once plain and once with gzip.") var runs = 5
    @Option(help: "Concurrent clients for the ingest.") var clients = 8
    @Option(help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench).") var node: String?
    @Flag(help: "Ingest the objects of 'roundtable-bench taxii', whose descriptions repeat one sentence, instead of varied ones.")
    var repeatedText = false

    /// One pass over the whole collection.
    struct Pass {
        var pages = 0
        var objects = 0
        /// Bytes of bodies as sent, and once inflated.
        var wireBytes = 0
        var plainBytes = 0
        var pageTimes: [Double] = []
        var nodeCPU = 0.0
    }

    func run() async throws {
        let directory = try Bench.temporaryDirectory("taxii-gzip")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await BenchNodeProcess(members: clients, directory: directory, executable: self.node)
        defer { node.stop() }
        let collection = try await node.createCollection(alias: "bench")
        let url = "\(node.url)/taxii2/forum/collections/\(collection)/objects/"
        let users = (1...clients).map { ("m\($0)", "token-m\($0)") }
        _ = try await BenchTAXII.ingest(
            url: url, users: users, clients: clients, envelope: 100, objects: objects, start: 0,
            make: repeatedText ? BenchTAXII.indicator : BenchVariedIndicator.make)
        print(
            "bench taxii-gzip: \(Figures.grouped(Double(objects))) \(repeatedText ? "repeated-text" : "varied") objects, pages of \(limit), "
                + "read as m1; \(runs) runs; \(Bench.machine)")
        var passes: [Bool: [Pass]] = [false: [], true: []]
        for run in 0..<runs {
            for gzip in run % 2 == 0 ? [false, true] : [true, false] {
                let pass = try await Self.pass(url, user: users[0], limit: limit, gzip: gzip, nodePID: node.process.processIdentifier)
                passes[gzip]!.append(pass)
                print("  run \(run + 1) \(gzip ? "gzip " : "plain"): " + Self.describe(pass))
            }
        }
        for gzip in [false, true] {
            let all = passes[gzip]!
            let pageTime = Bench.median(all.map { Bench.median($0.pageTimes) })
            print(
                "median \(gzip ? "gzip " : "plain"): \(String(format: "%.2f", pageTime * 1000)) ms per page, "
                    + "\(Figures.grouped(Bench.median(all.map { Double($0.objects) / $0.pageTimes.reduce(0, +) }))) objects/s, "
                    + "\(Figures.grouped(Bench.median(all.map { Double($0.wireBytes / max($0.pages, 1)) }))) bytes per page on the wire, "
                    + "node CPU \(String(format: "%.2f", Bench.median(all.map { $0.nodeCPU / Double(max($0.pages, 1)) }) * 1000)) ms per page")
        }
    }

    static func describe(_ pass: Pass) -> String {
        let pages = Double(max(pass.pages, 1))
        let pageTime = Bench.median(pass.pageTimes)
        return "\(pass.pages) pages, \(pass.objects) objects; median page \(String(format: "%.2f", pageTime * 1000)) ms; "
            + "\(Figures.grouped(Double(pass.wireBytes) / pages)) bytes per page sent "
            + "(\(Figures.grouped(Double(pass.plainBytes) / pages)) inflated); "
            + "node CPU \(String(format: "%.2f", pass.nodeCPU / pages * 1000)) ms per page"
    }

    /// Pages through the collection, following `next`; with `gzip`, asks for it, checks it was used and inflates.
    static func pass(_ url: String, user: (String, String), limit: Int, gzip: Bool, nodePID: Int32) async throws -> Pass {
        var pass = Pass()
        var next: String?
        let cpuBefore = Bench.cpuSeconds(pid: nodePID) ?? 0
        repeat {
            var request = BenchTAXII.pageRequest(url, user: user, limit: limit, next: next)
            if gzip { request.headers.add(name: "Accept-Encoding", value: "gzip") }
            let start = ContinuousClock.now
            let response = try await Bench.httpClient.execute(request, timeout: .seconds(120))
            var body = try await response.body.collect(upTo: 256 << 20)
            guard response.status == .ok else { throw CLIError("the node answered HTTP \(response.status.code) to a page") }
            pass.wireBytes += body.readableBytes
            let encoding = response.headers.first(name: "Content-Encoding")
            guard encoding == (gzip ? "gzip" : nil) else { throw CLIError("a page came with Content-Encoding \(encoding ?? "none")") }
            if gzip { body = try body.decompress(with: .gzip()) }
            pass.pageTimes.append(Figures.seconds(ContinuousClock.now - start))
            pass.plainBytes += body.readableBytes
            let page = BenchTAXII.scan(Array(buffer: body))
            pass.pages += 1
            pass.objects += page.objects
            next = page.next
        } while next != nil
        pass.nodeCPU = (Bench.cpuSeconds(pid: nodePID) ?? 0) - cpuBefore
        return pass
    }
}
