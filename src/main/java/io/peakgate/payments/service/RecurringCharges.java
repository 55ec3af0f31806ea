package io.peakgate.payments.service;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.Payments;
import io.peakgate.payments.Recurring;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.platform.time.Clocks;
import io.peakgate.vault.UsableCard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.UUID;

/**
 * A recurring charge of a saved card with no payer present (autopay), in phases the caller drives:
 * the attempt is saved first (with the caller's own step in the same transaction), the provider is
 * charged with no transaction open and the payment id as its idempotency reference, the outcome is
 * recorded after (again with the caller's step).
 */
@ApplicationScoped
public class RecurringCharges {

    @Inject
    Transitions transitions;

    @Inject
    ProviderRegistry providers;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    public Uni<Payment> open(Recurring r, Payments.Also also) {
        SuppliersConfig.Supplier supplier = suppliers.require(r.supplier());
        PaymentProvider provider = PaymentRules.chargedBy(providers,
                providers.provider(supplier.payments().defaultProvider()), null, r.card());
        Payment draft = new NewPayment(r.supplier(), r.accountId(), r.account(), r.clientId(), r.subscriber(),
                r.paymentType(), r.amount(), supplier.currency(), PaymentMethod.CARD_TOKEN, provider.name(), null,
                r.card(), null, false, null).at(Clocks.now(clock));
        return transitions.inTransaction(tx -> transitions.open(tx, draft).call(p -> also.run(tx.conn(), p)));
    }

    /** Asking again for the same payment returns the provider's first answer. */
    public Uni<ProviderOutcome> charge(Payment p, UsableCard card) {
        return ProviderCalls.start(providers.provider(p.provider()), new StartPayment(p,
                new PaymentMethod(PaymentMethod.CARD_TOKEN, null), card.card(), suppliers.require(p.supplier()), true,
                card.hosted()));
    }

    /** Where a charge stands at the provider (null status when it cannot tell). */
    public Uni<ProviderOutcome> check(Payment p) {
        return ProviderCalls.check(providers.provider(p.provider()), p);
    }

    public Uni<Payment> record(UUID paymentId, ProviderOutcome outcome, String reason, Payments.Also also) {
        return transitions.inTransaction(tx -> transitions.move(tx, paymentId, outcome, reason)
                .call(p -> also.run(tx.conn(), p)));
    }
}
