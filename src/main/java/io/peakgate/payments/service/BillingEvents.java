package io.peakgate.payments.service;

import io.peakgate.accounts.BalanceLedger;
import io.peakgate.billing.Outbox;
import io.peakgate.billing.Topics;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentEvent;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.TransitionListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A succeeded or refunded payment's billing event, and the balance movement it carries (a payment
 * lowers the debt, a refund raises it by what it gives back beyond earlier refunds), keyed by the
 * event's id: one listener, because the movement is known by the event that told billing of it.
 */
@ApplicationScoped
class BillingEvents implements TransitionListener {

    @Inject
    Outbox outbox;

    @Inject
    BalanceLedger ledger;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Uni<Void> onTransition(SqlConnection conn, PaymentTransition t) {
        return switch (t.to()) {
            case SUCCEEDED -> event(conn, t, PaymentEvent.SUCCEEDED);
            case REFUNDED, PARTIALLY_REFUNDED -> event(conn, t, PaymentEvent.REFUNDED);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> event(SqlConnection conn, PaymentTransition t, String type) {
        Payment p = t.after();
        boolean success = PaymentEvent.SUCCEEDED.equals(type);
        Uni<Long> movement = success ? Uni.createFrom().item(-p.amount())
                : ledger.refundedBefore(conn, p.id()).map(before -> p.refundedAmount() - before);
        return movement.chain(amount -> outbox.publish(conn, Topics.PAYMENTS, Topics.key(p.supplier(), p.account()), type,
                        PaymentEvent.SOURCE, p.supplier() + "/" + p.account(), t.at(),
                        PaymentEvent.of(p, success ? null : amount, t.at()))
                .chain(e -> amount == 0 ? Uni.createFrom().voidItem()
                        : ledger.move(conn, e.eventId(), p.accountId(), p.id(), amount, t.at())));
    }
}
