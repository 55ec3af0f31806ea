package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.peakgate.payments.FailureCode;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.StartPayment;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Calls to a provider, never inside a transaction. A provider that fails to answer is recorded as
 * such ({@code provider_unavailable}) for a start, charge or refund, and as "no news" for a check:
 * the janitor asks again later.
 */
final class ProviderCalls {

    private static final Logger LOG = Logger.getLogger(ProviderCalls.class);

    private ProviderCalls() {
    }

    static Uni<ProviderOutcome> start(PaymentProvider provider, StartPayment request) {
        return provider.start(request).onFailure().recoverWithItem(e -> {
            LOG.warnf("Provider %s failed to start payment %s: %s", provider.name(), request.payment().id(), e.toString());
            return unavailable();
        });
    }

    static Uni<ProviderOutcome> refund(PaymentProvider provider, Payment payment, UUID refundId, long amount) {
        return provider.refund(payment, refundId, amount).onFailure().recoverWithItem(e -> {
            LOG.warnf("Provider %s failed to refund payment %s: %s", provider.name(), payment.id(), e.toString());
            return unavailable();
        });
    }

    static Uni<ProviderOutcome> check(PaymentProvider provider, Payment payment) {
        return provider.check(payment).onFailure().recoverWithItem(ProviderOutcome.unknown());
    }

    private static ProviderOutcome unavailable() {
        return ProviderOutcome.failed(FailureCode.PROVIDER_UNAVAILABLE);
    }
}
