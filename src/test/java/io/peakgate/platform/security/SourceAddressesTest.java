package io.peakgate.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Allow-lists of single addresses and CIDR ranges, IPv4 and IPv6, and the rule for an empty list. */
class SourceAddressesTest {

    private final SourceAddresses prod = new SourceAddresses(true);
    private final SourceAddresses dev = new SourceAddresses(false);

    private static Optional<List<String>> list(String... entries) {
        return Optional.of(List.of(entries));
    }

    @Test
    void cidrRangesAndSingleAddressesBothWork() {
        Optional<List<String>> allowed = list("10.20.0.0/16", "192.168.1.7", "2001:db8:abcd::/48", "::1");
        assertThat(prod.allows(allowed, "10.20.255.1")).isTrue();
        assertThat(prod.allows(allowed, "10.21.0.1")).isFalse();
        assertThat(prod.allows(allowed, "192.168.1.7")).isTrue();
        assertThat(prod.allows(allowed, "192.168.1.8")).isFalse();
        assertThat(prod.allows(allowed, "2001:db8:abcd:12::5")).isTrue();
        assertThat(prod.allows(allowed, "2001:db8:abce::5")).isFalse();
        assertThat(prod.allows(allowed, "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(prod.allows(allowed, "::ffff:10.20.3.4")).as("IPv4-mapped").isTrue();
        assertThat(prod.allows(allowed, "not-an-address")).isFalse();
        assertThat(prod.allows(allowed, null)).isFalse();
    }

    @Test
    void prefixesThatDoNotEndOnAByteBoundary() {
        Optional<List<String>> allowed = list("203.0.113.64/26", "2001:db8::/31");
        assertThat(prod.allows(allowed, "203.0.113.64")).isTrue();
        assertThat(prod.allows(allowed, "203.0.113.127")).isTrue();
        assertThat(prod.allows(allowed, "203.0.113.128")).isFalse();
        assertThat(prod.allows(allowed, "203.0.113.63")).isFalse();
        assertThat(prod.allows(allowed, "2001:db9:ffff::1")).isTrue();
        assertThat(prod.allows(allowed, "2001:dba::1")).isFalse();
        assertThat(prod.allows(list("0.0.0.0/0"), "198.51.100.1")).isTrue();
        assertThat(prod.allows(list("0.0.0.0/0"), "::2")).as("an IPv4 range never takes IPv6").isFalse();
    }

    @Test
    void anEmptyListRefusesEveryAddressInProdOnly() {
        assertThat(prod.allows(Optional.empty(), "127.0.0.1")).isFalse();
        assertThat(prod.allows(list(), "127.0.0.1")).isFalse();
        assertThat(prod.allows(list(" "), "127.0.0.1")).isFalse();
        assertThat(dev.allows(Optional.empty(), "127.0.0.1")).isTrue();
        assertThat(dev.allows(list("10.0.0.0/8"), "127.0.0.1")).as("a configured list binds everywhere").isFalse();
    }

    @Test
    void entriesThatAreNotAddressesAreRefusedAtStartUp() {
        for (String bad : List.of("example.org", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "10.0.0")) {
            assertThatThrownBy(() -> prod.validate("agent x", list(bad))).as(bad).isInstanceOf(IllegalStateException.class);
        }
    }
}
