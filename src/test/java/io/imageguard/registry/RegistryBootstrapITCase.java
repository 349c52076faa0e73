package io.imageguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.cli.ImageguardCli;
import io.imageguard.config.ConfigSource;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.records.Json;
import io.imageguard.testing.MiniClusters;
import io.imageguard.testing.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imageguard bootstrap} writes the registry of a catalog as a savepoint (RocksDB), and
 * {@code replay --from-savepoint} looks new photos up in it exactly as if the catalog photos had
 * been published as events first.
 */
class RegistryBootstrapITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

    private static final List<String> HASHES = TestEvents.farApartHashes(4);
    private static final String DRESS = HASHES.get(0);
    private static final String SHOES = HASHES.get(1);
    private static final String BAG = HASHES.get(2);
    private static final String HAT = HASHES.get(3);

    /** Three bits from SHOES: a near-duplicate at registry radius 13. */
    private static final String SHOES_EARLIER_SHOT = flip(SHOES, 0b10101);

    private static String flip(String phash, long bits) {
        long v = Long.parseUnsignedLong(phash.substring("phash64:".length()), 16) ^ bits;
        return String.format("phash64:%016x", v);
    }

    /**
     * Five published photos, not in time order: S-1's dress twice (the second an exact duplicate,
     * collapsed), S-2's shoes and an earlier shot of them, S-3's bag. No seller copies another, so
     * publishing them as events flags nothing.
     */
    private static final List<String[]> CATALOG =
            List.of(
                    new String[] {"c2", "2026-03-01T12:00:00Z", "S-1", "L-1b", DRESS},
                    new String[] {"c1", "2026-03-01T10:00:00Z", "S-1", "L-1", DRESS},
                    new String[] {"c3", "2026-03-01T11:00:00Z", "S-2", "L-2", SHOES},
                    new String[] {"c5", "2026-03-02T08:00:00Z", "S-3", "L-3", BAG},
                    new String[] {"c4", "2026-02-28T09:00:00Z", "S-2", "L-4", SHOES_EARLIER_SHOT});

    private static String catalogLine(String[] c) {
        return "{\"eventId\":\""
                + c[0]
                + "\",\"eventTime\":\""
                + c[1]
                + "\",\"sellerId\":\""
                + c[2]
                + "\",\"listingId\":\""
                + c[3]
                + "\",\"imageId\":\""
                + c[3]
                + "/1\",\"role\":\"MAIN\",\"hash\":\""
                + c[4]
                + "\"}";
    }

    /**
     * A LISTING_PUBLISHED event with one MAIN photo, {@code <listing>/1}, carrying {@code hash}.
     */
    private static String published(
            String eventId, String time, String seller, String listingId, String hash) {
        return io.imageguard.testing.TestEvents.listingPublished(
                eventId, java.time.Instant.parse(time), listingId, seller, listingId + "/1", hash)[
                1];
    }

    /** After the catalog: a copy of the dress (2 bits off), the shoes exactly, a new photo. */
    private static final List<String> NEW_LISTINGS =
            List.of(
                    published("p1", "2026-03-05T10:00:00Z", "S-9", "L-9", flip(DRESS, 0b11L << 40)),
                    published("p2", "2026-03-05T11:00:00Z", "S-8", "L-8", SHOES),
                    published("p3", "2026-03-05T12:00:00Z", "S-7", "L-7", HAT));

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        var cli = ImageguardCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        if (status != 0) {
            System.err.println(err);
        }
        return status;
    }

    private static Path bootstrap(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        CATALOG.forEach(c -> lines.add(catalogLine(c)));
        lines.add(2, "");
        Path catalog = Files.write(dir.resolve("catalog.jsonl"), lines);
        Path savepoint = dir.resolve("savepoint");
        assertThat(
                        run(
                                "bootstrap",
                                "--catalog",
                                catalog.toString(),
                                "--savepoint",
                                savepoint.toString()))
                .isZero();
        return savepoint;
    }

    private static int replay(Path events, Path out, Path savepoint) {
        List<String> args = new ArrayList<>(List.of("replay", "--events", events.toString()));
        args.addAll(List.of("--out", out.toString()));
        if (savepoint != null) {
            args.addAll(List.of("--from-savepoint", savepoint.toString()));
        }
        return run(args.toArray(String[]::new));
    }

    @Test
    void copiesOfBootstrappedPhotosAreFlaggedAgainstTheirOwners(@TempDir Path dir)
            throws Exception {
        Path savepoint = bootstrap(dir);
        Path out = dir.resolve("out");

        assertThat(replay(Files.write(dir.resolve("new.jsonl"), NEW_LISTINGS), out, savepoint))
                .isZero();

        List<String> flags = Files.readAllLines(out.resolve("theft-flags.jsonl"));
        assertThat(flags).hasSize(2);
        JsonNode dress = flagOf(flags, "S-9");
        assertThat(dress.get("ownerSellerId").asText()).isEqualTo("S-1");
        assertThat(dress.get("ownerListingId").asText()).isEqualTo("L-1");
        assertThat(dress.get("ownerPublishedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(dress.get("distance").asInt()).isEqualTo(2);
        // the shoes' earliest near-duplicate is S-2's earlier shot (3 bits), not the exact copy
        JsonNode shoes = flagOf(flags, "S-8");
        assertThat(shoes.get("ownerSellerId").asText()).isEqualTo("S-2");
        assertThat(shoes.get("ownerListingId").asText()).isEqualTo("L-4");
        assertThat(shoes.get("ownerPublishedAt").asText()).isEqualTo("2026-02-28T09:00:00Z");
        assertThat(shoes.get("distance").asInt()).isEqualTo(3);
        // only the new photo is a first publisher; the catalog's first-publish records were not
        // part of this run
        List<String> firstPublish = Files.readAllLines(out.resolve("first-publish.jsonl"));
        assertThat(firstPublish).hasSize(1);
        assertThat(Json.MAPPER.readTree(firstPublish.get(0)).get("sellerId").asText())
                .isEqualTo("S-7");
    }

    @Test
    void flagsEqualThoseOfARunThatPublishedTheCatalogAsEvents(@TempDir Path dir) throws Exception {
        Path savepoint = bootstrap(dir);
        List<String> everything = new ArrayList<>();
        CATALOG.forEach(c -> everything.add(published(c[0], c[1], c[2], c[3], c[4])));
        everything.addAll(NEW_LISTINGS);
        Path fromEvents = dir.resolve("from-events");
        Path fromSavepoint = dir.resolve("from-savepoint");

        assertThat(replay(Files.write(dir.resolve("all.jsonl"), everything), fromEvents, null))
                .isZero();
        assertThat(
                        replay(
                                Files.write(dir.resolve("new.jsonl"), NEW_LISTINGS),
                                fromSavepoint,
                                savepoint))
                .isZero();

        assertThat(Files.readString(fromSavepoint.resolve("theft-flags.jsonl")))
                .isEqualTo(Files.readString(fromEvents.resolve("theft-flags.jsonl")));
        assertThat(Files.readAllLines(fromSavepoint.resolve("theft-flags.jsonl"))).hasSize(2);
    }

    @Test
    void theSavepointHoldsEachShardsPhotosInPublishOrderWithDuplicatesCollapsed(@TempDir Path dir)
            throws Exception {
        Path savepoint = bootstrap(dir);
        int shards = ImageguardConfig.load(ConfigSource.defaults()).registry().shards();

        Map<Integer, List<String>> expected = new TreeMap<>();
        // publish order: c4 (02-28), c1 (03-01 10h), c3 (11h), c2 (12h, a duplicate), c5 (03-02)
        for (String[] c : List.of(CATALOG.get(4), CATALOG.get(1), CATALOG.get(2), CATALOG.get(3))) {
            expected.computeIfAbsent(shardOf(c[4], shards), s -> new ArrayList<>())
                    .add(c[3] + "/1");
        }
        assertThat(readShards(savepoint)).isEqualTo(expected);
    }

    /**
     * Hundreds of photos in random file order, many published at the same instant: each shard's ids
     * follow event time, then event id (the tie-break of the registry's publish order).
     */
    @Test
    void manyPhotosAtTheSameInstantsGetIdsInPublishOrder(@TempDir Path dir) throws Exception {
        int shards = ImageguardConfig.load(ConfigSource.defaults()).registry().shards();
        SplittableRandom rnd = new SplittableRandom(5);
        List<String[]> photos = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String time = "2026-03-01T10:0" + rnd.nextInt(5) + ":00Z";
            String hash = String.format("phash64:%016x", rnd.nextLong());
            photos.add(new String[] {"e" + rnd.nextInt(1_000_000), time, "S-" + i, "L-" + i, hash});
        }
        List<String> lines = new ArrayList<>();
        photos.forEach(c -> lines.add(catalogLine(c)));
        Path savepoint = dir.resolve("savepoint");
        assertThat(
                        run(
                                "bootstrap",
                                "--catalog",
                                Files.write(dir.resolve("c.jsonl"), lines).toString(),
                                "--savepoint",
                                savepoint.toString()))
                .isZero();

        List<String[]> ordered = new ArrayList<>(photos);
        ordered.sort(
                java.util.Comparator.<String[], String>comparing(c -> c[1])
                        .thenComparing(c -> c[0] + "\u0000" + c[3] + "/1"));
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (String[] c : ordered) {
            expected.computeIfAbsent(shardOf(c[4], shards), s -> new ArrayList<>())
                    .add(c[3] + "/1");
        }
        assertThat(readShards(savepoint)).isEqualTo(expected);
    }

    private static int shardOf(String hash, int shards) {
        return RegistryHash.homeShard(RegistryHash.parse(hash).homeBits(), shards);
    }

    /** Per shard, the image ids of entries 0, 1, 2, …; checks next-id against their count. */
    private static Map<Integer, List<String>> readShards(Path savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Map<Integer, List<String>> actual = new TreeMap<>();
        try (CloseableIterator<String> rows =
                SavepointReader.read(
                                env,
                                savepoint.toUri().toString(),
                                new EmbeddedRocksDBStateBackend())
                        .readKeyedState(
                                OperatorIdentifier.forUid(RegistryBootstrap.REGISTRY_UID),
                                new ShardReader(),
                                Types.INT,
                                Types.STRING)
                        .executeAndCollect()) {
            rows.forEachRemaining(
                    row -> {
                        String[] f = row.split(" ");
                        List<String> images = List.of(f).subList(2, f.length);
                        assertThat(Long.parseLong(f[1])).isEqualTo(images.size());
                        actual.put(Integer.parseInt(f[0]), images);
                    });
        }
        return actual;
    }

    @Test
    void aCatalogLineThatIsNotAPhotoFailsTheBootstrapQuotingIt(@TempDir Path dir) throws Exception {
        Path catalog =
                Files.write(
                        dir.resolve("catalog.jsonl"),
                        List.of(
                                catalogLine(CATALOG.get(0)),
                                catalogLine(CATALOG.get(1)).replace(DRESS, "md5:00ff")));
        StringWriter err = new StringWriter();
        var cli = ImageguardCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status =
                cli.execute(
                        "bootstrap",
                        "--catalog",
                        catalog.toString(),
                        "--savepoint",
                        dir.resolve("sp").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("catalog line").contains("\"eventId\":\"c1\"");
    }

    /** "shard next-id image-of-id-0 image-of-id-1 …" per shard. */
    private static final class ShardReader extends KeyedStateReaderFunction<Integer, String> {
        private transient MapState<Long, RegistryEntry> entries;
        private transient ValueState<Long> nextId;

        @Override
        public void open(OpenContext context) {
            entries = getRuntimeContext().getMapState(RegistryShardProcessFunction.ENTRIES);
            nextId = getRuntimeContext().getState(RegistryShardProcessFunction.NEXT_ID);
        }

        @Override
        public void readKey(Integer shard, Context ctx, Collector<String> out) throws Exception {
            StringBuilder row = new StringBuilder(shard + " " + nextId.value());
            for (long id = 0; id < nextId.value(); id++) {
                row.append(' ').append(entries.get(id).imageId());
            }
            out.collect(row.toString());
        }
    }

    private static JsonNode flagOf(List<String> flags, String suspect) throws Exception {
        for (String line : flags) {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n.get("suspectSellerId").asText().equals(suspect)) {
                return n;
            }
        }
        throw new AssertionError("no flag against " + suspect + " in " + flags);
    }
}
