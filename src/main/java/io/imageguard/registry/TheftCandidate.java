package io.imageguard.registry;

/**
 * A photo found to copy an earlier photo of another seller (T2), before licences and protection
 * modes (T3, T5) are applied by the owner's {@link TheftFlagProcessFunction}.
 */
public record TheftCandidate(
        ListingPhoto suspect, ListingPhoto owner, int distance, int threshold) {}
