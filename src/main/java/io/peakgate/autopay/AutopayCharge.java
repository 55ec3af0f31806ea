package io.peakgate.autopay;

import java.util.UUID;

/** A bill's charge, claimed for processing. */
public record AutopayCharge(String billId, long accountId, String supplier, String account, long amount,
                            String currency, String status, int attempts, UUID paymentId) {

    static final String PENDING = "pending";
    static final String CHARGING = "charging";
    static final String RETRYING = "retrying";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";
}
