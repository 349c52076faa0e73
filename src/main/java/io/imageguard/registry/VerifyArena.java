package io.imageguard.registry;

/**
 * The 256-bit verification hash of every registered view of one shard, in memory beside its index,
 * addressed by {@code entry id × 8 + view}. A candidate the index reports is checked here first
 * (one 256-bit distance, a few nanoseconds); only candidates close enough to be a match cost a
 * state read. Exact: a photo can only match through a candidate view pair within the verification
 * threshold, and this check is that pair's distance.
 *
 * <p>Chunked, so growing never copies more than one chunk; 32 bytes per registered view.
 */
final class VerifyArena {
    static final int VIEWS = 8;
    private static final int WORDS = 4;
    private static final int CHUNK_BITS = 14; // slots per chunk: 16,384 (512 KiB)
    private static final int CHUNK = 1 << CHUNK_BITS;

    private long[][] chunks = new long[0][];

    void put(long entryId, int view, long[] words) {
        if (view < 0 || view >= VIEWS || words.length != WORDS) {
            throw new IllegalArgumentException("view " + view + ", " + words.length + " words");
        }
        long slot = entryId * VIEWS + view;
        int c = (int) (slot >>> CHUNK_BITS);
        if (c >= chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        if (chunks[c] == null) {
            chunks[c] = new long[CHUNK * WORDS];
        }
        System.arraycopy(words, 0, chunks[c], (int) (slot & (CHUNK - 1)) * WORDS, WORDS);
    }

    /** Hamming distance between the stored view and {@code words}. */
    int distance(long entryId, int view, long[] words) {
        long slot = entryId * VIEWS + view;
        long[] chunk = chunks[(int) (slot >>> CHUNK_BITS)];
        int at = (int) (slot & (CHUNK - 1)) * WORDS;
        return Long.bitCount(chunk[at] ^ words[0])
                + Long.bitCount(chunk[at + 1] ^ words[1])
                + Long.bitCount(chunk[at + 2] ^ words[2])
                + Long.bitCount(chunk[at + 3] ^ words[3]);
    }

    long memoryBytes() {
        long bytes = 16L + 8L * chunks.length;
        for (long[] c : chunks) {
            bytes += c == null ? 0 : 16L + 8L * c.length;
        }
        return bytes;
    }
}
