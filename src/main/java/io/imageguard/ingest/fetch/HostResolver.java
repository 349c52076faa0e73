package io.imageguard.ingest.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for {@link SafeImageFetcher}, replaceable so tests can map test host names to
 * loopback addresses. Never called for numeric IP literals. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

    /** The operating system's resolver (with the JVM's DNS cache). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * All addresses of {@code host}; every one is checked before any is connected to.
     *
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
