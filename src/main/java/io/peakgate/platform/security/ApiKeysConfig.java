package io.peakgate.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How long API key look-ups are kept ({@link ApiKeyCache}) and how the cache hears of changed keys. */
@ConfigMapping(prefix = "peakgate.api-keys")
public interface ApiKeysConfig {

    /**
     * How long a key's look-up is kept at most (never past the key's own expiry). A revocation or rotation
     * evicts it on every instance at once (PostgreSQL NOTIFY), so this only bounds memory and staleness of
     * anything else.
     */
    @WithName("cache-ttl")
    @WithDefault("PT30S")
    Duration cacheTtl();

    /** How many keys are kept at most (the cache is emptied when full). */
    @WithName("cache-max")
    @WithDefault("10000")
    int cacheMax();

    /** After the listening connection is lost (or could not be made), how long until it is tried again. */
    @WithName("relisten-every")
    @WithDefault("PT1S")
    Duration relistenEvery();
}
