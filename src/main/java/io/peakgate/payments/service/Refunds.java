package io.peakgate.payments.service;

import io.peakgate.payments.RefundStatus;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.rest.RefundRequest;
import io.peakgate.payments.rest.RefundView;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.time.Clocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A refund the caller asks for, phase by phase: validate and reserve the amount with the idempotency
 * claim (one transaction), ask the provider with no transaction open, then settle the refund and move
 * the payment (one transaction, with the idempotency record).
 */
@ApplicationScoped
public class Refunds {

    @Inject
    Transitions transitions;

    @Inject
    PaymentRepository payments;

    @Inject
    ProviderRegistry providers;

    @Inject
    Clock clock;

    public Uni<RefundView> refund(Caller caller, UUID paymentId, RefundRequest request, IdempotencyGuard guard) {
        UUID refundId = NewPayment.id();
        long amount = request.amount().value();
        OffsetDateTime now = Clocks.now(clock);
        return transitions.inTransaction(tx -> guard.claim(tx.conn())
                        .chain(() -> payments.lock(tx.conn(), paymentId))
                        .chain(found -> {
                            Payment p = PaymentRules.visible(caller, found, paymentId);
                            validate(p, request, amount);
                            return payments.reserveRefund(tx.conn(), paymentId, refundId, amount, now).replaceWith(p);
                        }))
                .chain(p -> ProviderCalls.refund(providers.provider(p.provider()), p, refundId, amount))
                .chain(outcome -> transitions.inTransaction(tx -> {
                    boolean ok = outcome.status() != PaymentStatus.FAILED;
                    return payments.settleRefund(tx.conn(), paymentId, refundId, amount, ok, outcome.providerRef(),
                                    outcome.failureCode(), now)
                            .chain(() -> payments.lock(tx.conn(), paymentId))
                            .chain(p -> ok ? transitions.move(tx, p, new ProviderOutcome(refundedState(p), null, null,
                                    null), "refund " + refundId) : Uni.createFrom().item(p))
                            .chain(p -> {
                                RefundView view = new RefundView(refundId, paymentId, new Money(amount, p.currency()),
                                        (ok ? RefundStatus.SUCCEEDED : RefundStatus.FAILED).wire(), outcome.failureCode(), p.status(),
                                        new Money(p.refundedAmount(), p.currency()), now);
                                return guard.record(tx.conn(), 201, view).replaceWith(view);
                            });
                }));
    }

    private void validate(Payment p, RefundRequest request, long amount) {
        PaymentProvider provider = providers.provider(p.provider());
        if (!request.amount().currency().equals(p.currency())) {
            throw new ProblemException(ErrorCode.PAYMENT_CURRENCY_MISMATCH, "The payment is in "
                    + p.currency() + "; refund in the same currency");
        }
        if (!p.status().captured() || p.status() == PaymentStatus.REFUNDED) {
            throw new ProblemException(ErrorCode.REFUND_NOT_ALLOWED, "A " + p.status().wire()
                    + " payment cannot be refunded");
        }
        if (!provider.refunds()) {
            throw new ProblemException(ErrorCode.REFUND_NOT_SUPPORTED, "Refunds of " + p.provider()
                    + " payments are made in the provider's own console");
        }
        if (amount > p.refundable()) {
            throw new ProblemException(ErrorCode.REFUND_EXCEEDS_CAPTURED, "At most "
                    + p.refundable() + " can be refunded of this payment",
                    List.of(new FieldError("amount.value", "must be at most " + p.refundable())))
                    .with("refundable", new Money(p.refundable(), p.currency()));
        }
    }

    private static PaymentStatus refundedState(Payment p) {
        return p.refundedAmount() >= p.amount() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }
}
