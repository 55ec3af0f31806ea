package io.peakgate.platform.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable opaque tokens: a prefix and 192 random bits, URL-safe. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
