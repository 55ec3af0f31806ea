package io.peakgate.payments;

import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.rest.PaymentRequest;
import io.peakgate.payments.rest.PaymentView;
import io.peakgate.payments.rest.RefundRequest;
import io.peakgate.payments.rest.RefundView;
import io.peakgate.payments.service.ApplyNotification;
import io.peakgate.payments.service.CollectedPayments;
import io.peakgate.payments.service.PaymentQueries;
import io.peakgate.payments.service.RecurringCharges;
import io.peakgate.payments.service.ReviewCredits;
import io.peakgate.payments.service.Refunds;
import io.peakgate.payments.service.StartPayments;
import io.peakgate.platform.security.Caller;
import io.peakgate.vault.UsableCard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The payments domain's front door: other domains (agents, SMS, autopay) start, record and look up
 * payments only through here. Each operation is one use case in {@code payments.service}, run in
 * phases (validate, load, decide, persist, call the provider with no transaction open, record);
 * every status change takes the one transition path.
 */
@ApplicationScoped
public class Payments {

    /** PostgreSQL's unique index on a provider's references (see V2__payments.sql). */
    public static final String PROVIDER_REF_UNIQUE = "payment_provider_ref";

    /** A caller's own step, run in the payments transaction with the payment it concerns. */
    @FunctionalInterface
    public interface Also {
        Uni<Void> run(SqlConnection conn, Payment payment);
    }

    @Inject
    StartPayments starts;

    @Inject
    CollectedPayments collected;

    @Inject
    RecurringCharges recurring;

    @Inject
    Refunds refunds;

    @Inject
    ApplyNotification notifications;

    @Inject
    PaymentQueries queries;

    @Inject
    ReviewCredits reviews;

    /** A portal's payment: saved, started at its provider, its first outcome recorded. */
    public Uni<PaymentView> start(Caller caller, PaymentRequest request, IdempotencyGuard guard) {
        return starts.start(caller, request, guard);
    }

    /** The payment, if this caller may see it; anything else is simply not found. */
    public Uni<PaymentView> view(Caller caller, UUID id) {
        return queries.view(caller, id);
    }

    public Uni<RefundView> refund(Caller caller, UUID paymentId, RefundRequest request, IdempotencyGuard guard) {
        return refunds.refund(caller, paymentId, request, guard);
    }

    /**
     * Records a payment a collector has already taken, settled at once, in one transaction with its
     * idempotency record and billing event; {@code answer} is what the collector's protocol replies.
     */
    public Uni<Payment> collected(Collected c, IdempotencyGuard guard, Function<Payment, Object> answer) {
        return collected.record(c, guard, answer);
    }

    /**
     * Saves a recurring charge's attempt (status {@code created}) before any provider call, with the
     * caller's own step in the same transaction. Its id is the provider's idempotency reference.
     */
    public Uni<Payment> startRecurring(Recurring r, Also also) {
        return recurring.open(r, also);
    }

    /** Charges a saved payment's card at its provider (no transaction open); asking again returns the first answer. */
    public Uni<ProviderOutcome> chargeRecurring(Payment p, UsableCard card) {
        return recurring.charge(p, card);
    }

    /** Asks the provider where a recurring charge stands (null status when it cannot tell). */
    public Uni<ProviderOutcome> checkRecurring(Payment p) {
        return recurring.check(p);
    }

    /** Records a provider's outcome for a payment, with the caller's own step in the same transaction. */
    public Uni<Payment> record(UUID paymentId, ProviderOutcome outcome, String reason, Also also) {
        return recurring.record(paymentId, outcome, reason, also);
    }

    /** Applies a verified provider notification; returns what became of it, for the callback inbox. */
    public Uni<NotificationOutcome> apply(Notification n) {
        return notifications.apply(n);
    }

    /** A payment by id with no caller check (for the gateway's own jobs); null when not found. */
    public Uni<Payment> find(UUID id) {
        return queries.find(id);
    }

    /** A payment by its short number, for a partner's protocol that has authenticated the partner. */
    public Uni<Payment> byNumber(long number) {
        return queries.byNumber(number);
    }

    /** The payment a collector or provider recorded under its own reference. */
    public Uni<Payment> byProviderRef(String provider, String reference) {
        return queries.byProviderRef(provider, reference);
    }

    /**
     * Tells billing of a credit the review desk decided (money a provider or aggregator took), in the
     * desk's transaction; returns the billing event's id. No payment's status changes.
     */
    public Uni<UUID> credit(SqlConnection conn, PaymentCredit credit) {
        return reviews.credit(conn, credit);
    }

    /** Marks a reconciliation item resolved, in the review desk's transaction. */
    public Uni<Void> reviewResolved(SqlConnection conn, long reconciliationItem, OffsetDateTime at) {
        return reviews.resolved(conn, reconciliationItem, at);
    }

    /** Payments created per minute (UTC) since {@code since}, for the suppliers. */
    public Uni<Map<OffsetDateTime, Long>> perMinute(Collection<String> suppliers, OffsetDateTime since) {
        return queries.perMinute(suppliers, since);
    }

    /** Whether {@code failure} is PostgreSQL refusing a second payment with the same provider reference. */
    public static boolean duplicateReference(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                    && PROVIDER_REF_UNIQUE.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
