package io.peakgate.platform.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties (jqwik) of the one secret comparison every signature, HMAC, agent password and
 * verification proof goes through: it agrees with plain equality for any pair of values, and a
 * missing value never matches. Timing is MessageDigest.isEqual's, which does not stop at the first
 * difference.
 */
class SignaturesTest {

    @Property(tries = 500)
    void sameIsEquality(@ForAll("secrets") String expected, @ForAll("secrets") String received) {
        assertThat(Signatures.same(expected, received)).isEqualTo(expected.equals(received));
        assertThat(Secret.of(expected).matches(received)).isEqualTo(expected.equals(received));
    }

    @Property(tries = 300)
    void aValueMatchesItselfAndNotAnyOneCharacterChange(@ForAll("secrets") String secret, @ForAll char other) {
        assertThat(Signatures.same(secret, new String(secret))).isTrue();
        if (!secret.isEmpty() && secret.charAt(secret.length() - 1) != other) {
            String changed = secret.substring(0, secret.length() - 1) + other;
            assertThat(Signatures.same(secret, changed)).isFalse();
            assertThat(Secret.of(secret).matches(changed)).isFalse();
        }
    }

    @Property(tries = 100)
    void aMissingValueNeverMatches(@ForAll("secrets") String expected) {
        assertThat(Signatures.same(expected, null)).isFalse();
        assertThat(Secret.of(expected).matches(null)).isFalse();
    }

    /** Hex signatures, "sha256=" prefixed ones, and arbitrary text including non-ASCII. */
    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(64),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256=" + h),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("demo-sms-secret", "demo-agent:demo-agent-secret", ""));
    }
}
