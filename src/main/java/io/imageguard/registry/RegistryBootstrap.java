package io.imageguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.records.ImageRole;
import io.imageguard.records.Json;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a savepoint holding the first-publish registry of a catalog of already-published photos:
 * exactly the state {@link RegistryShardProcessFunction} (uid {@value #REGISTRY_UID}) would hold
 * after seeing those photos as events — each photo stored in its hash's home shard ({@link
 * RegistryHash#homeShard}), entry ids 0, 1, 2, … per shard in {@link ListingPhoto#PUBLISH_ORDER},
 * {@code next-id} one past the last, and a photo whose hash text equals an earlier stored photo's
 * not stored (exact duplicates collapse onto the earliest). Loading a registry of millions this way
 * takes one sort and one sequential write per shard instead of one lookup per photo.
 *
 * <p>The savepoint holds the registry shards' state only; every other operator starts empty (event
 * ids of the catalog are not remembered by deduplication, licences and protection modes are not
 * loaded). It restores into a job with the same {@code registry.shards} and {@code
 * job.max-parallelism} ({@code run}/{@code replay --from-savepoint DIR}).
 *
 * <p>Catalog: JSON lines, one photo per line, the fields of a listing event's image plus those of
 * its event: {@code eventId}, {@code eventTime} (ISO-8601), {@code sellerId}, {@code listingId},
 * {@code imageId}, {@code role} ({@link ImageRole}), {@code hash} (the matcher's views or {@code
 * phash64:…}, as in events) and optionally {@code watermarkId}. Blank lines are skipped; a line
 * that is not such a photo fails the bootstrap, quoting the line.
 */
public final class RegistryBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBootstrap.class);
    public static final String REGISTRY_UID = "registry-shards";

    private final ImageguardConfig cfg;

    public RegistryBootstrap(ImageguardConfig cfg) {
        this.cfg = cfg;
    }

    /** Reads {@code catalog} and writes the savepoint into the new directory {@code savepoint}. */
    public void write(Path catalog, Path savepoint) throws Exception {
        StreamExecutionEnvironment env = environment();
        FileSource<String> source =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(),
                                new org.apache.flink.core.fs.Path(catalog.toUri()))
                        .build();
        DataStream<ListingPhoto> photos =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "catalog")
                        .filter(line -> !line.isBlank())
                        .map(new ParseCatalogLine(), TypeInformation.of(ListingPhoto.class))
                        .name("parse catalog");
        write(env, photos, savepoint);
    }

    /**
     * The batch environment a bootstrap runs in; build {@code photos} for {@link #write(
     * StreamExecutionEnvironment, DataStream, Path)} on it.
     */
    public StreamExecutionEnvironment environment() {
        Configuration conf = FlinkSettings.of(cfg, false);
        // a bad catalog line fails the same way on every attempt
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // The savepoint writer assumes Flink's static key-group ranges per subtask; the adaptive
        // batch scheduler moves key groups between subtasks by data volume, and a writer handed a
        // key group outside its range dies without failing the job.
        conf.set(JobManagerOptions.SCHEDULER, JobManagerOptions.SchedulerType.Default);
        conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        // the State Processor API passes its own records (subtask states) as generic types;
        // the registry's state keeps the serializers the job declares
        conf.set(PipelineOptions.GENERIC_TYPES, true);
        // batch shuffles are compressed with LZ4 by default, a codec the local launcher's
        // classpath (compile scope) does not carry
        conf.set(
                NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
                NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /**
     * Writes the registry of {@code photos} (any order, hashes as in events) and runs the job.
     *
     * @param env from {@link #environment()}: the publish order relies on its batch mode
     */
    public void write(
            StreamExecutionEnvironment env, DataStream<ListingPhoto> photos, Path savepoint)
            throws Exception {
        int shards = cfg.registry().shards();
        TypeInformation<Tuple2<Integer, ListingPhoto>> type =
                Types.TUPLE(Types.INT, TypeInformation.of(ListingPhoto.class));
        // Per shard, publish order, by Flink's batch sort (it spills to disk: no heap of millions
        // of photos). A keyed operator's input comes sorted by key and timestamp, so with the
        // event time as timestamp only photos of the same millisecond remain to be ordered. The
        // bootstrap operator's input is sorted by (key, timestamp) once more: there each photo's
        // rank in its shard is the timestamp, which keeps the order.
        DataStream<Tuple2<Integer, ListingPhoto>> ranked =
                photos.map(new WithShard(shards), type)
                        .name("home shard")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tuple2<Integer, ListingPhoto>>noWatermarks()
                                        .withTimestampAssigner(
                                                (t, ts) -> t.f1.eventTime().toEpochMilli()))
                        .name("event time")
                        .keyBy(t -> t.f0, Types.INT)
                        .process(new PublishOrder(), type)
                        .name("publish order per shard")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tuple2<Integer, ListingPhoto>>noWatermarks()
                                        .withTimestampAssigner(c -> new RankInShard()))
                        .name("rank in shard");
        StateBootstrapTransformation<Tuple2<Integer, ListingPhoto>> registry =
                OperatorTransformation.bootstrapWith(ranked)
                        .keyBy(t -> t.f0, Types.INT)
                        .transform(new ShardBootstrapFunction());
        SavepointWriter.newSavepoint(env, stateBackend(), cfg.maxParallelism())
                .withOperator(OperatorIdentifier.forUid(REGISTRY_UID), registry)
                .write(savepoint.toAbsolutePath().toUri().toString());
        env.execute("imageguard bootstrap");
    }

    private StateBackend stateBackend() {
        // the savepoint format is the same for both; RocksDB keeps big shards off the heap
        if (!cfg.state().backend().equals("rocksdb")) {
            return new HashMapStateBackend();
        }
        // A fixed budget rather than managed memory, which the batch sorts of the same slot use:
        // the writer only appends, it needs no large cache.
        EmbeddedRocksDBStateBackend rocksdb = new EmbeddedRocksDBStateBackend();
        rocksdb.getMemoryConfiguration().setUseManagedMemory(false);
        rocksdb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.ofMebiBytes(256));
        return rocksdb;
    }

    /**
     * One catalog line as the photo the registry would have seen.
     *
     * @throws IllegalArgumentException naming the line when a field is missing or malformed
     */
    public static ListingPhoto parseCatalogLine(String line) {
        try {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String hash = text(n, "hash");
            RegistryHash.parse(hash);
            return new ListingPhoto(
                    text(n, "eventId"),
                    Instant.parse(text(n, "eventTime")),
                    text(n, "sellerId"),
                    text(n, "listingId"),
                    text(n, "imageId"),
                    ImageRole.valueOf(text(n, "role")),
                    null,
                    hash,
                    n.hasNonNull("watermarkId") ? n.get("watermarkId").asText() : null);
        } catch (IllegalArgumentException | DateTimeParseException | java.io.IOException e) {
            String shown = line.length() > 200 ? line.substring(0, 200) + "…" : line;
            throw new IllegalArgumentException(
                    "catalog line is not a registered photo (" + e.getMessage() + "): " + shown, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing or not text");
        }
        return v.asText();
    }

    private static final class ParseCatalogLine implements MapFunction<String, ListingPhoto> {
        @Override
        public ListingPhoto map(String line) {
            return parseCatalogLine(line);
        }
    }

    /**
     * The shard that stores a photo, as {@link RegistryProbesFunction} chooses it, and the photo.
     */
    private static final class WithShard
            implements MapFunction<ListingPhoto, Tuple2<Integer, ListingPhoto>> {
        private final int shards;

        WithShard(int shards) {
            this.shards = shards;
        }

        @Override
        public Tuple2<Integer, ListingPhoto> map(ListingPhoto photo) {
            return Tuple2.of(
                    RegistryHash.homeShard(RegistryHash.parse(photo.hash()).homeBits(), shards),
                    photo);
        }
    }

    /**
     * Within a shard whose photos arrive in event-time order (batch mode), puts the photos of one
     * millisecond in publish order: each group is held until the time changes or the shard's input
     * ends (batch mode fires a key's timers then).
     */
    private static final class PublishOrder
            extends KeyedProcessFunction<
                    Integer, Tuple2<Integer, ListingPhoto>, Tuple2<Integer, ListingPhoto>> {
        private final List<Tuple2<Integer, ListingPhoto>> group = new ArrayList<>();
        private long groupTime = Long.MIN_VALUE;

        @Override
        public void processElement(
                Tuple2<Integer, ListingPhoto> t,
                Context ctx,
                Collector<Tuple2<Integer, ListingPhoto>> out) {
            if (!group.isEmpty()
                    && (ctx.timestamp() != groupTime || !group.get(0).f0.equals(t.f0))) {
                flush(out);
            }
            if (group.isEmpty()) {
                ctx.timerService().registerEventTimeTimer(ctx.timestamp());
            }
            groupTime = ctx.timestamp();
            group.add(t);
        }

        @Override
        public void onTimer(
                long timestamp, OnTimerContext ctx, Collector<Tuple2<Integer, ListingPhoto>> out) {
            if (!group.isEmpty() && group.get(0).f0.equals(ctx.getCurrentKey())) {
                flush(out);
            }
        }

        private void flush(Collector<Tuple2<Integer, ListingPhoto>> out) {
            group.sort((a, b) -> ListingPhoto.PUBLISH_ORDER.compare(a.f1, b.f1));
            group.forEach(out::collect);
            group.clear();
        }
    }

    /**
     * 0, 1, 2, … per shard, over photos arriving sorted by shard and publish order; checks that
     * order here, where a failure fails the job (in the state-writing operator it would hang it:
     * the State Processor API's writer thread does not pass failures on).
     */
    private static final class RankInShard
            implements TimestampAssigner<Tuple2<Integer, ListingPhoto>> {
        private final Map<Integer, Long> next = new HashMap<>();
        private final Map<Integer, ListingPhoto> last = new HashMap<>();

        @Override
        public long extractTimestamp(Tuple2<Integer, ListingPhoto> t, long recordTimestamp) {
            ListingPhoto before = last.put(t.f0, t.f1);
            if (before != null && ListingPhoto.PUBLISH_ORDER.compare(before, t.f1) > 0) {
                throw new IllegalStateException(
                        "photos of shard "
                                + t.f0
                                + " out of publish order: "
                                + t.f1.eventId()
                                + " after "
                                + before.eventId());
            }
            return next.merge(t.f0, 1L, Long::sum) - 1;
        }
    }

    /**
     * Stores one shard's photos, arriving in publish order, as the registry operator would: the
     * next id for a new hash, nothing for a hash text already stored. Checks the order it relies
     * on.
     */
    private static final class ShardBootstrapFunction
            extends KeyedStateBootstrapFunction<Integer, Tuple2<Integer, ListingPhoto>> {
        private transient MapState<Long, RegistryEntry> entries;
        private transient ValueState<Long> nextId;
        private transient Map<Integer, Shard> shards;

        /** What this subtask remembers of one shard while writing it. */
        private static final class Shard {
            /** The savepoint is new: every shard starts at id 0. */
            long nextId;

            /** 64-bit fingerprint of a stored hash → its entry id. */
            final Map<Long, Long> byFingerprint = new HashMap<>();

            /** Stored hashes whose fingerprint an earlier, different hash already took. */
            final Map<ByteBuffer, Long> collided = new HashMap<>();
        }

        @Override
        public void open(OpenContext openContext) {
            entries = getRuntimeContext().getMapState(RegistryShardProcessFunction.ENTRIES);
            nextId = getRuntimeContext().getState(RegistryShardProcessFunction.NEXT_ID);
            shards = new HashMap<>();
        }

        @Override
        public void processElement(Tuple2<Integer, ListingPhoto> t, Context ctx) throws Exception {
            try {
                process(t, ctx);
            } catch (Exception | Error e) {
                // the writer thread drops failures (the job then hangs): at least log them
                LOG.error("bootstrap failed writing shard {}", t.f0, e);
                throw e;
            }
        }

        private void process(Tuple2<Integer, ListingPhoto> t, Context ctx) throws Exception {
            ListingPhoto photo = t.f1;
            Shard shard = shards.computeIfAbsent(ctx.getCurrentKey(), k -> new Shard());
            RegistryEntry entry = RegistryEntry.of(photo);
            byte[] bytes = entry.hash();
            // The operator skips a photo whose hash text equals a stored photo's text, and it
            // reads stored hashes back in canonical form: equal bytes and a canonical text.
            long fingerprint = fingerprint(bytes);
            Long sameFingerprint = shard.byFingerprint.get(fingerprint);
            boolean sameBytes =
                    sameFingerprint != null
                            && (Arrays.equals(entries.get(sameFingerprint).hash(), bytes)
                                    || shard.collided.containsKey(ByteBuffer.wrap(bytes)));
            if (sameBytes && HashCodec.decode(bytes).equals(photo.hash())) {
                return;
            }
            long id = shard.nextId++;
            nextId.update(shard.nextId);
            entries.put(id, entry);
            if (sameFingerprint == null) {
                shard.byFingerprint.put(fingerprint, id);
            } else if (!Arrays.equals(entries.get(sameFingerprint).hash(), bytes)) {
                shard.collided.putIfAbsent(ByteBuffer.wrap(bytes), id);
            }
        }

        /** FNV-1a, 64 bits: enough to find candidates; equality is then checked on the bytes. */
        private static long fingerprint(byte[] bytes) {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            return h;
        }
    }
}
