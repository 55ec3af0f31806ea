package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.peakgate.payments.rest.PaymentView;
import io.peakgate.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Read-only look-ups of payments; null when not found. */
@ApplicationScoped
public class PaymentQueries {

    @Inject
    Pool pool;

    @Inject
    PaymentRepository payments;

    public Uni<Payment> find(UUID id) {
        return payments.find(pool, id);
    }

    public Uni<Payment> byNumber(long number) {
        return payments.findByNumber(pool, number);
    }

    public Uni<Payment> byProviderRef(String provider, String reference) {
        return payments.findByProviderRef(pool, provider, reference);
    }

    /** The payment as this caller may see it (see {@link PaymentRules#visible}); otherwise not found. */
    public Uni<PaymentView> view(Caller caller, UUID id) {
        return payments.find(pool, id).map(p -> PaymentView.of(PaymentRules.visible(caller, p, id)));
    }

    /** Payments created per minute (UTC minute to count) since {@code since}, for the suppliers. */
    public Uni<Map<OffsetDateTime, Long>> perMinute(Collection<String> suppliers, OffsetDateTime since) {
        return payments.perMinute(pool, suppliers, since);
    }
}
