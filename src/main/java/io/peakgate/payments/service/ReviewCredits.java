package io.peakgate.payments.service;

import io.peakgate.billing.Outbox;
import io.peakgate.billing.Topics;
import io.peakgate.payments.PaymentCredit;
import io.peakgate.payments.PaymentEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the review desk decides about money that payments flagged: a credit told to billing, and the
 * reconciliation item marked resolved, both in the desk's transaction. No payment's status changes here.
 */
@ApplicationScoped
public class ReviewCredits {

    @Inject
    Outbox outbox;

    @Inject
    PaymentRepository payments;

    /** Tells billing of the credit in the caller's transaction; returns the event's id. */
    public Uni<UUID> credit(SqlConnection conn, PaymentCredit credit) {
        return outbox.publish(conn, Topics.PAYMENTS, Topics.key(credit.supplier(), credit.account()),
                        PaymentCredit.CREDITED, PaymentEvent.SOURCE, credit.supplier() + "/" + credit.account(),
                        credit.occurredAt(), credit)
                .map(e -> e.eventId());
    }

    /** Marks a reconciliation item resolved (the reconciliation report shows when). */
    public Uni<Void> resolved(SqlConnection conn, long itemId, OffsetDateTime at) {
        return payments.resolveReview(conn, itemId, at);
    }
}
