package io.imageguard.synth;

import dev.brachtendorf.graphics.FastPixel;
import dev.brachtendorf.jimagehash.hash.Hash;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import java.awt.image.BufferedImage;

/**
 * JImageHash's 64-bit pHash, with the reduction done by {@link ImageOps#scale} (halving steps, then
 * bilinear). JImageHash's own reduction goes through its {@code ImageUtil}, which links against
 * JavaFX, kept off this project's classpath; it also samples nearest-neighbour.
 */
final class PHash64 extends PerceptiveHash {
    private static final long serialVersionUID = 1L;

    PHash64() {
        super(64);
    }

    @Override
    protected FastPixel createPixelAccessor(BufferedImage image, int width, int height) {
        return FastPixel.create(ImageOps.scale(image, width, height));
    }

    static int distance(Hash a, Hash b) {
        return a.hammingDistance(b);
    }
}
