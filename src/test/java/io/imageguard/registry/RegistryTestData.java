package io.imageguard.registry;

import io.imageguard.match.HashTexts;
import io.imageguard.records.ImageRole;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.ProtectionEventType;
import io.imageguard.records.ProtectionMode;
import java.time.Instant;

/** Photos and protection events of the registry tests, at named instants. */
final class RegistryTestData {
    static final Instant MAR_01 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant MAR_02 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant MAR_03 = Instant.parse("2026-03-03T10:00:00Z");
    static final Instant MAR_04 = Instant.parse("2026-03-04T10:00:00Z");
    static final String DRESS = "phash64:8f3c00ff00ff1234";

    /** {@code hash} with its lowest {@code bits} bits flipped: that many bits away. */
    static String flipped(String hash, int bits) {
        long value =
                Long.parseUnsignedLong(hash.substring("phash64:".length()), 16)
                        ^ ((1L << bits) - 1);
        return String.format("phash64:%016x", value);
    }

    /** {@link HashTexts#views}. */
    static String viewsText(Object... viewSmallLarge) {
        return HashTexts.views(viewSmallLarge);
    }

    private RegistryTestData() {}

    static ListingPhoto photo(
            String eventId, Instant t, String seller, String listing, String hash) {
        return new ListingPhoto(
                eventId, t, seller, listing, listing + "/1", ImageRole.MAIN, null, hash, null);
    }

    static ProtectionEvent enrolled(String eventId, Instant t, String seller, ProtectionMode mode) {
        return new ProtectionEvent(
                ProtectionEventType.PROTECTION_ENROLLED, eventId, t, seller, mode, null, null);
    }

    static ProtectionEvent license(
            ProtectionEventType type, String eventId, Instant t, String owner, String licensee) {
        return new ProtectionEvent(type, eventId, t, null, null, owner, licensee);
    }
}
