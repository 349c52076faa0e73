package io.imageguard.devset;

import dev.brachtendorf.graphics.FastPixel;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * JImageHash's {@code PerceptiveHash(64)} with its pixel accessor rebuilt without {@code
 * ImageUtil}: that class cannot be loaded without JavaFX (which the build excludes), and the
 * library's own accessor goes through it. The rescale is the same nearest-neighbour {@code
 * drawImage} the library does, so the hash bits are the library's.
 */
final class PHashBaseline extends PerceptiveHash {
    PHashBaseline() {
        super(64);
    }

    @Override
    protected FastPixel createPixelAccessor(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return FastPixel.create(scaled);
    }
}
