package io.imageguard.ingest.fetch;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the fetcher may connect to an address: only public unicast addresses, unless an
 * explicitly allowed block contains the address.
 *
 * <p>Refused: IPv4 0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16, 172.16/12, 192.0.0/24,
 * 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast)
 * and 240/4 (reserved, broadcast); IPv6 outside 2000::/3 (so ::, ::1, fc00::/7 ULA, fe80::/10
 * link-local, ff00::/8 multicast, 100::/64 discard, 64:ff9b:1::/48) and inside it 2001::/23
 * (Teredo, benchmarking, ORCHID), 2001:db8::/32 and 3fff::/20 (documentation). IPv6 forms that
 * embed an IPv4 address — mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code
 * 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::} — are judged by the IPv4 address they lead
 * to.
 *
 * <p>Thread-safe and immutable.
 */
public final class AddressPolicy {

    private static final List<Cidr> FORBIDDEN_V4 =
            cidrs(
                    "0.0.0.0/8",
                    "10.0.0.0/8",
                    "100.64.0.0/10",
                    "127.0.0.0/8",
                    "169.254.0.0/16",
                    "172.16.0.0/12",
                    "192.0.0.0/24",
                    "192.0.2.0/24",
                    "192.88.99.0/24",
                    "192.168.0.0/16",
                    "198.18.0.0/15",
                    "198.51.100.0/24",
                    "203.0.113.0/24",
                    "224.0.0.0/4",
                    "240.0.0.0/4");

    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");
    private static final List<Cidr> FORBIDDEN_V6 = cidrs("2001::/23", "2001:db8::/32", "3fff::/20");
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    // :: and ::1 lie inside ::/96 but are themselves unspecified and loopback.
    private static final Cidr UNSPECIFIED_OR_LOOPBACK_V6 = Cidr.parse("::/127");

    private final List<Cidr> allowed;

    /**
     * @param allowed blocks that are allowed even though the rules above refuse them
     */
    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Why the address is refused, or empty if a connection to it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Cidr cidr : allowed) {
            if (cidr.contains(bytes)) {
                return Optional.empty();
            }
        }
        return refusal(bytes, address.getHostAddress());
    }

    private Optional<String> refusal(byte[] bytes, String shown) {
        if (bytes.length == 4) {
            for (Cidr cidr : FORBIDDEN_V4) {
                if (cidr.contains(bytes)) {
                    return Optional.of(shown + " is in " + cidr);
                }
            }
            return Optional.empty();
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            // The allow-list applies to the IPv4 address the connection really reaches.
            for (Cidr cidr : allowed) {
                if (cidr.contains(embedded)) {
                    return Optional.empty();
                }
            }
            return refusal(embedded, shown + " (embedding " + ipv4Text(embedded) + ")");
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of(shown + " is not global unicast (outside 2000::/3)");
        }
        for (Cidr cidr : FORBIDDEN_V6) {
            if (cidr.contains(bytes)) {
                return Optional.of(shown + " is in " + cidr);
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address stands for, or null. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (MAPPED.contains(v6) || NAT64.contains(v6)) {
            return slice(v6, 12);
        }
        if (COMPATIBLE.contains(v6) && !UNSPECIFIED_OR_LOOPBACK_V6.contains(v6)) {
            return slice(v6, 12);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return slice(v6, 2);
        }
        return null;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
    }

    private static String ipv4Text(byte[] v4) {
        return (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "." + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF);
    }

    private static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
