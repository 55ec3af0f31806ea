package io.peakgate.payments.provider;

import io.peakgate.accounts.SuppliersConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds which supplier a provider's identifier (public key, terminal, purse) belongs to. */
public final class Credentials {

    private Credentials() {
    }

    /** Every supplier's credentials of one kind (supplier code and credentials), in configuration order. */
    public static <C> List<Map.Entry<String, C>> all(Map<String, SuppliersConfig.Supplier> suppliers,
                                                     Function<SuppliersConfig.Payments, Optional<C>> kind) {
        List<Map.Entry<String, C>> all = new ArrayList<>();
        suppliers.forEach((code, supplier) -> kind.apply(supplier.payments()).ifPresent(c -> all.add(Map.entry(code, c))));
        return all;
    }

    /** The supplier code and its credentials of one kind whose {@code id} equals {@code wanted}. */
    public static <C> Optional<Map.Entry<String, C>> find(Map<String, SuppliersConfig.Supplier> suppliers,
                                                         Function<SuppliersConfig.Payments, Optional<C>> kind,
                                                         Function<C, String> id, String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, SuppliersConfig.Supplier> s : suppliers.entrySet()) {
            Optional<C> creds = kind.apply(s.getValue().payments());
            if (creds.isPresent() && wanted.equals(id.apply(creds.get()))) {
                return Optional.of(Map.entry(s.getKey(), creds.get()));
            }
        }
        return Optional.empty();
    }
}
