package io.peakgate.platform.security;

import org.apache.commons.validator.routines.InetAddressValidator;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One entry of an address allow-list: a single IPv4 or IPv6 address, or a CIDR range
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Only literals are taken, so parsing never looks a
 * name up in DNS. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is its IPv4 address.
 */
public record AddressRange(byte[] network, int prefix) {

    private static final InetAddressValidator LITERALS = InetAddressValidator.getInstance();

    /** Parses {@code address} or {@code address/prefix}; throws IllegalArgumentException otherwise. */
    public static AddressRange parse(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix out of range in '" + entry + "'");
            }
        }
        return new AddressRange(bytes, prefix);
    }

    /** Whether {@code address} (a literal, as the server reports a peer) falls in this range. */
    public boolean contains(String address) {
        byte[] candidate = address == null ? null : literal(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    /** The address's bytes (4 for IPv4, 16 for IPv6), or null when it is not an IP literal. */
    private static byte[] literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        String unzoned = zone < 0 ? bare : bare.substring(0, zone);
        if (!LITERALS.isValid(unzoned)) {
            return null;
        }
        try {
            return InetAddress.getByName(unzoned).getAddress(); // a validated literal: no look-up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
