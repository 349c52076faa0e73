package io.imageguard.match;

import java.awt.image.BufferedImage;

/**
 * Hashes photos and decides whether one is a copy of another, in two stages.
 *
 * <ol>
 *   <li><b>Candidates</b>: some index view of the registered photo and some query view of the new
 *       photo (or its mirror image) lie within {@code candidateRadius} bits on their 64-bit hashes
 *       ({@code regionCandidateRadius} for the photo-region query views; by default the same). This
 *       is the registry's lookup: one probe per query view and mirror, at that view's radius.
 *   <li><b>Verification</b>: for every candidate view pair whose colours agree ({@link Chroma}),
 *       the 256-bit hashes of the same two views (mirrored alike) are compared against the
 *       threshold of the query view: {@code verifyThreshold} for whole, trimmed and de-rotated
 *       views, the looser {@code regionVerifyThreshold} for views cut from a composed canvas. The
 *       pair furthest below its threshold (or least above it) decides; it is a match when its
 *       distance is at most its threshold.
 * </ol>
 *
 * Thresholds are the measured choice in {@code docs/hashing.md} ({@link #DEFAULT_RADIUS}, {@link
 * #DEFAULT_VERIFY}). Input images should already be reduced (long side about 512) with a proper
 * filter; the hasher area-averages each view down to its thumbnails itself.
 */
public final class PhotoMatcher {
    public static final int DEFAULT_RADIUS = 16;
    public static final int DEFAULT_VERIFY = 47;
    public static final int DEFAULT_REGION_VERIFY = 75;

    private final int candidateRadius;
    private final int regionCandidateRadius;
    private final int verifyThreshold;
    private final int regionVerifyThreshold;

    /** Per query view (in {@link PhotoHash#QUERY_VIEWS} order): its candidate radius. */
    private final int[] radii;

    /** Per query view: its verification threshold. */
    private final int[] thresholds;

    /**
     * @param verifyThreshold the largest 256-bit distance that verifies a pair whose query view is
     *     the whole photo, its trim or a de-rotated view
     * @param regionVerifyThreshold the same for the query's photo-region views ({@link
     *     PhotoHash#REGION_VIEWS})
     */
    public PhotoMatcher(int candidateRadius, int verifyThreshold, int regionVerifyThreshold) {
        this(candidateRadius, candidateRadius, verifyThreshold, regionVerifyThreshold);
    }

    /**
     * A matcher whose photo-region query views ({@link PhotoHash#REGION_VIEWS}, and their mirror
     * images) find candidates within {@code regionCandidateRadius} bits instead of {@code
     * candidateRadius}: region views exist only for composed canvases, so a registry can search
     * wider for them at little cost for ordinary photos.
     */
    public PhotoMatcher(
            int candidateRadius,
            int regionCandidateRadius,
            int verifyThreshold,
            int regionVerifyThreshold) {
        if (candidateRadius < 0 || candidateRadius > 64) {
            throw new IllegalArgumentException(
                    "candidate radius must be 0..64: " + candidateRadius);
        }
        if (regionCandidateRadius < 0 || regionCandidateRadius > 64) {
            throw new IllegalArgumentException(
                    "region candidate radius must be 0..64: " + regionCandidateRadius);
        }
        if (verifyThreshold < 0 || verifyThreshold > 256) {
            throw new IllegalArgumentException(
                    "verify threshold must be 0..256: " + verifyThreshold);
        }
        if (regionVerifyThreshold < 0 || regionVerifyThreshold > 256) {
            throw new IllegalArgumentException(
                    "region verify threshold must be 0..256: " + regionVerifyThreshold);
        }
        this.candidateRadius = candidateRadius;
        this.regionCandidateRadius = regionCandidateRadius;
        this.verifyThreshold = verifyThreshold;
        this.regionVerifyThreshold = regionVerifyThreshold;
        this.radii = PhotoHash.QUERY_VIEWS.stream().mapToInt(this::radiusFor).toArray();
        this.thresholds = PhotoHash.QUERY_VIEWS.stream().mapToInt(this::thresholdFor).toArray();
    }

    public PhotoMatcher() {
        this(DEFAULT_RADIUS, DEFAULT_VERIFY, DEFAULT_REGION_VERIFY);
    }

    public int candidateRadius() {
        return candidateRadius;
    }

    /** The candidate radius of the photo-region query views. */
    public int regionCandidateRadius() {
        return regionCandidateRadius;
    }

    public int verifyThreshold() {
        return verifyThreshold;
    }

    public int regionVerifyThreshold() {
        return regionVerifyThreshold;
    }

    /** The candidate radius of pairs whose query view is {@code queryView}. */
    public int radiusFor(String queryView) {
        return PhotoHash.REGION_VIEWS.contains(queryView) ? regionCandidateRadius : candidateRadius;
    }

    /** The verification threshold of pairs whose query view is {@code queryView}. */
    public int thresholdFor(String queryView) {
        return PhotoHash.REGION_VIEWS.contains(queryView) ? regionVerifyThreshold : verifyThreshold;
    }

    /** The hashes of every view of {@code image}. */
    public PhotoHash hash(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return hash(AreaAverage.pixels(image), w, h);
    }

    /**
     * The hashes of every view of a {@code w × h} image given as {@code 0xRRGGBB} pixels row by row
     * (the alpha byte is ignored): what {@link #hash(BufferedImage)} computes, for a caller that
     * already holds the pixels.
     */
    public PhotoHash hash(int[] rgb, int w, int h) {
        return hash(PhotoInput.of(rgb, w, h));
    }

    /** The hashes of every view of a photo given as luminance and colour. */
    public PhotoHash hash(PhotoInput input) {
        return PhotoHash.of(input.luma, input.colour);
    }

    /**
     * The outcome of comparing a new photo against a registered one.
     *
     * @param indexDistance the smallest 64-bit distance over all view pairs (mirror included)
     * @param candidateRadius the candidate radius in force (of whole, trimmed and turned query
     *     views; region views may have their own, {@link #regionCandidateRadius()})
     * @param verified whether verification ran (some view pair was a candidate)
     * @param verifyDistance the deciding pair's 256-bit distance, or -1 without one
     * @param verifyThreshold the deciding pair's verification threshold (that of its query view;
     *     without a candidate pair, the whole-view threshold)
     * @param registeredView the registered photo's view of the deciding pair, or null
     * @param queryView the new photo's view of the deciding pair, or null
     * @param mirrored whether the deciding pair matched the new photo's mirror image
     * @param colourSetAside whether a view pair further below its threshold than the deciding one
     *     (or, when none decided, any candidate pair) was set aside because its colours differ
     * @param match whether the new photo is a copy of the registered one
     */
    public record Comparison(
            int indexDistance,
            int candidateRadius,
            boolean verified,
            int verifyDistance,
            int verifyThreshold,
            String registeredView,
            String queryView,
            boolean mirrored,
            boolean colourSetAside,
            boolean match) {}

    /**
     * Per query view (in {@link PhotoHash#QUERY_VIEWS} order), the mirror settings it is tried in.
     */
    private static final boolean[][] MIRRORS =
            PhotoHash.QUERY_VIEWS.stream()
                    .map(
                            q ->
                                    PhotoHash.mirrored(q)
                                            ? new boolean[] {false, true}
                                            : new boolean[] {false})
                    .toArray(boolean[][]::new);

    /** Whether {@code query} is a copy of {@code registered}. */
    public Comparison compare(PhotoHash registered, PhotoHash query) {
        int bestIndex = Integer.MAX_VALUE;
        // margins: a pair's 256-bit distance minus its query view's threshold
        int bestMargin = Integer.MAX_VALUE;
        int bestVerify = -1;
        String rv = null;
        String qv = null;
        boolean mirrored = false;
        int bestSetAside = Integer.MAX_VALUE;
        for (String r : PhotoHash.INDEX_VIEWS) {
            long[] ra = registered.index(r);
            if (ra == null) {
                continue;
            }
            for (int qi = 0; qi < MIRRORS.length; qi++) {
                String q = PhotoHash.QUERY_VIEWS.get(qi);
                long[] qa = query.index(q);
                if (qa == null) {
                    continue;
                }
                int threshold = thresholds[qi];
                int radius = radii[qi];
                for (boolean m : MIRRORS[qi]) {
                    int d = DctHash.H64.distance(ra, qa, m);
                    bestIndex = Math.min(bestIndex, d);
                    if (d > radius) {
                        continue;
                    }
                    int v = DctHash.H256.distance(registered.verify(r), query.verify(q), m);
                    int margin = v - threshold;
                    // the colour check only for a pair that would become the best one
                    if (margin >= bestMargin) {
                        continue;
                    }
                    if (!Chroma.agree(registered.chroma(r), query.chroma(q), m)) {
                        bestSetAside = Math.min(bestSetAside, margin);
                    } else {
                        bestMargin = margin;
                        bestVerify = v;
                        rv = r;
                        qv = q;
                        mirrored = m;
                    }
                }
            }
        }
        boolean verified = rv != null;
        return new Comparison(
                bestIndex,
                candidateRadius,
                verified,
                bestVerify,
                verified ? thresholdFor(qv) : verifyThreshold,
                rv,
                qv,
                mirrored,
                bestSetAside < bestMargin,
                verified && bestMargin <= 0);
    }

    /**
     * Compares two photos when neither is known to be the earlier one: each in turn as the
     * registered photo, the verified pair further below its threshold decides.
     */
    public Comparison compareEither(PhotoHash a, PhotoHash b) {
        Comparison ab = compare(a, b);
        Comparison ba = compare(b, a);
        if (!ab.verified()) {
            return ba.verified() || ba.indexDistance() < ab.indexDistance() ? ba : ab;
        }
        return ba.verified() && margin(ba) < margin(ab) ? ba : ab;
    }

    /** How far the deciding pair's distance lies above its threshold (≤ 0: a match). */
    public static int margin(Comparison c) {
        return c.verifyDistance() - c.verifyThreshold();
    }
}
