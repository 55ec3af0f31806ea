package io.peakgate.payments.provider.yoomoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.SecretConverter;
import io.peakgate.platform.security.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

import java.util.Map;
import java.util.Optional;

/** YooMoney's settings: each supplier's wallet ({@code peakgate.suppliers.<code>.payments.yoomoney.*}), if any. */
@ConfigMapping(prefix = "peakgate")
public interface YooMoneyConfig {

    /** By supplier code. */
    Map<String, Supplier> suppliers();

    /** Each supplier's wallet, by the suppliers {@code configured}. */
    default Credentials<Wallet> wallets(Suppliers configured) {
        return Credentials.of(configured, suppliers(), s -> s.payments().yoomoney());
    }

    interface Supplier {
        Payments payments();
    }

    interface Payments {
        /** YooMoney wallet, if any. */
        Optional<Wallet> yoomoney();
    }

    interface Wallet {
        /** The wallet number payments go to. */
        String receiver();

        /** The notification secret set in the wallet's settings. */
        @WithConverter(SecretConverter.class)
        Secret secret();
    }
}
