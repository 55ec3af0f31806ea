package io.peakgate.payments.provider.tbank;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.SecretConverter;
import io.peakgate.platform.security.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithName;

import java.util.Map;
import java.util.Optional;

/**
 * T-Bank's settings: the gateway's ({@code peakgate.providers.tbank.*}) and each supplier's terminal
 * ({@code peakgate.suppliers.<code>.payments.tbank.*}, for a supplier that takes T-Bank).
 */
@ConfigMapping(prefix = "peakgate")
public interface TBankConfig {

    Providers providers();

    /** By supplier code. */
    Map<String, Supplier> suppliers();

    /** Each supplier's terminal, by the suppliers {@code configured}. */
    default Credentials<Terminal> terminals(Suppliers configured) {
        return Credentials.of(configured, suppliers(), s -> s.payments().tbank());
    }

    interface Providers {
        Gateway tbank();
    }

    interface Gateway {
        /** Internet Acquiring API base (Init, GetState). */
        @WithName("base-url")
        String baseUrl();
    }

    interface Supplier {
        Payments payments();
    }

    interface Payments {
        /** T-Bank Internet Acquiring terminal, if any. */
        Optional<Terminal> tbank();
    }

    interface Terminal {
        @WithName("terminal-key")
        String terminalKey();

        @WithConverter(SecretConverter.class)
        Secret password();
    }
}
