package io.imageguard.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster of the integration tests: one task manager, parallelism 2. */
public final class MiniClusters {
    public static final int PARALLELISM = 2;

    private MiniClusters() {}

    public static MiniClusterExtension parallelismTwo() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(PARALLELISM)
                        .build());
    }
}
