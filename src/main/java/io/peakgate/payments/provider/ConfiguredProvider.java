package io.peakgate.payments.provider;

import io.peakgate.accounts.SuppliersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * A provider that serves exactly the suppliers configured with its credentials (merchant keys, a
 * terminal, a wallet, a purse), and refuses to start with credentials of a supplier that does not exist.
 *
 * @param <C> the credentials' type in the provider's own config
 */
public abstract class ConfiguredProvider<C> implements PaymentProvider {

    /** The provider's credentials, by supplier. */
    protected abstract Credentials<C> credentials();

    @Override
    public boolean serves(SuppliersConfig.Supplier supplier) {
        return credentials().of(supplier).isPresent();
    }

    /** Refuses to start with credentials of no supplier (a misspelt supplier code). */
    protected void checkCredentials(@Observes StartupEvent start) {
        credentials().requireKnownSuppliers(name());
    }
}
