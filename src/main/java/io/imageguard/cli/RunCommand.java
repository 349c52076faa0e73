package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.io.KafkaInputSource;
import io.imageguard.io.KafkaOutputSinks;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.pipeline.ImageguardTopology;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: the unbounded job from the Kafka input topics to the Kafka output topics, exactly
 * once. Submitted with {@code flink run} it runs on that cluster; started locally it runs on a
 * MiniCluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the job on Kafka (exactly once).")
final class RunCommand implements Callable<Integer> {
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        ImageguardConfig cfg = config.load();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(cfg, true));
        ImageguardTopology.define(env, cfg, new KafkaInputSource(cfg), new KafkaOutputSinks(cfg));
        env.execute("imageguard");
        return 0;
    }
}
