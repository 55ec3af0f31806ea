package io.peakgate.payments.service;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.NotificationOutcome;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStateMachine;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.ReviewKind;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.platform.time.Clocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a verified provider notification in one transaction: load (lock) the payment, decide by
 * the state machine, record. Money the provider reports is never dropped: what cannot be applied as
 * it stands is filed for review.
 */
@ApplicationScoped
public class ApplyNotification {

    private static final Logger LOG = Logger.getLogger(ApplyNotification.class);

    @Inject
    Transitions transitions;

    @Inject
    PaymentRepository payments;

    @Inject
    Clock clock;

    @Inject
    Suppliers suppliers;

    /** Why a notification cannot be applied as it stands. */
    private record Refusal(ReviewKind kind, Map<String, Object> details) {
    }

    public Uni<NotificationOutcome> apply(Notification n) {
        return transitions.inTransaction(tx -> lock(tx, n).chain(p -> {
            if (p == null) {
                return Uni.createFrom().item(NotificationOutcome.UNKNOWN_PAYMENT);
            }
            Refusal refused = refusal(p, n);
            if (refused != null) {
                return review(tx, p, n, refused.kind(), refused.details());
            }
            if (n.status() == PaymentStatus.REFUNDED || n.status() == PaymentStatus.PARTIALLY_REFUNDED) {
                return applyRefund(tx, p, n);
            }
            ProviderOutcome outcome = new ProviderOutcome(n.status(), null, n.providerRef(), n.failureCode(), n.card());
            String reason = reason(n);
            return switch (PaymentStateMachine.decide(p.status(), n.status())) {
                case APPLY -> transitions.move(tx, p, outcome, reason).replaceWith(NotificationOutcome.APPLIED);
                case APPLY_AND_REVIEW -> transitions.move(tx, p, outcome, reason)
                        .chain(() -> review(tx, p, n, ReviewKind.LATE_SUCCESS, Map.of("paymentStatus", p.status().wire())))
                        .replaceWith(NotificationOutcome.APPLIED_FOR_REVIEW);
                // refunds took applyRefund above: what is left to review is a success after the provider's decline
                case REVIEW -> review(tx, p, n, ReviewKind.SUCCESS_AFTER_DECLINE,
                        Map.of("paymentStatus", p.status().wire()));
                case DUPLICATE -> Uni.createFrom().item(NotificationOutcome.DUPLICATE);
                case STALE -> Uni.createFrom().item(NotificationOutcome.STALE);
            };
        }));
    }

    /** Why a notification cannot be applied as it stands, or null. */
    private Refusal refusal(Payment p, Notification n) {
        if (!p.provider().equals(n.provider())) {
            return new Refusal(ReviewKind.PROVIDER_MISMATCH, Map.of("paymentProvider", p.provider()));
        }
        if (n.supplier() != null && !n.supplier().equals(p.supplier())) {
            return new Refusal(ReviewKind.SUPPLIER_MISMATCH, Map.of("signedFor", n.supplier()));
        }
        if (n.test() && !suppliers.require(p.supplier()).payments().testMode()) {
            return new Refusal(ReviewKind.TEST_MODE_MONEY, Map.of("status", n.status().wire()));
        }
        boolean charge = n.status() == PaymentStatus.SUCCEEDED || n.status() == PaymentStatus.PROCESSING;
        boolean otherCurrency = n.currency() != null && !p.currency().equals(n.currency());
        if (charge && n.amount() != null && (n.amount() != p.amount() || otherCurrency)
                || !charge && otherCurrency) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expected", Map.of("value", p.amount(), "currency", p.currency()));
            details.put("received", Map.of("value", String.valueOf(n.amount()), "currency", String.valueOf(n.currency())));
            details.put("status", n.status().wire());
            return new Refusal(ReviewKind.AMOUNT_MISMATCH, details);
        }
        return null;
    }

    /**
     * A refund the provider reports (made through the gateway or in the provider's console): the
     * amount it gave back is counted, partial stays partial, and anything that does not add up is
     * filed for review instead of moving money.
     */
    private Uni<NotificationOutcome> applyRefund(PaymentTx tx, Payment p, Notification n) {
        if (!p.status().captured()) {
            return review(tx, p, n, ReviewKind.REFUND_OF_UNCAPTURED, Map.of("paymentStatus", p.status().wire()));
        }
        if (n.amount() == null) {
            return review(tx, p, n, ReviewKind.REFUND_AMOUNT_UNKNOWN, Map.of("status", n.status().wire()));
        }
        if (n.amount() <= 0 || n.amount() > p.refundable()) {
            return review(tx, p, n, ReviewKind.REFUND_EXCEEDS_CAPTURED, Map.of("refund", n.amount(),
                    "refundable", p.refundable()));
        }
        PaymentStatus next = p.refundedAmount() + n.amount() >= p.amount() ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED;
        return payments.providerRefund(tx.conn(), p.id(), NewPayment.id(), n.amount(), n.providerRef(),
                        Clocks.now(clock))
                .chain(() -> transitions.move(tx, p.id(), new ProviderOutcome(next, null, null, null), reason(n)))
                // the provider says all was given back, the amounts say not: an earlier refund was missed
                .chain(() -> next == n.status() || n.status() == PaymentStatus.PARTIALLY_REFUNDED
                        ? Uni.createFrom().item(NotificationOutcome.APPLIED)
                        : review(tx, p, n, ReviewKind.REFUND_STATUS_MISMATCH, Map.of("reported", n.status().wire(),
                        "counted", next.wire())).replaceWith(NotificationOutcome.APPLIED_FOR_REVIEW));
    }

    private Uni<NotificationOutcome> review(PaymentTx tx, Payment p, Notification n, ReviewKind kind,
                                            Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("eventId", n.eventId());
        details.put("notifiedStatus", n.status().wire());
        if (n.amount() != null) {
            details.put("notifiedAmount", n.amount());
        }
        LOG.warnf("Callback %s/%s for payment %s needs review: %s", n.provider(), n.eventId(), p.id(), kind.wire());
        return transitions.review(tx, p, n.provider(), kind, details).replaceWith(NotificationOutcome.NEEDS_REVIEW);
    }

    private Uni<Payment> lock(PaymentTx tx, Notification n) {
        return switch (n.payment()) {
            case Notification.PaymentRef.ById byId -> payments.lock(tx.conn(), byId.id());
            case Notification.PaymentRef.ByNumber byNumber -> payments.lockByNumber(tx.conn(), byNumber.number());
        };
    }

    private static String reason(Notification n) {
        return "callback " + n.provider() + " " + n.eventId();
    }
}
