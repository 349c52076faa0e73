package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Photo files hashed as the job hashes photos ({@link PhotoHasher}), and the matcher in force. */
final class PhotoFiles {
    private final PhotoHasher hasher;
    private final PhotoMatcher matcher;

    PhotoFiles(ImageguardConfig cfg) {
        this.hasher =
                new PhotoHasher(
                        cfg.images().fetch().maxPixels(),
                        cfg.images().lowInformationContrast(),
                        cfg.matching().hashInputSide());
        this.matcher = cfg.matching().matcher();
    }

    PhotoMatcher matcher() {
        return matcher;
    }

    PhotoHash hash(Path file) throws IOException, ImageDecodeException {
        return hasher.views(Files.readAllBytes(file));
    }
}
