package io.peakgate.payments;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment as stored: the state the lifecycle moves, never any card data beyond brand and masked digits. */
public record Payment(UUID id, long number, String supplier, long accountId, String account, String clientId,
                      String subscriber, String paymentType, long amount, String currency, String method,
                      String provider, String wallet, String cardBrand, String cardFirst6, String cardLast4,
                      PaymentStatus status, String actionUrl, String providerRef, String failureCode,
                      long refundedAmount, long refundPending, boolean needsReview, boolean saveCard,
                      String returnUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** What is left to refund once pending refunds settle. */
    public long refundable() {
        return status.captured() ? amount - refundedAmount - refundPending : 0;
    }

    public Payment withStatus(PaymentStatus next, String actionUrl, String providerRef, String failureCode,
                              OffsetDateTime at) {
        return new Payment(id, number, supplier, accountId, account, clientId, subscriber, paymentType, amount,
                currency, method, provider, wallet, cardBrand, cardFirst6, cardLast4, next,
                actionUrl == null ? this.actionUrl : actionUrl, providerRef == null ? this.providerRef : providerRef,
                failureCode == null ? this.failureCode : failureCode, refundedAmount, refundPending, needsReview,
                saveCard, returnUrl, createdAt, at);
    }
}
