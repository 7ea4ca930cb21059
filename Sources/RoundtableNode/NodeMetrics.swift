import CoreMetrics
import Metrics
import RoundtableDomain

/// What the node counts and times, through swift-metrics: whatever metrics back-end the process bootstrapped
/// (`roundtable serve` bootstraps Prometheus, served at `/metrics`), or nothing when none was.
///
/// The names follow Prometheus's conventions: `_total` for counters, `_seconds` for durations. `docs/operations.md`
/// lists them with what each tells an operator.
public enum NodeMetrics {
    /// Acts the node appended to the log: members' and its own.
    static let actsAccepted = Counter(label: "roundtable_acts_accepted_total")
    /// How many acts each commit to the store carried.
    static let appendBatch = Recorder(label: appendBatchLabel, aggregate: true)
    /// How long each commit to the store took, from its start to the store's acknowledgement.
    static let commitDuration = Metrics.Timer(label: "roundtable_commit_duration_seconds", preferredDisplayUnit: .seconds)

    /// The label of how many acts each commit carried, a histogram whose buckets are ``appendBatchBuckets``.
    public static let appendBatchLabel = "roundtable_append_batch_acts"
    /// The buckets for ``appendBatch``: how many acts a commit carried.
    public static let appendBatchBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
    /// The buckets for every duration: commits, cosignatures, HTTP requests.
    public static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]

    /// Records a commit of acts to the store: the acts accepted, the batch's size and how long the commit took.
    static func committed(acts: Int, in duration: Duration) {
        commitDuration.record(duration: duration)
        appendBatch.record(acts)
        actsAccepted.increment(by: acts)
    }

    /// Counts a refused act under the code of its refusal (`docs/errors.md`).
    static func refused(_ error: any Error) {
        let code = (error as? ActError)?.code.description ?? (error as? ForumNodeError)?.code ?? "other"
        Counter(label: "roundtable_acts_refused_total", dimensions: [("code", code)]).increment()
    }

    /// Records how long a witness took to cosign.
    static func cosigned(by witness: String, in duration: Duration) {
        let dimensions = [("witness", witness)]
        let timer = Metrics.Timer(label: "roundtable_cosignature_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        timer.record(duration: duration)
    }
}
