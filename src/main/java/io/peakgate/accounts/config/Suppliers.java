package io.peakgate.accounts.config;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    /** The supplier's account-number format, compiled once. */
    public Pattern accountFormat(String code) {
        return accountFormats.computeIfAbsent(code, c -> Pattern.compile(require(c).accountPattern()));
    }

    public Map<String, SuppliersConfig.Supplier> all() {
        return config.suppliers();
    }
}
