package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProviderRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/**
 * For the janitor: asks the provider about a payment that has waited too long (no transaction
 * open), and expires it locally if the provider cannot tell ({@code expired}: a later signed
 * success still applies, flagged).
 */
@ApplicationScoped
public class Recheck {

    @Inject
    Transitions transitions;

    @Inject
    ProviderRegistry providers;

    public Uni<Void> recheck(Payment stuck, OffsetDateTime expireBefore) {
        return ProviderCalls.check(providers.provider(stuck.provider()), stuck).chain(outcome -> {
            ProviderOutcome next = outcome.status() != null ? outcome
                    : stuck.updatedAt().isBefore(expireBefore)
                    ? new ProviderOutcome(PaymentStatus.EXPIRED, null, null, null) : null;
            if (next == null || next.status() == stuck.status()) {
                return Uni.createFrom().voidItem();
            }
            return transitions.inTransaction(tx -> transitions.move(tx, stuck.id(), next, "janitor")).replaceWithVoid();
        });
    }
}
