package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.io.KafkaInputSource;
import io.imageguard.io.KafkaOutputSinks;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.pipeline.ImageguardTopology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run [--from-savepoint DIR]}: the unbounded job from the Kafka input topics to the Kafka
 * output topics, exactly once. Submitted with {@code flink run} it runs on that cluster; started
 * locally it runs on a MiniCluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the job on Kafka (exactly once).")
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--from-savepoint",
            paramLabel = "DIR",
            description = "start from this savepoint (e.g. written by imageguard bootstrap)")
    Path fromSavepoint;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        ImageguardConfig cfg = config.load();
        Configuration conf = FlinkSettings.of(cfg, true);
        if (fromSavepoint != null) {
            FlinkSettings.restoringFrom(conf, fromSavepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ImageguardTopology.define(env, cfg, new KafkaInputSource(cfg), new KafkaOutputSinks(cfg));
        env.execute("imageguard");
        return 0;
    }
}
