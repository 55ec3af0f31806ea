package io.peakgate.payments.provider.webmoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.SecretConverter;
import io.peakgate.platform.security.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Map;
import java.util.Optional;

/** WebMoney's settings: each supplier's Merchant purse ({@code peakgate.suppliers.<code>.payments.webmoney.*}), if any. */
@ConfigMapping(prefix = "peakgate")
public interface WebMoneyConfig {

    /** By supplier code. */
    Map<String, Supplier> suppliers();

    /** Each supplier's purse, by the suppliers {@code configured}. */
    default Credentials<Purse> purses(Suppliers configured) {
        return Credentials.of(configured, suppliers(), s -> s.payments().webmoney());
    }

    interface Supplier {
        Payments payments();
    }

    interface Payments {
        /** WebMoney Merchant purse, if any. */
        Optional<Purse> webmoney();
    }

    interface Purse {
        /** The payee purse (its letter gives the currency: R/P RUB, Z USD, E EUR, U UAH). */
        String purse();

        @WithName("secret-key")
        @WithConverter(SecretConverter.class)
        Secret secretKey();

        /**
         * The {@code LMI_HASH} algorithm chosen in the purse's merchant settings: {@code SHA-256} or
         * {@code MD5}. Taken from here only, never from the hash received.
         */
        @WithName("hash-algorithm")
        @WithDefault("SHA-256")
        String hashAlgorithm();
    }
}
