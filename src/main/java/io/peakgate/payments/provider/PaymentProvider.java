package io.peakgate.payments.provider;

import io.peakgate.payments.ProviderOutcome;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * A payment provider behind one interface. The gateway saves a payment before {@link #start}
 * and records the outcome after it: no database transaction is open during any of these calls.
 * Implementations bound their outbound calls with a timeout and a circuit breaker.
 */
public interface PaymentProvider {

    /** The name callers and callbacks use ({@code sandbox}, {@code liqpay}, ...). */
    String name();

    /** Whether the provider takes this method for this supplier (and has its credentials). */
    boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier);

    /** Starts the payment at the provider: usually an action for the payer (a redirect). */
    Uni<ProviderOutcome> start(StartPayment request);

    /** Asks the provider where a payment stands (for the janitor); null status when it cannot tell. */
    Uni<ProviderOutcome> check(Payment payment);

    /**
     * Whether the provider takes raw card data from the gateway (the sandbox, a direct acquirer). A
     * provider that hosts its own card form never gets a card number: the gateway refuses one for it.
     */
    default boolean takesCardData() {
        return false;
    }

    /**
     * Whether a card can be saved through this provider: in the vault for one that takes card data, as
     * the provider's own recurring token (bound once it confirms the first payment) for a hosted one.
     */
    default boolean savesCards() {
        return takesCardData();
    }

    /** Whether the provider collects for {@code supplier} (its credentials are configured), e.g. for reconciliation. */
    default boolean serves(SuppliersConfig.Supplier supplier) {
        return true;
    }

    /** Whether refunds can be made through the gateway. */
    default boolean refunds() {
        return false;
    }

    default Uni<ProviderOutcome> refund(Payment payment, UUID refundId, long amount) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " refunds"));
    }
}
