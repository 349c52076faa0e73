package io.imageguard.registry.index.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Bytes on disk per registered view in RocksDB (Flink's frocksdb), for the record layouts the
 * registry operator may keep, laid out as Flink's keyed MapState does: key-group prefix (2 bytes),
 * the Flink key, the namespace (1 byte, VoidNamespace), the map key; the map value after a 1-byte
 * null flag. Hashes are uniform random (pHash-64 is close to it), so this is the incompressible
 * case. Argument: number of views (default 1,000,000). Writes under target/registry-bench/rocksdb.
 */
public final class RegistryStateSizeBenchmark {
    private RegistryStateSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? (int) Double.parseDouble(args[0]) : 1_000_000;
        RocksDB.loadLibrary();
        System.out.println(
                "| record (Flink key / map key / map value) | record bytes | compression | SST bytes per view |");
        System.out.println("| --- | ---: | --- | ---: |");
        for (CompressionType compression :
                new CompressionType[] {
                    CompressionType.NO_COMPRESSION, CompressionType.LZ4_COMPRESSION
                }) {
            // Keyed by the index shard (4-byte int), map key = hash + view id, value = seller +
            // time.
            measure(n, compression, "shard int / hash+id / seller+time", 4, 16, 16);
            // The minimum the index needs: shard / hash+id, no value.
            measure(n, compression, "shard int / hash+id / —", 4, 16, 0);
        }
    }

    private static void measure(
            int n,
            CompressionType compression,
            String name,
            int keyBytes,
            int mapKeyBytes,
            int valueBytes)
            throws Exception {
        Path dir = Path.of("target/registry-bench/rocksdb");
        delete(dir);
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(3);
        try (Options options =
                        new Options().setCreateIfMissing(true).setCompressionType(compression);
                RocksDB db = RocksDB.open(options, dir.toString());
                WriteOptions write = new WriteOptions().setDisableWAL(true)) {
            int batchSize = 10_000;
            for (int start = 0; start < n; start += batchSize) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = start; i < Math.min(n, start + batchSize); i++) {
                        int shard = random.nextInt(128);
                        ByteBuffer key = ByteBuffer.allocate(2 + keyBytes + 1 + mapKeyBytes);
                        key.putShort((short) (shard % 128)).putInt(shard).put((byte) 0);
                        key.putLong(random.nextLong()).putLong(i);
                        ByteBuffer value = ByteBuffer.allocate(1 + valueBytes);
                        value.put((byte) 0);
                        if (valueBytes > 0) {
                            value.putLong(random.nextInt(1_000_000))
                                    .putLong(1_700_000_000_000L + random.nextInt(1 << 30));
                        }
                        batch.put(key.array(), value.array());
                    }
                    db.write(write, batch);
                }
            }
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            db.compactRange();
            long sst = Long.parseLong(db.getProperty("rocksdb.total-sst-files-size"));
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %s | %.1f |%n",
                    name,
                    2 + keyBytes + 1 + mapKeyBytes + 1 + valueBytes,
                    compression,
                    (double) sst / n);
        }
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
