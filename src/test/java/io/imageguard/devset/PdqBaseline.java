package io.imageguard.devset;

import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Meta's PDQ (Java reference implementation, package {@code pdqhashing}) called by reflection, so
 * the dev-set tools compile and run without it: its source is not committed; {@code jobs/devset}
 * compiles it from {@code devset/pdq-src} when present (docs/hashing.md says how it gets there).
 *
 * <p>{@link #hash} returns eight longs: the 256-bit hash of the image, then the hash of its
 * left-right mirror derived from the same DCT, each as four longs of PDQ's sixteen 16-bit words.
 * The mirror is PDQ's {@code hashFlipY} (a flip about the y axis): its {@code hashFlipX} negates
 * the odd vertical frequencies, i.e. is the upside-down image (checked: on a dev-set photo the
 * left-right mirror's own hash is 14 bits from {@code hashFlipY}, 126 from {@code hashFlipX}).
 */
final class PdqBaseline {
    private final Object hasher;
    private final Method dihedral;
    private final Field hashField;
    private final Field mirrorField;
    private final Field words;
    private final int flags;

    private PdqBaseline(Class<?> hasherClass) throws ReflectiveOperationException {
        hasher = hasherClass.getConstructor().newInstance();
        dihedral =
                hasherClass.getMethod(
                        "dihedralFromBufferedImage",
                        BufferedImage.class,
                        float[].class,
                        float[].class,
                        float[][].class,
                        float[][].class,
                        float[][].class,
                        float[][].class,
                        int.class);
        flags =
                hasherClass.getField("PDQ_DO_DIH_ORIGINAL").getInt(null)
                        | hasherClass.getField("PDQ_DO_DIH_FLIPY").getInt(null);
        Class<?> hashes = Class.forName("pdqhashing.types.HashesAndQuality");
        hashField = hashes.getField("hash");
        mirrorField = hashes.getField("hashFlipY");
        words = Class.forName("pdqhashing.types.Hash256").getField("w");
    }

    /** The PDQ hasher if its classes are on the classpath, else {@code null}. */
    static PdqBaseline loadOrNull() {
        Class<?> hasherClass;
        try {
            hasherClass = Class.forName("pdqhashing.hasher.PDQHasher");
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            return new PdqBaseline(hasherClass);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PDQ classes found but not the expected API", e);
        }
    }

    long[] hash(BufferedImage image) {
        int pixels = image.getWidth() * image.getHeight();
        try {
            Object result =
                    dihedral.invoke(
                            hasher,
                            image,
                            new float[pixels],
                            new float[pixels],
                            new float[64][64],
                            new float[16][64],
                            new float[16][16],
                            new float[16][16],
                            flags);
            long[] out = new long[8];
            pack(hashField.get(result), out, 0);
            pack(mirrorField.get(result), out, 4);
            return out;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void pack(Object hash256, long[] out, int at) throws IllegalAccessException {
        short[] w = (short[]) words.get(hash256);
        for (int i = 0; i < 16; i++) {
            out[at + i / 4] |= (w[i] & 0xffffL) << (16 * (i % 4));
        }
    }

    /** Hamming distance between the 256-bit hashes at {@code a[ai..ai+3]} and {@code b[bi..]}. */
    static int distance(long[] a, int ai, long[] b, int bi) {
        int d = 0;
        for (int i = 0; i < 4; i++) {
            d += Long.bitCount(a[ai + i] ^ b[bi + i]);
        }
        return d;
    }
}
