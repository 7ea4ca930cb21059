import Metrics
import Prometheus
import RoundtableNode

/// The node's metrics back-end: swift-metrics bootstrapped once per process with a Prometheus registry, whose text
/// `GET /metrics` serves to the operator.
enum ServeMetrics {
    /// Writes the registry in the Prometheus text format. Its first use bootstraps the metrics system: use it before
    /// anything records a metric, as a handle made before the bootstrap records nothing.
    static let exposition: @Sendable () -> [UInt8] = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = NodeMetrics.durationBuckets
        factory.valueHistogramBuckets[NodeMetrics.appendBatchLabel] = NodeMetrics.appendBatchBuckets
        MetricsSystem.bootstrap(factory)
        return { registry.emitToBuffer() }
    }()
}
