package io.imageguard.registry.index;

import java.util.Arrays;

/**
 * The baseline: every (hash, id) in two parallel arrays, each query a full scan with {@link
 * Long#bitCount}. The best case for a scan (sequential, branch-light); the ratio to beat.
 */
public final class BruteForceHammingIndex implements HammingIndex {
    private long[] hashes = new long[16];
    private long[] ids = new long[16];
    private int size;
    private long lastCandidates;

    @Override
    public void add(long hash, long id) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        hashes[size] = hash;
        ids[size] = id;
        size++;
    }

    @Override
    public void query(long hash, int radius, HitConsumer hits) {
        long[] h = hashes;
        int n = size;
        for (int i = 0; i < n; i++) {
            int d = Long.bitCount(h[i] ^ hash);
            if (d <= radius) {
                hits.hit(ids[i], h[i], d);
            }
        }
        lastCandidates = n;
    }

    /** Counts the hashes within {@code radius}: the scan alone, no callback, for timing. */
    public int count(long hash, int radius) {
        long[] h = hashes;
        int n = size;
        int found = 0;
        for (int i = 0; i < n; i++) {
            found += Long.bitCount(h[i] ^ hash) <= radius ? 1 : 0;
        }
        lastCandidates = n;
        return found;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long distinctHashes() {
        return Arrays.stream(hashes, 0, size).distinct().count();
    }

    @Override
    public long lastProbes() {
        return 0;
    }

    @Override
    public long lastCandidates() {
        return lastCandidates;
    }

    @Override
    public long memoryBytes() {
        return 16L * hashes.length;
    }
}
