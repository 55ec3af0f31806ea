package io.peakgate.payments.provider.collected;

import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.StartPayment;
import io.smallrye.mutiny.Uni;

/**
 * A collector that has already taken the money when it tells the gateway: an SMS aggregator (the
 * operator bills the phone) or a payment agent (cash at a terminal). Nothing to call: the payment
 * is settled when recorded; refunds go back through the collector, not the gateway.
 */
abstract class CollectedProvider implements PaymentProvider {

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return name().equals(method.type());
    }

    @Override
    public Uni<ProviderOutcome> start(StartPayment request) {
        return Uni.createFrom().item(new ProviderOutcome(PaymentStatus.SUCCEEDED, null, request.payment().providerRef(), null));
    }

    @Override
    public Uni<ProviderOutcome> check(Payment payment) {
        return Uni.createFrom().item(ProviderOutcome.unknown());
    }
}
