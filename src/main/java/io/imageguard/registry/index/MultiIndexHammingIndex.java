package io.imageguard.registry.index;

import java.util.Arrays;

/**
 * Exact Hamming-radius search by multi-index hashing (Norouzi, Punjani, Fleet, "Fast exact search
 * in Hamming space with multi-index hashing", TPAMI 2014) over sorted tables in the manner of
 * Manku, Jain, Das Sarma ("Detecting near-duplicates for web crawling", WWW 2007).
 *
 * <p>Each distinct hash is a <em>slot</em>; the ids added under it hang off the slot in add order
 * (exact duplicates cost one id entry, 12 bytes, and no table entry). Each of the layout's {@code
 * m} tables holds every slot's full hash once, sorted by that table's {@code b}-bit substring, with
 * a directory of bucket starts: a probe reads one directory entry and scans its bucket
 * sequentially. A query of radius {@code r} probes, in table {@code t}, every key within {@link
 * MihLayout#tableRadius} of the query's substring; a stored hash within {@code r} of the query is
 * within that radius in at least one table, so the search is exact. A hash found in several tables
 * is reported only from the first.
 *
 * <p>New hashes go to a delta: per table, a chain of (hash, next) nodes from a head stored next to
 * the bucket's start in the directory (same cache line), one cache miss per delta entry examined.
 * When the delta outgrows an eighth of the sorted part (at least {@code minDelta}), everything is
 * rebuilt sorted, by a counting sort per table (O(n + 2^b)), with a layout re-chosen for the new
 * size by {@link MihLayout#choose}, unless the layout was fixed at construction. Rebuild work is
 * O(1) amortized per add.
 *
 * <p>Not thread-safe; deterministic.
 */
public final class MultiIndexHammingIndex implements HammingIndex {
    private static final int DEFAULT_MIN_DELTA = 4096;

    private final int designRadius;
    private final MihLayout fixedLayout;
    private final int minDelta;

    // Slots: one per distinct hash, in first-add order.
    private long[] slotHash = new long[16];
    private int[] slotFirstView = new int[16];
    private int[] slotLastView = new int[16];
    private int slots;

    // Views: one per add, chained per slot.
    private long[] viewId = new long[16];
    private int[] viewNext = new int[16];
    private int views;

    private MihLayout layout;

    /** Per table: [start_0, deltaHead_0, start_1, deltaHead_1, …, start_{2^b}]. */
    private int[][] dir;

    /** Per table: the sorted part's hashes in bucket order. */
    private long[][] sorted;

    /** Table 0's slot per sorted entry (other tables find a hit's slot through table 0). */
    private int[] sortedSlot0;

    /** Slots [0, sortedSlots) are in the sorted part, the rest in the delta. */
    private int sortedSlots;

    /**
     * Per table: the delta's chain nodes, node {@code i = slot − sortedSlots} at {@code [2i]} (its
     * hash) and {@code [2i+1]} (the next slot, −1 ends): one 16-byte node, one cache line.
     */
    private long[][] deltaNodes;

    /** Per table radius: the probe masks, fetched once per (b, radius). */
    private int[][] flips;

    /** Per probe of one table: bucket start, end, delta head (reused across queries). */
    private int[] bounds = new int[0];

    /** Keeps the JIT from dropping the loads that pull buckets into cache. */
    private long sink;

    private long lastProbes;
    private long lastCandidates;

    /**
     * An index whose layout follows its size, chosen for queries of {@code designRadius} (other
     * radii are answered exactly too, at a different cost).
     */
    public MultiIndexHammingIndex(int designRadius) {
        this(designRadius, null, DEFAULT_MIN_DELTA);
    }

    /** An index with a fixed layout (benchmarks, tests). */
    public MultiIndexHammingIndex(MihLayout layout) {
        this(-1, layout, DEFAULT_MIN_DELTA);
    }

    MultiIndexHammingIndex(int designRadius, MihLayout fixedLayout, int minDelta) {
        if (fixedLayout == null && (designRadius < 0 || designRadius > 64)) {
            throw new IllegalArgumentException("radius " + designRadius);
        }
        this.designRadius = designRadius;
        this.fixedLayout = fixedLayout;
        this.minDelta = minDelta;
        rebuild(fixedLayout != null ? fixedLayout : MihLayout.choose(minDelta, designRadius));
    }

    @Override
    public void add(long hash, long id) {
        int slot = findSlot(hash);
        if (slot < 0) {
            slot = newSlot(hash);
        }
        if (views == viewId.length) {
            int capacity = grow(views);
            viewId = Arrays.copyOf(viewId, capacity);
            viewNext = Arrays.copyOf(viewNext, capacity);
        }
        viewId[views] = id;
        viewNext[views] = -1;
        if (slotFirstView[slot] < 0) {
            slotFirstView[slot] = views;
        } else {
            viewNext[slotLastView[slot]] = views;
        }
        slotLastView[slot] = views;
        views++;
    }

    /**
     * Sorts the delta into the tables and trims spare capacity (call it after loading a registry
     * from state: the arrays then hold exactly what was loaded).
     */
    public void compact() {
        slotHash = Arrays.copyOf(slotHash, Math.max(slots, 1));
        slotFirstView = Arrays.copyOf(slotFirstView, slotHash.length);
        slotLastView = Arrays.copyOf(slotLastView, slotHash.length);
        viewId = Arrays.copyOf(viewId, Math.max(views, 1));
        viewNext = Arrays.copyOf(viewNext, viewId.length);
        if (slots > sortedSlots) {
            rebuild(fixedLayout != null ? fixedLayout : MihLayout.choose(slots, designRadius));
        }
    }

    /** Arrays grow by half: less spare memory than doubling, still O(1) amortized per add. */
    private static int grow(int length) {
        return Math.max(16, length + (length >> 1));
    }

    public MihLayout layout() {
        return layout;
    }

    @Override
    public void query(long hash, int radius, HitConsumer hits) {
        if (radius < 0 || radius > 64) {
            throw new IllegalArgumentException("radius " + radius);
        }
        MihLayout l = layout;
        int m = l.tables();
        long probes = 0;
        long candidates = 0;
        for (int t = 0; t < m; t++) {
            int tr = MihLayout.tableRadius(radius, m, t);
            if (tr < 0) {
                continue;
            }
            int[] masks = flipMasks(tr);
            int[] d = dir[t];
            long[] s = sorted[t];
            long[] nodes = deltaNodes[t];
            int key = l.key(t, hash);
            probes += masks.length;
            int[] b = bounds(masks.length);
            // Gather every bucket's bounds first, then touch each bucket's first entry: loads
            // with no branch on their values, so the CPU overlaps their cache misses instead of
            // serialising them behind the scan's mispredicted branches.
            long touch = 0;
            int last = s.length - 1;
            for (int p = 0; p < masks.length; p++) {
                int k = (key ^ masks[p]) << 1;
                int start = d[k];
                b[3 * p] = start;
                b[3 * p + 1] = d[k + 2];
                b[3 * p + 2] = d[k + 1];
                touch += last < 0 ? 0 : s[Math.min(start, last)];
            }
            sink = touch;
            for (int p = 0; p < masks.length; p++) {
                int end = b[3 * p + 1];
                for (int i = b[3 * p]; i < end; i++) {
                    long h = s[i];
                    int dist = Long.bitCount(h ^ hash);
                    if (dist <= radius && firstTable(h ^ hash, radius, t)) {
                        report(t == 0 ? sortedSlot0[i] : findSlot(h), h, dist, hits);
                    }
                }
                candidates += end - b[3 * p];
                for (int slot = b[3 * p + 2]; slot >= 0; ) {
                    int node = (slot - sortedSlots) << 1;
                    long h = nodes[node];
                    candidates++;
                    int dist = Long.bitCount(h ^ hash);
                    if (dist <= radius && firstTable(h ^ hash, radius, t)) {
                        report(slot, h, dist, hits);
                    }
                    slot = (int) nodes[node + 1];
                }
            }
        }
        lastProbes = probes;
        lastCandidates = candidates;
    }

    /** True when no table before {@code t} was searched wide enough to have found this hash. */
    private boolean firstTable(long diff, int radius, int t) {
        for (int u = 0; u < t; u++) {
            if (Long.bitCount(diff & layout.mask(u))
                    <= MihLayout.tableRadius(radius, layout.tables(), u)) {
                return false;
            }
        }
        return true;
    }

    private void report(int slot, long hash, int distance, HitConsumer hits) {
        for (int v = slotFirstView[slot]; v >= 0; v = viewNext[v]) {
            hits.hit(viewId[v], hash, distance);
        }
    }

    private int[] bounds(int probes) {
        if (bounds.length < 3 * probes) {
            bounds = new int[3 * probes];
        }
        return bounds;
    }

    private int[] flipMasks(int tableRadius) {
        if (tableRadius >= flips.length) {
            flips = Arrays.copyOf(flips, tableRadius + 1);
        }
        int[] masks = flips[tableRadius];
        if (masks == null) {
            masks = MihLayout.flipMasks(layout.bits(), tableRadius);
            flips[tableRadius] = masks;
        }
        return masks;
    }

    /** The slot holding exactly {@code hash}, or −1: one probe of table 0. */
    private int findSlot(long hash) {
        int k = layout.key(0, hash) << 1;
        int[] d = dir[0];
        long[] s = sorted[0];
        for (int i = d[k], end = d[k + 2]; i < end; i++) {
            if (s[i] == hash) {
                return sortedSlot0[i];
            }
        }
        long[] nodes = deltaNodes[0];
        for (int slot = d[k + 1]; slot >= 0; ) {
            int node = (slot - sortedSlots) << 1;
            if (nodes[node] == hash) {
                return slot;
            }
            slot = (int) nodes[node + 1];
        }
        return -1;
    }

    private int newSlot(long hash) {
        if (slots == slotHash.length) {
            int capacity = grow(slots);
            slotHash = Arrays.copyOf(slotHash, capacity);
            slotFirstView = Arrays.copyOf(slotFirstView, capacity);
            slotLastView = Arrays.copyOf(slotLastView, capacity);
        }
        int slot = slots++;
        slotHash[slot] = hash;
        slotFirstView[slot] = -1;
        if (2 * (slots - sortedSlots) > deltaNodes[0].length) {
            rebuild(fixedLayout != null ? fixedLayout : MihLayout.choose(slots, designRadius));
        } else {
            for (int t = 0; t < layout.tables(); t++) {
                int k = (layout.key(t, hash) << 1) + 1;
                int node = (slot - sortedSlots) << 1;
                deltaNodes[t][node] = hash;
                deltaNodes[t][node + 1] = dir[t][k];
                dir[t][k] = slot;
            }
        }
        return slot;
    }

    /** Sorts every slot into fresh tables of {@code newLayout}; the delta starts empty. */
    private void rebuild(MihLayout newLayout) {
        layout = newLayout;
        flips = new int[0][];
        int m = newLayout.tables();
        int buckets = 1 << newLayout.bits();
        int n = slots;
        dir = new int[m][];
        sorted = new long[m][];
        int[] start = new int[buckets + 1];
        for (int t = 0; t < m; t++) {
            Arrays.fill(start, 0);
            for (int s = 0; s < n; s++) {
                start[newLayout.key(t, slotHash[s]) + 1]++;
            }
            for (int k = 0; k < buckets; k++) {
                start[k + 1] += start[k];
            }
            int[] d = new int[2 * buckets + 1];
            for (int k = 0; k <= buckets; k++) {
                d[2 * k] = start[k];
            }
            for (int k = 0; k < buckets; k++) {
                d[2 * k + 1] = -1;
            }
            long[] table = new long[n];
            int[] slot0 = t == 0 ? new int[n] : null;
            // Slots in increasing order within a bucket: the layout is a function of the adds.
            for (int s = 0; s < n; s++) {
                long h = slotHash[s];
                int pos = start[newLayout.key(t, h)]++;
                table[pos] = h;
                if (slot0 != null) {
                    slot0[pos] = s;
                }
            }
            dir[t] = d;
            sorted[t] = table;
            if (slot0 != null) {
                sortedSlot0 = slot0;
            }
        }
        sortedSlots = n;
        int deltaCapacity = Math.max(minDelta, n / 8);
        deltaNodes = new long[m][2 * deltaCapacity];
    }

    @Override
    public long size() {
        return views;
    }

    @Override
    public long distinctHashes() {
        return slots;
    }

    @Override
    public long lastProbes() {
        return lastProbes;
    }

    @Override
    public long lastCandidates() {
        return lastCandidates;
    }

    @Override
    public long memoryBytes() {
        long bytes = 16L * slotHash.length + 12L * viewId.length + 4L * sortedSlot0.length;
        for (int t = 0; t < layout.tables(); t++) {
            bytes += 4L * dir[t].length + 8L * sorted[t].length + 8L * deltaNodes[t].length;
        }
        return bytes;
    }
}
