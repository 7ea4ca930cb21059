import ArgumentParser

/// `roundtable-bench`: the benchmark harness. Build with `-c release` before measuring.
@main
struct RoundtableBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roundtable-bench",
        abstract: "Measure the node's hot paths (run a release build: swift build -c release).",
        discussion: """
            Each benchmark measures a baseline in the same run and prints medians; BENCHMARKS.md records the figures. \
            The benchmarks that run a node start the roundtable executable built beside this one (or --node PATH).
            """,
        subcommands: [
            BenchAppend.self, BenchActs.self, BenchReads.self, BenchLatency.self, BenchMemory.self, BenchAudit.self, BenchTAXII.self,
            BenchTAXIIGzip.self, BenchWeb.self, BenchStartupCheck.self, BenchConnections.self, BenchWitnesses.self,
            BenchWitnessAudit.self, BenchCommunication.self, BenchFailover.self, BenchFrontEnds.self,
        ]
    )
}
