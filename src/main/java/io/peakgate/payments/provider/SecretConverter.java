package io.peakgate.payments.provider;

import io.peakgate.platform.security.Secret;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a provider secret from configuration into a {@link Secret}, so it never prints. An empty value
 * is no value, as for a plain string: a required secret left empty fails the start.
 */
public final class SecretConverter implements Converter<Secret> {

    @Override
    public Secret convert(String value) {
        return value == null || value.isEmpty() ? null : Secret.of(value);
    }
}
