package io.imageguard.registry;

/**
 * A photo found to copy an earlier photo of another seller (T2), before licences and protection
 * modes (T3, T5) are applied by the owner's {@link TheftFlagProcessFunction}.
 *
 * @param correction a late photo changed who owns the image (T4): this candidate names the true
 *     owner in place of an earlier answer
 */
public record TheftCandidate(
        ListingPhoto suspect,
        ListingPhoto owner,
        int distance,
        int threshold,
        boolean correction) {}
