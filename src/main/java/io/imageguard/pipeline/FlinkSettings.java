package io.imageguard.pipeline;

import io.imageguard.config.ImageguardConfig;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** The Flink settings the job runs with, as typed options derived from {@link ImageguardConfig}. */
public final class FlinkSettings {
    private FlinkSettings() {}

    /**
     * @param checkpointing false for bounded replays, which need no recovery
     */
    public static Configuration of(ImageguardConfig cfg, boolean checkpointing) {
        Configuration conf = new Configuration();
        // Every record type has a Flink serializer; a Kryo fallback would be a bug, so fail fast.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (cfg.parallelism() > 0) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, cfg.parallelism());
        }
        // fixed, not derived from parallelism: savepoints (bootstrapped ones too) must fit
        conf.set(PipelineOptions.MAX_PARALLELISM, cfg.maxParallelism());
        conf.set(StateBackendOptions.STATE_BACKEND, cfg.state().backend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, cfg.state().incremental());
        if (checkpointing) {
            ImageguardConfig.Checkpoint cp = cfg.checkpoint();
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, cp.interval());
            conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, cp.timeout());
            conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, cp.minPause());
            conf.set(
                    CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                    CheckpointingMode.EXACTLY_ONCE);
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            if (!cp.dir().isEmpty()) {
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cp.dir());
            }
        }
        ImageguardConfig.Restart restart = cfg.restart();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                restart.maxAttempts());
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                restart.initialBackoff());
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                restart.maxBackoff());
        return conf;
    }

    /** Starts the job from {@code savepoint} (e.g. one written by {@code imageguard bootstrap}). */
    public static Configuration restoringFrom(Configuration conf, Path savepoint) {
        conf.set(
                StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toAbsolutePath().toUri().toString());
        return conf;
    }
}
