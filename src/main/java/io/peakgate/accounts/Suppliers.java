package io.peakgate.accounts;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Finds a configured supplier by code. */
@ApplicationScoped
public class Suppliers {

    @Inject
    SuppliersConfig config;

    private final Map<String, Pattern> accountFormats = new ConcurrentHashMap<>();

    public SuppliersConfig.Supplier require(String code) {
        SuppliersConfig.Supplier supplier = config.suppliers().get(code);
        if (supplier == null) {
            throw new ProblemException(ErrorCode.SUPPLIER_NOT_FOUND, "No supplier '" + code + "'");
        }
        return supplier;
    }

    /** Refuses (422 payment.currency_mismatch, naming {@code field}) an amount not in the supplier's currency. */
    public static void requireCurrency(SuppliersConfig.Supplier supplier, String currency, String field) {
        if (!supplier.currency().equals(currency)) {
            throw new ProblemException(ErrorCode.PAYMENT_CURRENCY_MISMATCH, "This supplier takes " + supplier.currency()
                    + " only", List.of(new FieldError(field, "must be " + supplier.currency())));
        }
    }

    /** The supplier's account-number format, compiled once. */
    public Pattern accountFormat(String code) {
        return accountFormats.computeIfAbsent(code, c -> Pattern.compile(require(c).accountPattern()));
    }

    public Map<String, SuppliersConfig.Supplier> all() {
        return config.suppliers();
    }
}
