package io.peakgate.payments.provider;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One provider's credentials (merchant keys, a terminal, a wallet, a purse) of each supplier that has
 * them, read from that provider's own configuration by supplier code. Suppliers are visited in the
 * order of the supplier configuration.
 *
 * @param <C> the provider's credentials of one supplier
 */
public final class Credentials<C> {

    private final Suppliers suppliers;
    private final Map<String, ?> configured;
    private final Function<String, Optional<C>> bySupplier;

    private Credentials(Suppliers suppliers, Map<String, ?> configured, Function<String, Optional<C>> bySupplier) {
        this.suppliers = suppliers;
        this.configured = configured;
        this.bySupplier = bySupplier;
    }

    /**
     * A provider's credentials: {@code configured} is its configuration by supplier code
     * ({@code peakgate.suppliers.<code>...}), {@code kind} picks its credentials out of one supplier's.
     */
    public static <S, C> Credentials<C> of(Suppliers suppliers, Map<String, S> configured, Function<S, Optional<C>> kind) {
        return new Credentials<>(suppliers, configured, code -> {
            S supplier = configured.get(code);
            return supplier == null ? Optional.empty() : kind.apply(supplier);
        });
    }

    /** The credentials of the supplier with this code. */
    public Optional<C> of(String supplier) {
        return supplier == null ? Optional.empty() : bySupplier.apply(supplier);
    }

    /** The credentials of a configured supplier (one of {@link Suppliers#all()}, as the gateway hands it to a provider). */
    public Optional<C> of(SuppliersConfig.Supplier supplier) {
        for (Map.Entry<String, SuppliersConfig.Supplier> s : suppliers.all().entrySet()) {
            if (s.getValue() == supplier) {
                return of(s.getKey());
            }
        }
        return Optional.empty();
    }

    /** Every supplier's credentials (supplier code and credentials). */
    public List<Map.Entry<String, C>> all() {
        List<Map.Entry<String, C>> all = new ArrayList<>();
        suppliers.all().keySet().forEach(code -> of(code).ifPresent(c -> all.add(Map.entry(code, c))));
        return all;
    }

    /** The supplier code and credentials whose {@code id} (public key, terminal, purse) equals {@code wanted}. */
    public Optional<Map.Entry<String, C>> find(Function<C, String> id, String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        for (String code : suppliers.all().keySet()) {
            Optional<C> creds = of(code);
            if (creds.isPresent() && wanted.equals(id.apply(creds.get()))) {
                return Optional.of(Map.entry(code, creds.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses to start with credentials configured under a code that is no supplier's (a misspelt code
     * would otherwise leave them unused without a word).
     */
    public void requireKnownSuppliers(String provider) {
        for (String code : configured.keySet()) {
            if (of(code).isPresent() && !suppliers.all().containsKey(code)) {
                throw new IllegalStateException("peakgate.suppliers." + code + ".payments." + provider
                        + " is configured, but there is no supplier '" + code + "'");
            }
        }
    }
}
