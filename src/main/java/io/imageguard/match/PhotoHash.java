package io.imageguard.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A photo's hashes: for each of its normalised views, a 64-bit DCT hash (what the registry indexes
 * and candidate search compares by Hamming distance) and a 256-bit DCT hash of the same view (what
 * verification compares). Its text form is a {@link HashText} with the items {@code dct64-<view>}
 * and {@code dct256-<view>}.
 *
 * <p>Views: {@code w} the whole photo; {@code t} trimmed of uniform borders; {@code c90}, {@code
 * c80} the centre 90% and 80% of {@code t}; {@code sl}, {@code sr}, {@code st}, {@code sb} {@code
 * t} without 12% of its left, right, top or bottom; {@code r} the largest textured rectangle of a
 * composed canvas and {@code rt} that rectangle trimmed. {@code w} and {@code t} are always
 * present; {@code r} only where a textured rectangle stands out from a flat canvas, {@code rt} only
 * where trimming it removes something; {@code wp3}, {@code wm3}, {@code tp3}, {@code tm3} the photo
 * turned by +3° and −3° (enlarged to hide the corners) and its whole and trimmed views, so that a
 * copy turned by ±3° is turned back. The registry indexes {@link #INDEX_VIEWS}; a lookup probes
 * with {@link #QUERY_VIEWS}, each also mirrored.
 *
 * <p>Each view may also carry a colour signature ({@code chroma-<view>}, {@link Chroma}): a
 * candidate pair whose colours disagree is not a match. Hashes without signatures (texts made
 * before them) are compared on luminance alone.
 */
public final class PhotoHash {
    /** Views a registered photo is indexed under. */
    public static final List<String> INDEX_VIEWS =
            List.of("w", "t", "c90", "c80", "sl", "sr", "st", "sb");

    /**
     * Views a new photo is looked up with (each also as its mirror image): whole, trimmed, the
     * photo region of a composed canvas and its trim, and the whole and trimmed photo turned back
     * by +3° and −3° (a copy rotated by ±3° and cropped lines up with its original again).
     */
    public static final List<String> QUERY_VIEWS =
            List.of("w", "t", "r", "rt", "wp3", "wm3", "tp3", "tm3");

    /**
     * Query views cut from a composed canvas: pasted photos are rescaled and recompressed with the
     * canvas, so their pairs verify at their own, looser threshold.
     */
    public static final List<String> REGION_VIEWS = List.of("r", "rt");

    /** Query views turned back by ±3°, named after their unturned view. */
    static final List<String> TURNED_VIEWS = List.of("wp3", "wm3", "tp3", "tm3");

    /**
     * Whether a lookup also tries {@code queryView}'s mirror image. Not for the turned views: a
     * copy both mirrored and turned is rare (3 of 4,328 dev-set matches were decided so), while
     * each extra alignment tried is another chance for a different shot of the same product to line
     * up (both re-shoots of the dev set that still matched did so mirrored and turned).
     */
    public static boolean mirrored(String queryView) {
        return !TURNED_VIEWS.contains(queryView);
    }

    /** The turn, in degrees, that each de-rotated query view undoes. */
    private static final double DEROTATION = 3;

    /** Bits of a 64-bit view hash that a left-right mirror of the view flips. */
    public static final long MIRROR_MASK_64 = DctHash.H64.mirrorMask[0];

    /** Long side of the copy thumbnails are cut from (views are found on the input itself). */
    private static final int THUMBNAIL_SOURCE_SIDE = 256;

    private final Map<String, long[]> index = new LinkedHashMap<>();
    private final Map<String, long[]> verify = new LinkedHashMap<>();
    private final Map<String, byte[]> chroma = new LinkedHashMap<>();

    private PhotoHash() {}

    static PhotoHash of(GrayImage g, Chroma colour) {
        PhotoHash h = new PhotoHash();
        Thumbnails th = new Thumbnails(g, colour);
        double[] t = Views.trim(g);
        // Both whole and trimmed: trimming decides line by line, and a contrast change or a
        // caption near the edge can move where it stops; the whole view does not move.
        h.put("w", th, Views.whole(g));
        h.put("t", th, t);
        h.put("c90", th, inset(t, 0.05, 0.05, 0.05, 0.05));
        h.put("c80", th, inset(t, 0.10, 0.10, 0.10, 0.10));
        h.put("sl", th, inset(t, 0.12, 0, 0, 0));
        h.put("sr", th, inset(t, 0, 0, 0.12, 0));
        h.put("st", th, inset(t, 0, 0.12, 0, 0));
        h.put("sb", th, inset(t, 0, 0, 0, 0.12));
        h.putTurned("p3", th, DEROTATION);
        h.putTurned("m3", th, -DEROTATION);
        double[] r = Views.photoRegion(g);
        if (r != null) {
            h.put("r", th, r);
            GrayImage region =
                    g.crop(r[0], r[1], r[2], r[3], (int) (r[2] - r[0]), (int) (r[3] - r[1]));
            double[] rt = Views.trim(region);
            if (area(rt) < 0.98 * area(Views.whole(region))) {
                h.put(
                        "rt",
                        th,
                        new double[] {r[0] + rt[0], r[1] + rt[1], r[0] + rt[2], r[1] + rt[3]});
            }
        }
        return h;
    }

    /** Cuts thumbnails from a reduced copy of the input, given rectangles in input pixels. */
    private static final class Thumbnails {
        final GrayImage source;
        final AreaSums sums;
        final Chroma colour;
        final double sx;
        final double sy;

        Thumbnails(GrayImage input, Chroma colour) {
            this.colour = colour;
            source = input.reduced(THUMBNAIL_SOURCE_SIDE);
            sums = AreaSums.of(source);
            sx = (double) source.width / input.width;
            sy = (double) source.height / input.height;
        }

        double[] scale(double[] r) {
            return new double[] {r[0] * sx, r[1] * sy, r[2] * sx, r[3] * sy};
        }
    }

    private void put(String view, Thumbnails th, double[] rect) {
        putHashes(view, th.sums, th.scale(rect));
        chroma.put(view, th.colour.of(rect));
    }

    /**
     * Both DCT hashes of the rectangle {@code r} of a plane: the 64×64 thumbnail's cell corners
     * also bound the 32×32 thumbnail's cells (every other one), so one grid serves both.
     */
    private void putHashes(String view, AreaSums sums, double[] r) {
        double[] c = sums.clamped(r);
        int n = DctHash.H256.side;
        double[] corners = sums.corners(c, n);
        index.put(
                view, DctHash.H64.ofThumbnail(AreaSums.cells(corners, n, n / DctHash.H64.side, c)));
        verify.put(view, DctHash.H256.ofThumbnail(AreaSums.cells(corners, n, 1, c)));
    }

    /**
     * The whole and trimmed views ({@code w<suffix>}, {@code t<suffix>}) of the thumbnail source
     * turned by {@code degrees}. They carry no colour signature of their own: they compare with
     * their unturned view's ({@link #chroma}), as 3×3 colour cells barely move in 3°.
     */
    private void putTurned(String suffix, Thumbnails th, double degrees) {
        GrayImage turned = th.source.rotated(degrees);
        AreaSums sums = AreaSums.of(turned);
        putHashes("w" + suffix, sums, Views.whole(turned));
        putHashes("t" + suffix, sums, Views.trim(turned));
    }

    private static double area(double[] r) {
        return (r[2] - r[0]) * (r[3] - r[1]);
    }

    private static double[] inset(double[] r, double l, double t, double rr, double b) {
        double w = r[2] - r[0];
        double h = r[3] - r[1];
        return new double[] {r[0] + l * w, r[1] + t * h, r[2] - rr * w, r[3] - b * h};
    }

    /** The 64-bit hash of {@code view}, or {@code null} when this photo has no such view. */
    public Long indexHash(String view) {
        long[] h = index.get(view);
        return h == null ? null : h[0];
    }

    /**
     * The 256-bit hash of {@code view}, or of its mirror image, as four words; {@code null} when
     * this photo has no such view.
     */
    public long[] verifyHash(String view, boolean mirrored) {
        long[] h = verify.get(view);
        if (h == null) {
            return null;
        }
        long[] out = h.clone();
        if (mirrored) {
            for (int i = 0; i < out.length; i++) {
                out[i] ^= DctHash.H256.mirrorMask[i];
            }
        }
        return out;
    }

    long[] index(String view) {
        return index.get(view);
    }

    long[] verify(String view) {
        return verify.get(view);
    }

    /**
     * The colour signature of {@code view} (a turned view's is its unturned view's), or {@code
     * null} when the hash carries none.
     */
    byte[] chroma(String view) {
        byte[] c = chroma.get(view);
        return c != null || !TURNED_VIEWS.contains(view) ? c : chroma.get(view.substring(0, 1));
    }

    /** This hash without its colour signatures: how hashes made before them compare. */
    public PhotoHash withoutColour() {
        PhotoHash h = new PhotoHash();
        h.index.putAll(index);
        h.verify.putAll(verify);
        return h;
    }

    /** The views this photo has, in canonical order. */
    public List<String> views() {
        return List.copyOf(index.keySet());
    }

    public HashText toText() {
        List<HashText.Item> items = new ArrayList<>();
        for (String v : index.keySet()) {
            items.add(HashText.Item.ofWords("dct64-" + v, index.get(v)));
        }
        for (String v : verify.keySet()) {
            items.add(HashText.Item.ofWords("dct256-" + v, verify.get(v)));
        }
        for (String v : chroma.keySet()) {
            items.add(new HashText.Item("chroma-" + v, chroma.get(v)));
        }
        return new HashText(items);
    }

    /**
     * The photo hash that {@code text} describes.
     *
     * @throws IllegalArgumentException when an item is not a known view, has the wrong length, or a
     *     view lacks either of its two hashes
     */
    public static PhotoHash fromText(HashText text) {
        PhotoHash h = new PhotoHash();
        for (HashText.Item item : text.items()) {
            String alg = item.algorithm();
            if (alg.startsWith("chroma-")) {
                String view = alg.substring(7);
                if (!(INDEX_VIEWS.contains(view) || QUERY_VIEWS.contains(view))) {
                    throw new IllegalArgumentException("unknown hash item: " + alg);
                }
                if (item.bytes().length != Chroma.BYTES) {
                    throw new IllegalArgumentException("wrong length for " + alg);
                }
                h.chroma.put(view, item.bytes());
                continue;
            }
            boolean small = alg.startsWith("dct64-");
            boolean large = alg.startsWith("dct256-");
            String view = small ? alg.substring(6) : large ? alg.substring(7) : null;
            if (view == null || !(INDEX_VIEWS.contains(view) || QUERY_VIEWS.contains(view))) {
                throw new IllegalArgumentException("unknown hash item: " + alg);
            }
            long[] words = item.words();
            if (words.length != (small ? 1 : 4)) {
                throw new IllegalArgumentException("wrong length for " + alg);
            }
            (small ? h.index : h.verify).put(view, words);
        }
        if (!h.index.keySet().equals(h.verify.keySet()) || !h.index.containsKey("t")) {
            throw new IllegalArgumentException(
                    "each view needs dct64 and dct256, and view t is required");
        }
        if (!h.index.keySet().containsAll(h.chroma.keySet())) {
            throw new IllegalArgumentException("a colour signature names a view without hashes");
        }
        return h;
    }

    @Override
    public String toString() {
        return toText().toString();
    }
}
