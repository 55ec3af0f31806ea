package io.peakgate.payments.provider.sandbox;

import io.peakgate.payments.provider.SecretConverter;
import io.peakgate.platform.security.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The embedded sandbox provider's settings ({@code peakgate.providers.sandbox.*}). */
@ConfigMapping(prefix = "peakgate.providers.sandbox")
public interface SandboxConfig {

    /** The embedded sandbox provider (demo, tests, benchmarks); never in production. */
    @WithDefault("false")
    boolean enabled();

    /** Key of the sandbox's callback HMAC. */
    @WithConverter(SecretConverter.class)
    Optional<Secret> secret();

    /** How far the sandbox's callback timestamp may be from now. */
    @WithName("timestamp-tolerance")
    @WithDefault("PT5M")
    Duration timestampTolerance();
}
