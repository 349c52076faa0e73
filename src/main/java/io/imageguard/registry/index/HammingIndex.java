package io.imageguard.registry.index;

/**
 * Registered 64-bit perceptual hashes (pHash-64 views), each carrying caller ids, answering exact
 * Hamming-radius queries: {@link #query} reports every registered (id, hash) whose hash differs
 * from the query in at most {@code radius} bits, each exactly once, and nothing else.
 *
 * <p>Implementations are deterministic (same adds and queries, same reports in the same order) and
 * are not thread-safe: one instance per Flink subtask, used from its task thread only. The consumer
 * is called during {@link #query} and must not call {@link #add} on the same index.
 */
public interface HammingIndex {

    /** Receives one match of a query. */
    @FunctionalInterface
    interface HitConsumer {
        void hit(long id, long hash, int distance);
    }

    /**
     * Registers {@code id} under {@code hash}; adding the same (hash, id) twice reports it twice.
     */
    void add(long hash, long id);

    /**
     * Reports to {@code hits} every registered id whose hash is within {@code radius} bits of
     * {@code hash} (0 ≤ radius ≤ 64), with that hash and the distance. Ids sharing one hash are
     * reported in the order they were added.
     */
    void query(long hash, int radius, HitConsumer hits);

    /** Registered (hash, id) pairs. */
    long size();

    /** Distinct hashes registered. */
    long distinctHashes();

    /** Bucket probes (table look-ups) made by the last {@link #query}. */
    long lastProbes();

    /** Stored hashes compared with the query (popcounts) by the last {@link #query}. */
    long lastCandidates();

    /** Heap bytes held by the index's arrays (what it costs in memory, object headers aside). */
    long memoryBytes();
}
