package io.peakgate.payments.provider.tbank;

import io.peakgate.payments.PaymentStatus;

/** T-Bank payment statuses in the gateway's lifecycle. */
final class TBankStatus {

    private TBankStatus() {
    }

    static PaymentStatus of(String status) {
        return switch (status) {
            case "CONFIRMED" -> PaymentStatus.SUCCEEDED;
            case "REJECTED", "AUTH_FAIL", "DEADLINE_EXPIRED", "ATTEMPTS_EXPIRED" -> PaymentStatus.FAILED;
            case "CANCELED", "REVERSED" -> PaymentStatus.CANCELED;
            case "REFUNDED" -> PaymentStatus.REFUNDED;
            case "PARTIAL_REFUNDED" -> PaymentStatus.PARTIALLY_REFUNDED;
            case "NEW", "FORM_SHOWED" -> PaymentStatus.REQUIRES_ACTION;
            default -> PaymentStatus.PROCESSING;
        };
    }
}
