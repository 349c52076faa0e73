package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.io.JsonLinesFileSinks;
import io.imageguard.io.ReplayFileSource;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.pipeline.ImageguardTopology;
import io.imageguard.records.OutputTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay --events FILE.jsonl --out DIR [--from-savepoint DIR]}: the job, bounded, on a local
 * MiniCluster over a file of mixed events; writes {@code DIR/<output-topic>.jsonl} for every output
 * topic. This form is what back-tests and acceptance suites call: keep it stable.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Run the job over a JSON-lines file of events.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, paramLabel = "FILE.jsonl")
    Path events;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(
            names = "--from-savepoint",
            paramLabel = "DIR",
            description = "start from this savepoint (e.g. written by imageguard bootstrap)")
    Path fromSavepoint;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(events)) {
            System.err.println("imageguard: no such events file: " + events);
            return 2;
        }
        ImageguardConfig cfg = config.load();
        Configuration conf = FlinkSettings.of(cfg, false);
        if (fromSavepoint != null) {
            FlinkSettings.restoringFrom(conf, fromSavepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // STREAMING even though the input is bounded: the job's results must be those of the
        // unbounded job (event-time timers, late events), not of a batch re-planning.
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        JsonLinesFileSinks sinks = new JsonLinesFileSinks(out);
        sinks.createEmptyFiles();
        ImageguardTopology.define(
                env, cfg, new ReplayFileSource(events.toAbsolutePath(), cfg), sinks);
        env.execute("imageguard replay " + events.getFileName());
        sinks.sortFiles();
        for (OutputTopic topic : OutputTopic.values()) {
            Path f = JsonLinesFileSinks.file(out, topic);
            try (var lines = Files.lines(f)) {
                System.out.printf("%-24s %8d  %s%n", topic.logicalName(), lines.count(), f);
            }
        }
        return 0;
    }
}
