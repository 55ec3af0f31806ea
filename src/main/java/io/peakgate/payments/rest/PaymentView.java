package io.peakgate.payments.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment as callers see it: never more of the card than brand, first six and last four. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(UUID id, long number, String supplier, String account, Money amount, PaymentStatus status,
                          String paymentType, String subscriber, Method method, Card card, String provider,
                          Action action, String providerReference, Money refunded, String failureCode,
                          boolean needsReview, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "PaymentMethod")
    public record Method(String type, String wallet) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "CardSummary")
    public record Card(String brand, String first6, String last4) {
    }

    /** What the payer must do next: follow the redirect (3-D Secure challenge, wallet or checkout page). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "PaymentAction")
    public record Action(String type, String url) {
    }

    public static PaymentView of(Payment p) {
        return new PaymentView(p.id(), p.number(), p.supplier(), p.account(), new Money(p.amount(), p.currency()),
                p.status(), p.paymentType(), p.subscriber(), new Method(p.method(), p.wallet()),
                p.cardBrand() == null ? null : new Card(p.cardBrand(), p.cardFirst6(), p.cardLast4()), p.provider(),
                p.status() == PaymentStatus.REQUIRES_ACTION && p.actionUrl() != null
                        ? new Action("redirect", p.actionUrl()) : null,
                p.providerRef(), new Money(p.refundedAmount(), p.currency()), p.failureCode(), p.needsReview(),
                p.createdAt(), p.updatedAt());
    }
}
