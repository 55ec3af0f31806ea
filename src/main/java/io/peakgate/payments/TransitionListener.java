package io.peakgate.payments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Runs for every payment status change, inside the transaction that records it: what else a change
 * means (a billing event, a balance movement, a saved card, a promise covered) commits with it or
 * not at all. Listeners run one after the other, lowest {@link #order()} first. A CDI bean
 * implementing this is picked up by the transition path; nothing else changes a payment's status.
 */
public interface TransitionListener {

    /** Position among the listeners: lower runs first. */
    int order();

    Uni<Void> onTransition(SqlConnection conn, PaymentTransition transition);
}
