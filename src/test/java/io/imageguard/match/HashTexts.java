package io.imageguard.match;

/** Hash texts written by hand for tests. */
public final class HashTexts {
    private HashTexts() {}

    /**
     * A multi-view hash text: per view (name, 64-bit hash, 256-bit hash as four words, most
     * significant first), in the order given.
     */
    public static String views(Object... viewSmallLarge) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < viewSmallLarge.length; i += 3) {
            sb.append(String.format("dct64-%s:%016x,", viewSmallLarge[i], viewSmallLarge[i + 1]));
        }
        for (int i = 0; i < viewSmallLarge.length; i += 3) {
            sb.append("dct256-").append(viewSmallLarge[i]).append(':');
            for (long w : (long[]) viewSmallLarge[i + 2]) {
                sb.append(String.format("%016x", w));
            }
            sb.append(i + 3 < viewSmallLarge.length ? "," : "");
        }
        return sb.toString();
    }
}
