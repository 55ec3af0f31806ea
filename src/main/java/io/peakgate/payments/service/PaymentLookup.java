package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.peakgate.payments.repository.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Read-only look-ups of payments for other domains' protocols (agents, provider pre-requests),
 * with no caller check: the caller's protocol has authenticated the partner. Null when not found.
 */
@ApplicationScoped
public class PaymentLookup {

    /** PostgreSQL's unique index on a provider's references (see V2__payments.sql). */
    public static final String PROVIDER_REF_UNIQUE = "payment_provider_ref";

    @Inject
    Pool pool;

    @Inject
    PaymentRepository payments;

    public Uni<Payment> byNumber(long number) {
        return payments.findByNumber(pool, number);
    }

    /** The payment a collector or provider recorded under its own reference. */
    public Uni<Payment> byProviderRef(String provider, String reference) {
        return payments.findByProviderRef(pool, provider, reference);
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
