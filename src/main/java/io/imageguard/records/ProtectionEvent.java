package io.imageguard.records;

import java.time.Instant;

/**
 * A record of the {@code protection} topic: {@code sellerId} and {@code mode} for
 * PROTECTION_ENROLLED, {@code ownerSellerId} and {@code licenseeSellerId} for licences.
 */
public record ProtectionEvent(
        ProtectionEventType type,
        String eventId,
        Instant eventTime,
        String sellerId,
        ProtectionMode mode,
        String ownerSellerId,
        String licenseeSellerId) {}
