package io.peakgate.billing;

/** Kafka topics billing consumes from the gateway (SPEC section 5). */
public final class Topics {

    public static final String READINGS = "billing.readings.v1";
    public static final String PAYMENTS = "billing.payments.v1";
    public static final String PROMISES = "billing.promises.v1";
    /** Billing's issued bills, which autopay charges. */
    public static final String BILLS = "billing.bills.v1";

    private Topics() {
    }

    /** One account's events share a key, so they stay in order on one partition. */
    public static String key(String supplier, String account) {
        return supplier + ":" + account;
    }
}
