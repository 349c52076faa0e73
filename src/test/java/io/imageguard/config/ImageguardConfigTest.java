package io.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imageguard.records.OutputTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageguardConfigTest {

    private static ImageguardConfig load(String... overrides) {
        return ImageguardConfig.load(ConfigSource.defaults().withOverrides(List.of(overrides)));
    }

    @Test
    void defaultsLoadAndValidate() {
        ImageguardConfig cfg = load();
        assertThat(cfg.topics().listings()).isEqualTo("listings");
        assertThat(cfg.topics().output(OutputTopic.DEAD_LETTER)).isEqualTo("dead-letter");
        assertThat(cfg.eventTime().maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cfg.state().backend()).isEqualTo("rocksdb");
        assertThat(cfg.state().incremental()).isTrue();
        // the connector's 1 h default would fail against a default broker's 15 min maximum
        assertThat(cfg.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void setOverridesAnyKey() {
        ImageguardConfig cfg =
                load(
                        "event-time.max-out-of-orderness=2 h",
                        "kafka.properties.security.protocol=SSL");
        assertThat(cfg.eventTime().maxOutOfOrderness()).isEqualTo(Duration.ofHours(2));
        assertThat(cfg.kafka().properties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void fileLayersOverDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(
                file, "topics:\n  listings: prod.listings\ninput:\n  max-record-bytes: 2048\n");
        ImageguardConfig cfg = ImageguardConfig.load(ConfigSource.defaults().withFile(file));
        assertThat(cfg.topics().listings()).isEqualTo("prod.listings");
        assertThat(cfg.input().maxRecordBytes()).isEqualTo(2048);
        assertThat(cfg.topics().complaints()).isEqualTo("complaints");
    }

    @Test
    void maxParallelismIsFixedAndBoundsParallelism() {
        assertThat(load().maxParallelism()).isEqualTo(128);
        assertThatThrownBy(() -> load("job.parallelism=16", "job.max-parallelism=8"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'job.parallelism'");
        assertThatThrownBy(() -> load("job.max-parallelism=40000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'job.max-parallelism'");
    }

    @Test
    void unknownKeyFailsNamingIt() {
        assertThatThrownBy(() -> load("event-time.max-out-of-order=5 min"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'event-time.max-out-of-order'");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> load("input.max-record-bytes=lots"))
                .hasMessageContaining("'input.max-record-bytes'")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> load("checkpoint.interval=soon"))
                .hasMessageContaining("'checkpoint.interval'");
        assertThatThrownBy(() -> load("state.backend=memory"))
                .hasMessageContaining("'state.backend'");
        assertThatThrownBy(() -> load("state.incremental=yes"))
                .hasMessageContaining("'state.incremental'");
        assertThatThrownBy(() -> load("topics.listings="))
                .hasMessageContaining("'topics.listings'");
        assertThatThrownBy(() -> load("no-equals-sign")).hasMessageContaining("key=value");
    }

    @Test
    void transactionTimeoutMustCoverCheckpointAndRestart() {
        // 2 x (30 s + 5 min + 1 min) = 13 min: 10 min leaves a transaction to die mid-recovery
        assertThatThrownBy(() -> load("kafka.transaction-timeout=10 min"))
                .hasMessageContaining("'kafka.transaction-timeout'")
                .hasMessageContaining("13 min");
    }

    @Test
    void transactionTimeoutMustNotExceedBrokerMaximum() {
        assertThatThrownBy(() -> load("kafka.transaction-timeout=1 h"))
                .hasMessageContaining("'kafka.transaction-timeout'")
                .hasMessageContaining("transaction.max.timeout.ms");
        assertThat(
                        load(
                                        "kafka.transaction-timeout=1 h",
                                        "kafka.broker-transaction-max-timeout=2 h")
                                .kafka()
                                .transactionTimeout())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void transactionalIdPrefixesAreUniqueAndNoneIsPrefixOfAnother() {
        ImageguardConfig cfg = load();
        List<String> prefixes = new ArrayList<>();
        for (OutputTopic t : OutputTopic.values()) {
            prefixes.add(cfg.kafka().transactionalIdPrefix(t));
        }
        for (String a : prefixes) {
            for (String b : prefixes) {
                if (a != b) {
                    assertThat(b).doesNotStartWith(a);
                }
            }
        }
    }

    @Test
    void outputTopicsMustBeDistinct() {
        assertThatThrownBy(() -> load("topics.theft-flags=dead-letter"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dead-letter");
    }

    @Test
    void imageSettingsAreValidatedAtStart() {
        assertThatThrownBy(() -> load("images.schemes=https,ftp"))
                .hasMessageContaining("'images.schemes'")
                .hasMessageContaining("ftp");
        assertThatThrownBy(() -> load("images.allowed-cidrs=10.0.0.0/33"))
                .hasMessageContaining("'images.allowed-cidrs'");
        assertThatThrownBy(() -> load("images.max-bytes=-1"))
                .hasMessageContaining("'images.max-bytes'");
        ImageguardConfig cfg = load("images.file-roots=/srv/a,/srv/b", "images.schemes=https");
        assertThat(cfg.images().fetch().fileRoots())
                .containsExactly(java.nio.file.Path.of("/srv/a"), java.nio.file.Path.of("/srv/b"));
        assertThat(cfg.images().fetch().schemes()).containsExactly("https");
    }

    @Test
    void regionCandidateRadiusIsValidatedAndReachesTheRegistryMatcher() {
        assertThatThrownBy(() -> load("registry.region-candidate-radius=65"))
                .hasMessageContaining("'registry.region-candidate-radius'")
                .hasMessageContaining("65");
        assertThatThrownBy(() -> load("registry.region-candidate-radius=-1"))
                .hasMessageContaining("'registry.region-candidate-radius'");
        assertThatThrownBy(() -> load("registry.region-candidate-radius=wide"))
                .hasMessageContaining("'registry.region-candidate-radius'")
                .hasMessageContaining("wide");
        assertThatThrownBy(() -> load("registry.region-candidate-radiuses=14"))
                .hasMessageContaining("'registry.region-candidate-radiuses'");
        ImageguardConfig cfg =
                load("registry.candidate-radius=9", "registry.region-candidate-radius=15");
        assertThat(cfg.registry().matcher().candidateRadius()).isEqualTo(9);
        assertThat(cfg.registry().matcher().regionCandidateRadius()).isEqualTo(15);
        assertThat(cfg.registry().matcher().radiusFor("rt")).isEqualTo(15);
        assertThat(cfg.registry().matcher().radiusFor("t")).isEqualTo(9);
    }
}
