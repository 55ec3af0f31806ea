package io.peakgate.payments.provider.liqpay;

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

/**
 * LiqPay's settings: the gateway's ({@code peakgate.providers.liqpay.*}) and each supplier's merchant
 * keys ({@code peakgate.suppliers.<code>.payments.liqpay.*}, for a supplier that takes LiqPay).
 */
@ConfigMapping(prefix = "peakgate")
public interface LiqPayConfig {

    Providers providers();

    /** By supplier code. */
    Map<String, Supplier> suppliers();

    /** Each supplier's merchant keys, by the suppliers {@code configured}. */
    default Credentials<Merchant> merchants(Suppliers configured) {
        return Credentials.of(configured, suppliers(), s -> s.payments().liqpay());
    }

    interface Providers {
        Gateway liqpay();
    }

    interface Gateway {
        /** LiqPay's server API (repeat payments with a card token: {@code paytoken}). */
        @WithName("api-url")
        @WithDefault("https://www.liqpay.ua/api/request")
        String apiUrl();
    }

    interface Supplier {
        Payments payments();
    }

    interface Payments {
        /** LiqPay merchant keys, if the supplier takes LiqPay. */
        Optional<Merchant> liqpay();
    }

    interface Merchant {
        @WithName("public-key")
        String publicKey();

        @WithName("private-key")
        @WithConverter(SecretConverter.class)
        Secret privateKey();
    }
}
