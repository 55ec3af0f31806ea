package io.peakgate.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;

/**
 * What an account owes (positive) or has in credit (negative): billing's last snapshot adjusted by
 * the payments and refunds the gateway accepted after it, so a payment shows at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BalanceView(String supplier, String account, Money debt, Billing billing, Money sinceSnapshot,
                          PromisedPayment promisedPayment) {

    /** The active promised payment: credit still to be covered by payments, until it ends. */
    public record PromisedPayment(Money outstanding, OffsetDateTime expiresAt) {
    }

    /** This view as of {@code now}: a promise that has ended no longer shows. */
    public BalanceView at(OffsetDateTime now) {
        return promisedPayment == null || promisedPayment.expiresAt().isAfter(now) ? this
                : new BalanceView(supplier, account, debt, billing, sinceSnapshot, null);
    }

    /** Billing's own figure and when it was taken; absent until billing has sent a snapshot. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "BillingSnapshot")
    public record Billing(Money debt, OffsetDateTime asOf) {
    }
}
