package io.peakgate.payments.service;

import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Collected;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.platform.time.Clocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * A payment a collector (an agent, an SMS aggregator) has already taken: validated by the collector's
 * protocol, it is stored and settled at once, in one transaction with its idempotency record; the
 * transition's listeners add its billing event and balance movement.
 */
@ApplicationScoped
public class CollectedPayments {

    @Inject
    Transitions transitions;

    @Inject
    Accounts accounts;

    @Inject
    ProviderRegistry providers;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    /** {@code answer} is what the collector's protocol replies; it is stored with the idempotency record. */
    public Uni<Payment> record(Collected c, IdempotencyGuard guard, Function<Payment, Object> answer) {
        SuppliersConfig.Supplier supplier = suppliers.require(c.supplier());
        PaymentProvider provider = providers.provider(c.collector());
        OffsetDateTime now = Clocks.now(clock);
        return transitions.inTransaction(tx -> guard.claim(tx.conn())
                .chain(() -> accounts.findOpen(tx.conn(), c.supplier(), c.account()))
                .chain(accountId -> {
                    if (accountId == null) {
                        throw Accounts.notFound(c.supplier(), c.account());
                    }
                    return transitions.open(tx, new NewPayment(c.supplier(), accountId, c.account(), c.clientId(),
                            c.subscriber(), NewPayment.DEFAULT_TYPE, c.amount(), supplier.currency(), c.collector(),
                            provider.name(), null, null, c.reference(), false, null).at(now));
                })
                .chain(p -> transitions.move(tx, p, new ProviderOutcome(PaymentStatus.SUCCEEDED, null, c.reference(),
                        null), "collected by " + c.collector()))
                .call(p -> guard.record(tx.conn(), 200, answer.apply(p))));
    }
}
