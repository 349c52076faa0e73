package io.imageguard.registry.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * An in-process metric reporter for benchmarks on a local MiniCluster (listed in META-INF/services,
 * enabled by {@code metrics.reporter.bench.factory.class}): keeps every registry shard's {@code
 * candidatesPerLookup} histogram and {@code hotSpots} counter, read by the benchmark while its job
 * runs.
 */
public final class BenchMetrics implements MetricReporterFactory {
    static final List<Histogram> CANDIDATES = new CopyOnWriteArrayList<>();
    static final List<Counter> HOT_SPOTS = new CopyOnWriteArrayList<>();

    static void clear() {
        CANDIDATES.clear();
        HOT_SPOTS.clear();
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new MetricReporter() {
            @Override
            public void open(MetricConfig config) {}

            @Override
            public void close() {}

            @Override
            public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
                if (name.equals("candidatesPerLookup") && metric instanceof Histogram h) {
                    CANDIDATES.add(h);
                } else if (name.equals("hotSpots") && metric instanceof Counter c) {
                    HOT_SPOTS.add(c);
                }
            }

            @Override
            public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
        };
    }
}
