package io.imageguard.registry;

/**
 * One photo sent to one registry shard: every shard is searched for its near-duplicates, and the
 * shard its hash belongs to ({@code home}) also stores it.
 */
public record RegistryProbe(ListingPhoto photo, int shard, boolean home) {}
