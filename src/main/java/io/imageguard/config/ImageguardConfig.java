package io.imageguard.config;

import io.imageguard.ingest.IngestSettings;
import io.imageguard.ingest.fetch.Cidr;
import io.imageguard.ingest.fetch.ImageFetchPolicy;
import io.imageguard.match.PhotoMatcher;
import io.imageguard.records.OutputTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * The job's typed, validated configuration. Built once at start from a {@link ConfigSource}; every
 * key is read here and nowhere else, so an unknown key or a bad value fails before the job is
 * submitted, naming the key.
 */
public record ImageguardConfig(
        String policyVersion,
        int parallelism,
        int maxParallelism,
        TopicNames topics,
        Kafka kafka,
        EventTime eventTime,
        Input input,
        Checkpoint checkpoint,
        State state,
        Restart restart,
        Images images,
        Registry registry,
        Matching matching) {

    /** Keys under this prefix are handed to every Kafka client unchanged. */
    public static final String KAFKA_PROPERTIES = "kafka.properties.";

    /** Kafka topic names: the three inputs and one per {@link OutputTopic}. */
    public record TopicNames(
            String listings,
            String complaints,
            String protection,
            Map<OutputTopic, String> outputs) {
        public String output(OutputTopic topic) {
            return outputs.get(topic);
        }
    }

    public record Kafka(
            String bootstrapServers,
            String groupId,
            String startingOffsets,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            Duration brokerTransactionMaxTimeout,
            Map<String, String> properties) {

        /** The transactional-id prefix of one sink: unique, and no prefix of another's. */
        public String transactionalIdPrefix(OutputTopic topic) {
            return transactionalIdPrefix + "." + topic.logicalName() + ".tx";
        }

        public Properties clientProperties() {
            Properties p = new Properties();
            p.putAll(properties);
            return p;
        }
    }

    public record EventTime(Duration maxOutOfOrderness, Duration idleTimeout) {}

    public record Input(int maxRecordBytes, Duration dedupRetention) {}

    public record Checkpoint(Duration interval, Duration timeout, Duration minPause, String dir) {}

    public record State(String backend, boolean incremental) {}

    public record Restart(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {}

    /** The multi-view matcher of {@code imageguard hash} and {@code compare} (docs/hashing.md). */
    public record Matching(
            int candidateRadius,
            int verifyThreshold,
            int regionVerifyThreshold,
            int hashInputSide) {
        /** The pairwise matcher these settings describe. */
        public PhotoMatcher matcher() {
            return new PhotoMatcher(candidateRadius, verifyThreshold, regionVerifyThreshold);
        }
    }

    /**
     * The first-publish registry: the multi-view matcher's candidate radii (photo-region query
     * views have their own) and verification thresholds for registry lookups (smaller than {@link
     * Matching}'s pairwise ones, so the index stays sub-linear), the phash64 match radius, shards,
     * bound on matches per lookup.
     */
    public record Registry(
            int candidateRadius,
            int regionCandidateRadius,
            int verifyThreshold,
            int regionVerifyThreshold,
            int phash64Radius,
            int shards,
            int maxMatchesPerLookup) {
        /** The matcher registry lookups verify candidates with. */
        public PhotoMatcher matcher() {
            return new PhotoMatcher(
                    candidateRadius, regionCandidateRadius, verifyThreshold, regionVerifyThreshold);
        }
    }

    /**
     * Photos given by URL: how each is fetched ({@link ImageFetchPolicy}), how many are in flight
     * and on how many threads, how long a fetched URL is remembered, and below which luminance
     * contrast a photo is too uniform to be matched.
     */
    public record Images(
            ImageFetchPolicy fetch,
            int capacity,
            int threads,
            Duration cacheWindow,
            int cacheSize,
            double lowInformationContrast) {}

    /** Everything the ingest operators need, from {@code images.*} and {@code matching.*}. */
    public IngestSettings ingestSettings() {
        return new IngestSettings(
                images.fetch(),
                images.threads(),
                images.cacheWindow(),
                images.cacheSize(),
                images.lowInformationContrast(),
                matching.hashInputSide());
    }

    public static ImageguardConfig load(ConfigSource source) {
        Reader r = new Reader(source.values());
        Map<OutputTopic, String> outputs = new EnumMap<>(OutputTopic.class);
        for (OutputTopic t : OutputTopic.values()) {
            outputs.put(t, r.text("topics." + t.logicalName()));
        }
        ImageguardConfig config =
                new ImageguardConfig(
                        r.text("policy-version"),
                        r.intAtLeast("job.parallelism", 0),
                        r.intAtLeast("job.max-parallelism", 1),
                        new TopicNames(
                                r.text("topics.listings"),
                                r.text("topics.complaints"),
                                r.text("topics.protection"),
                                outputs),
                        new Kafka(
                                r.text("kafka.bootstrap-servers"),
                                r.text("kafka.group-id"),
                                r.oneOf("kafka.starting-offsets", "earliest", "latest"),
                                r.text("kafka.transactional-id-prefix"),
                                r.duration("kafka.transaction-timeout"),
                                r.duration("kafka.broker-transaction-max-timeout"),
                                r.prefixed(KAFKA_PROPERTIES)),
                        new EventTime(
                                r.duration("event-time.max-out-of-orderness"),
                                r.duration("event-time.idle-timeout")),
                        new Input(
                                r.intAtLeast("input.max-record-bytes", 1024),
                                r.duration("input.dedup-retention")),
                        new Checkpoint(
                                r.duration("checkpoint.interval"),
                                r.duration("checkpoint.timeout"),
                                r.duration("checkpoint.min-pause"),
                                r.optionalText("checkpoint.dir")),
                        new State(
                                r.oneOf("state.backend", "rocksdb", "hashmap"),
                                r.bool("state.incremental")),
                        new Restart(
                                r.intAtLeast("restart.max-attempts", 0),
                                r.duration("restart.initial-backoff"),
                                r.duration("restart.max-backoff")),
                        images(r),
                        new Registry(
                                r.intAtMost("registry.candidate-radius", 0, 64),
                                r.intAtMost("registry.region-candidate-radius", 0, 64),
                                r.intAtMost("registry.verify-threshold", 0, 256),
                                r.intAtMost("registry.region-verify-threshold", 0, 256),
                                r.intAtMost("registry.phash64-radius", 0, 64),
                                r.intAtLeast("registry.shards", 1),
                                r.intAtLeast("registry.max-matches-per-lookup", 1)),
                        new Matching(
                                r.intAtMost("matching.candidate-radius", 0, 64),
                                r.intAtMost("matching.verify-threshold", 0, 256),
                                r.intAtMost("matching.region-verify-threshold", 0, 256),
                                r.intAtLeast("matching.hash-input-side", 64)));
        r.rejectUnknown();
        config.validate();
        return config;
    }

    private static Images images(Reader r) {
        List<String> schemes = r.list("images.schemes");
        for (String scheme : schemes) {
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new ConfigException(
                        "images.schemes",
                        "'"
                                + scheme
                                + "' is not https or http (file: URLs are allowed by"
                                + " images.file-roots)");
            }
        }
        List<Path> roots = new ArrayList<>();
        r.list("images.file-roots").forEach(root -> roots.add(Path.of(root)));
        List<Cidr> cidrs = new ArrayList<>();
        for (String cidr : r.list("images.allowed-cidrs")) {
            try {
                cidrs.add(Cidr.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "images.allowed-cidrs", "'" + cidr + "' " + e.getMessage());
            }
        }
        ImageFetchPolicy.Builder fetch =
                ImageFetchPolicy.builder()
                        .schemes(Set.copyOf(schemes))
                        .fileRoots(roots)
                        .allowedHosts(Set.copyOf(r.list("images.allowed-hosts")))
                        .allowedCidrs(cidrs)
                        .maxBytes(r.longAtLeast("images.max-bytes", 1024))
                        .maxPixels(r.longAtLeast("images.max-pixels", 1))
                        .connectTimeout(r.duration("images.connect-timeout"))
                        .readTimeout(r.duration("images.read-timeout"))
                        .totalTimeout(r.duration("images.total-timeout"))
                        .maxRedirects(r.intAtLeast("images.max-redirects", 0))
                        .retries(r.intAtLeast("images.retries", 0))
                        .retryBackoff(r.duration("images.retry-backoff"))
                        .maxConnections(r.intAtLeast("images.max-connections", 1));
        ImageFetchPolicy policy;
        try {
            policy = fetch.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("images", e.getMessage());
        }
        return new Images(
                policy,
                r.intAtLeast("images.capacity", 1),
                r.intAtLeast("images.threads", 1),
                r.duration("images.cache-window"),
                r.intAtLeast("images.cache-size", 0),
                r.decimalAtLeast("images.low-information-contrast", 0));
    }

    /** Rules that span several keys. */
    private void validate() {
        // Flink's limit on key groups (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM)
        if (maxParallelism > 32768) {
            throw new ConfigException("job.max-parallelism", maxParallelism + " is above 32768");
        }
        if (parallelism > maxParallelism) {
            throw new ConfigException(
                    "job.parallelism", parallelism + " exceeds job.max-parallelism");
        }
        Set<String> topicNames = new HashSet<>();
        for (String t : topics.outputs().values()) {
            if (!topicNames.add(t)) {
                throw new ConfigException("topics." + t, "two output topics share the name " + t);
            }
        }
        // A transaction must outlive a checkpoint cycle plus one restart, or the broker aborts
        // it and the outputs of a completed checkpoint are lost. Twice that leaves room for a
        // slow checkpoint right after recovery.
        Duration needed =
                checkpoint
                        .interval()
                        .plus(checkpoint.timeout())
                        .plus(restart.maxBackoff())
                        .multipliedBy(2);
        if (kafka.transactionTimeout().compareTo(needed) < 0) {
            throw new ConfigException(
                    "kafka.transaction-timeout",
                    TimeUtils.formatWithHighestUnit(kafka.transactionTimeout())
                            + " is below 2 x (checkpoint.interval + checkpoint.timeout +"
                            + " restart.max-backoff) = "
                            + TimeUtils.formatWithHighestUnit(needed));
        }
        if (kafka.transactionTimeout().compareTo(kafka.brokerTransactionMaxTimeout()) > 0) {
            throw new ConfigException(
                    "kafka.transaction-timeout",
                    "exceeds the broker's transaction.max.timeout.ms"
                            + " (kafka.broker-transaction-max-timeout = "
                            + TimeUtils.formatWithHighestUnit(kafka.brokerTransactionMaxTimeout())
                            + "); the broker would refuse every transaction");
        }
        if (restart.initialBackoff().compareTo(restart.maxBackoff()) > 0) {
            throw new ConfigException(
                    "restart.initial-backoff", "is larger than restart.max-backoff");
        }
    }

    /** Reads typed values and remembers which keys were read. */
    private static final class Reader {
        private final Map<String, String> values;
        private final Set<String> read = new HashSet<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        private String raw(String key) {
            read.add(key);
            String v = values.get(key);
            if (v == null) {
                throw new ConfigException(key, "is missing");
            }
            return v.trim();
        }

        String text(String key) {
            String v = raw(key);
            if (v.isEmpty()) {
                throw new ConfigException(key, "must not be empty");
            }
            return v;
        }

        String optionalText(String key) {
            return raw(key);
        }

        String oneOf(String key, String... allowed) {
            String v = text(key);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw new ConfigException(
                    key, "'" + v + "' is not one of " + String.join(", ", allowed));
        }

        int intAtLeast(String key, int min) {
            return number(key, Integer::valueOf, "a whole number", min);
        }

        int intAtMost(String key, int min, int max) {
            int v = intAtLeast(key, min);
            if (v > max) {
                throw new ConfigException(key, v + " is above the maximum " + max);
            }
            return v;
        }

        long longAtLeast(String key, long min) {
            return number(key, Long::valueOf, "a whole number", min);
        }

        double decimalAtLeast(String key, double min) {
            double d = number(key, Double::valueOf, "a number", min);
            if (!Double.isFinite(d)) {
                throw new ConfigException(key, d + " is not a finite number");
            }
            return d;
        }

        private <N extends Comparable<N>> N number(
                String key, java.util.function.Function<String, N> parse, String what, N min) {
            String v = text(key);
            N n;
            try {
                n = parse.apply(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + v + "' is not " + what);
            }
            if (!(n.compareTo(min) >= 0)) {
                throw new ConfigException(key, v + " is below the minimum " + min);
            }
            return n;
        }

        /** Comma-separated text (a YAML list arrives so); empty for an empty value. */
        List<String> list(String key) {
            String v = raw(key);
            List<String> items = new ArrayList<>();
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return List.copyOf(items);
        }

        boolean bool(String key) {
            String v = text(key);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new ConfigException(key, "'" + v + "' is not true or false");
        }

        Duration duration(String key) {
            String v = text(key);
            Duration d;
            try {
                d = TimeUtils.parseDuration(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "'" + v + "' is not a duration (e.g. 30 s, 5 min)");
            }
            if (d.isNegative()) {
                throw new ConfigException(key, "must not be negative");
            }
            return d;
        }

        Map<String, String> prefixed(String prefix) {
            Map<String, String> out = new LinkedHashMap<>();
            values.forEach(
                    (k, v) -> {
                        if (k.startsWith(prefix)) {
                            read.add(k);
                            out.put(k.substring(prefix.length()), v);
                        }
                    });
            return out;
        }

        void rejectUnknown() {
            for (String key : values.keySet()) {
                if (!read.contains(key)) {
                    throw new ConfigException(key, "is not a configuration key of imageguard");
                }
            }
        }
    }
}
