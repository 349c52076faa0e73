package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.match.AreaAverage;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Photo files hashed the way the matcher was measured: decoded, reduced, all views hashed. */
final class PhotoFiles {
    private final ReducedImageDecoder decoder;
    private final PhotoMatcher matcher;
    private final int inputSide;

    PhotoFiles(ImageguardConfig cfg) {
        this.decoder = new ReducedImageDecoder(cfg.images().fetch().maxPixels());
        this.matcher =
                new PhotoMatcher(
                        cfg.matching().candidateRadius(), cfg.matching().verifyThreshold());
        this.inputSide = cfg.matching().hashInputSide();
    }

    PhotoMatcher matcher() {
        return matcher;
    }

    PhotoHash hash(Path file) throws IOException, ImageDecodeException {
        BufferedImage image = decoder.decode(Files.readAllBytes(file), inputSide);
        return matcher.hash(AreaAverage.reduce(image, inputSide));
    }
}
