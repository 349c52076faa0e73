package io.imageguard.registry;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Sends a photo to every registry shard; the shard of its hash also stores it. */
public final class RegistryProbesFunction implements FlatMapFunction<ListingPhoto, RegistryProbe> {
    private final int shards;

    public RegistryProbesFunction(int shards) {
        this.shards = shards;
    }

    @Override
    public void flatMap(ListingPhoto photo, Collector<RegistryProbe> out) {
        int home = RegistryHash.homeShard(RegistryHash.parse(photo.hash()).homeBits(), shards);
        for (int shard = 0; shard < shards; shard++) {
            out.collect(new RegistryProbe(photo, shard, shard == home));
        }
    }
}
