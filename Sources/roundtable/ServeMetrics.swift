import Metrics
import Prometheus
import RoundtableNode

/// The node's metrics back-end: swift-metrics bootstrapped once per process with a Prometheus registry, whose text
/// `GET /metrics` serves to the operator.
enum ServeMetrics {
    /// Writes the registry in the Prometheus text format; the first use bootstraps the metrics system.
    static var exposition: @Sendable () -> [UInt8] {
        let registry = bootstrapped
        return { registry.emitToBuffer() }
    }

    private static let bootstrapped: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = NodeMetrics.durationBuckets
        for label in NodeMetrics.valueLabels { factory.valueHistogramBuckets[label] = NodeMetrics.appendBatchBuckets }
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
