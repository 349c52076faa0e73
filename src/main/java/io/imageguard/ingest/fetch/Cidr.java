package io.imageguard.ingest.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address block such as {@code 127.0.0.1/32} or {@code fc00::/7}. */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix}. The address must be a numeric literal (never looked up); bits
     * beyond the prefix must be zero, so a typo like {@code 10.0.0.1/8} is caught.
     *
     * @throws IllegalArgumentException if the text is not such a block
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("CIDR needs a /prefix: " + text);
        }
        String address = text.substring(0, slash).trim();
        byte[] bytes = IpLiterals.parse(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not a numeric IP address: " + text);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text, e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("host bits set beyond the prefix: " + text);
            }
        }
        return new Cidr(bytes, prefix, text.trim());
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other
                && prefixLength == other.prefixLength
                && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Numeric IP literals, parsed without any name lookup. */
    static final class IpLiterals {
        private IpLiterals() {}

        /**
         * The address bytes of a strict dotted-quad IPv4 literal or an IPv6 literal (brackets
         * allowed), or null if the text is neither.
         */
        static byte[] parse(String text) {
            String t = text;
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.indexOf(':') >= 0) {
                // Only hex digits, colons, dots and a zone id can appear: no lookup possible.
                if (!t.matches("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?")) {
                    return null;
                }
                try {
                    byte[] bytes = InetAddress.getByName(t).getAddress();
                    // The JDK turns ::ffff:a.b.c.d into IPv4; keep the IPv6 form that was written.
                    return bytes.length == 16 ? bytes : mapped(bytes);
                } catch (UnknownHostException e) {
                    return null;
                }
            }
            return dottedQuad(t);
        }

        private static byte[] mapped(byte[] ipv4) {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xFF;
            v6[11] = (byte) 0xFF;
            System.arraycopy(ipv4, 0, v6, 12, 4);
            return v6;
        }

        /** Four decimal parts 0..255 without leading zeros, or null. */
        static byte[] dottedQuad(String t) {
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty()
                        || p.length() > 3
                        || !p.chars().allMatch(Character::isDigit)
                        || (p.length() > 1 && p.charAt(0) == '0')) {
                    return null;
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    return null;
                }
                bytes[i] = (byte) v;
            }
            return bytes;
        }

        /**
         * Whether a host looks numeric but is not a strict literal ({@code 127.1}, {@code
         * 2130706433}, {@code 0x7f.0.0.1}, {@code 010.0.0.1}): resolvers disagree on those, so they
         * are refused rather than guessed.
         */
        static boolean isAmbiguousNumeric(String host) {
            if (host.indexOf(':') >= 0 || dottedQuad(host) != null) {
                return false;
            }
            String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            String lastLabel = h.substring(h.lastIndexOf('.') + 1);
            return !lastLabel.isEmpty()
                    && (lastLabel.chars().allMatch(Character::isDigit)
                            || lastLabel.toLowerCase(java.util.Locale.ROOT).matches("0x[0-9a-f]*"));
        }
    }
}
