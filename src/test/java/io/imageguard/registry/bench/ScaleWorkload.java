package io.imageguard.registry.bench;

import io.imageguard.records.ImageRole;
import io.imageguard.registry.ListingPhoto;
import java.io.Serializable;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The registry and the lookups of {@link RegistryScaleBenchmark}, each photo a pure function of its
 * number (so the bootstrap job, the lookup job and the brute force draw the same photos without
 * holding them). Registered photo {@code i} is published at {@code T0 + i} seconds by seller {@code
 * S-i}: 2% are exact copies of an earlier registered photo, 3% near copies (1–12 bits, a tenth
 * mirrored), a share (the seeds' relative fraction) another shot of an earlier photo's subject, the
 * rest new. Lookup {@code k} comes after all of them, by seller {@code Q-k}: even ones are copies
 * of a registered photo at {@code (k/2) mod (radius+3)} bits (0..radius+2, a tenth mirrored), odd
 * ones new photos (relatives of a registered photo at the same share).
 */
final class ScaleWorkload implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final long REGISTRY_SALT = 0x2545F4914F6CDD1DL;
    private static final long LOOKUP_SALT = 0x9E3779B97F4A7C15L;

    enum Kind {
        NEW,
        RELATIVE,
        EXACT_COPY,
        NEAR_COPY
    }

    private final MultiViewHashModel model;
    private final long n;
    private final int radius;

    ScaleWorkload(MultiViewHashModel model, long n, int radius) {
        this.model = model;
        this.n = n;
        this.radius = radius;
    }

    long size() {
        return n;
    }

    private static SplittableRandom random(long salt, long i) {
        return new SplittableRandom(salt ^ (i * 0xBF58476D1CE4E5B9L));
    }

    Kind kind(long i) {
        SplittableRandom rnd = random(REGISTRY_SALT, i);
        double u = rnd.nextDouble();
        if (i == 0) {
            return Kind.NEW;
        }
        if (u < 0.02) {
            return Kind.EXACT_COPY;
        }
        if (u < 0.05) {
            return Kind.NEAR_COPY;
        }
        return model.drawRelative(rnd) ? Kind.RELATIVE : Kind.NEW;
    }

    MultiViewHashModel.Photo registered(long i) {
        SplittableRandom rnd = random(REGISTRY_SALT, i);
        double u = rnd.nextDouble();
        if (i == 0) {
            return model.fresh(rnd);
        }
        if (u < 0.02) {
            return registered(rnd.nextLong(i)).copy(0, false, rnd);
        }
        if (u < 0.05) {
            long j = rnd.nextLong(i);
            return registered(j).copy(1 + rnd.nextInt(12), rnd.nextInt(10) == 0, rnd);
        }
        if (model.drawRelative(rnd)) {
            return model.relative(registered(rnd.nextLong(i)), rnd);
        }
        return model.fresh(rnd);
    }

    ListingPhoto registeredPhoto(long i) {
        return photo("r" + i, T0.plusSeconds(i), "S-" + i, "L-" + i, registered(i).text());
    }

    /** The registered photo lookup {@code k} copies, or −1 for a new photo. */
    long copied(int k) {
        return k % 2 == 0 ? random(LOOKUP_SALT, k).nextLong(n) : -1;
    }

    int copyDistance(int k) {
        return (k / 2) % (radius + 3);
    }

    MultiViewHashModel.Photo lookup(int k) {
        SplittableRandom rnd = random(LOOKUP_SALT, k);
        if (k % 2 == 0) {
            long j = rnd.nextLong(n);
            return registered(j).copy(copyDistance(k), rnd.nextInt(10) == 0, rnd);
        }
        if (model.drawRelative(rnd)) {
            return model.relative(registered(rnd.nextLong(n)), rnd);
        }
        return model.fresh(rnd);
    }

    ListingPhoto lookupPhoto(int k) {
        return photo("q" + k, T0.plusSeconds(n + 1 + k), "Q-" + k, "Q-" + k, lookup(k).text());
    }

    private static ListingPhoto photo(
            String eventId, Instant t, String seller, String listing, String hash) {
        return new ListingPhoto(
                eventId, t, seller, listing, listing + "/1", ImageRole.MAIN, null, hash, null);
    }
}
