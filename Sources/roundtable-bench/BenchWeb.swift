import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer

/// `roundtable-bench web`: the time to serve each public page of a forum of 193 members that decided 1,000 proposals
/// by recorded ballot, every member voting, in each language, against `/healthz` served by the same node in the same
/// run.
struct BenchWeb: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Time each public page type at N members and P proposals, against /healthz in the same run."
    )

    @Option(help: "Members (the UN has 193).") var members = 193
    @Option(help: "Proposals, each decided by a recorded ballot with every member voting.") var proposals = 1000
    @Option(help: "Requests per page and run, one at a time.") var requests = 50
    @Option(help: "Runs; pages are interleaved within each.") var runs = 3
    @Option(parsing: .upToNextOption, help: "The languages to read the pages in (default: the six official UN languages).")
    var languages = ["ar", "zh", "en", "fr", "ru", "es"]

    func run() async throws {
        let directory = try Bench.temporaryDirectory("web")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: members, directory: directory, rules: BenchGovernance.rules)
        print(
            "bench web: \(members) members, \(proposals) proposals decided with every member voting; \(requests) sequential GETs per page and run; "
                + "\(Bench.machine)"
        )
        try await BenchGovernance.decide(proposals: proposals, members: members, in: bench)
        try await bench.forum.log.integrateAndPublish()
        let state = bench.forum.state
        guard let proposal = state.governance.proposals.values.filter({ $0.ballot != nil }).max(by: { $0.id < $1.id }),
            let vote = proposal.ballot?.votes.values.map(\.index).max()
        else { throw CLIError("the forum has no decided ballot") }
        let lastPage = (state.governance.proposals.count + 49) / 50
        let pages = [
            ("home", "/"), ("members", "/members"), ("proposals, first page", "/proposals"),
            ("proposals, last page", "/proposals?page=\(lastPage)"), ("proposals, decided norms", "/proposals?stage=decided&kind=norm"),
            ("proposal with \(proposal.ballot!.votes.count) votes", "/proposals/\(proposal.id)"), ("log", "/log"),
            ("act with its proof", "/acts/\(vote)"), ("exchange", "/exchange"), ("communication", "/communication"), ("sign-in", "/sign-in"),
        ]
        let targets = [("baseline /healthz", "/healthz")]
            + languages.flatMap { language in
                pages.map { name, path in ("\(name) [\(language)]", path + (path.contains("?") ? "&" : "?") + "lang=\(language)") }
            }
        let results = try await bench.serving(checkpointInterval: nil) { [runs, requests, url = bench.url] in
            var results: [String: [Double]] = [:]
            var sizes: [String: Int] = [:]
            for run in 0..<runs {
                for (name, path) in targets {
                    var times: [Double] = []
                    for _ in 0..<requests {
                        var reply: NodeHTTP.Reply?
                        // Uncompressed, as this benchmark measured pages before the node compressed them.
                        times.append(try await Bench.time { reply = try await NodeHTTP.get(url + path, headers: ["Accept-Encoding": "identity"]) })
                        guard reply?.status == .ok else { throw CLIError("\(path) answered \(reply?.status.code ?? 0)") }
                        sizes[name] = reply?.body.count
                    }
                    results[name, default: []].append(Bench.median(times))
                }
                print("  run \(run + 1) done")
            }
            return (results, sizes)
        }
        let baseline = Bench.median(results.0[targets[0].0] ?? [])
        for (name, _) in targets {
            let median = Bench.median(results.0[name] ?? [])
            let kib = Double(results.1[name] ?? 0) / 1024
            print(
                "median \(name): \(String(format: "%.2f", median * 1000)) ms per request (\(String(format: "%.2f", (median - baseline) * 1000)) ms "
                    + "over the baseline), "
                    + "\(String(format: "%.1f", kib)) KiB")
        }
    }
}
