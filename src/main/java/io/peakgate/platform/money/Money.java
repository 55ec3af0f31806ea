package io.peakgate.platform.money;

import java.math.BigDecimal;

/** An amount in integer minor units (kopecks) of an ISO 4217 currency. Never floating point. */
public record Money(long value, String currency) {

    /** "425.00" (a provider's decimal major units) to 42500; more than two decimals is an error. */
    public static long minorUnits(String decimal) {
        return new BigDecimal(decimal.trim()).movePointRight(2).longValueExact();
    }

    /** 42500 to "425.00", as providers' forms want it. */
    public static String decimal(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
