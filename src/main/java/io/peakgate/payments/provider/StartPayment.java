package io.peakgate.payments.provider;

import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.vault.CardData;
import io.peakgate.vault.ProviderCard;

/**
 * What a provider gets to start a payment; {@code card} is null for wallets and hosted checkouts and
 * lives only for this call. {@code saved} marks a saved card paying a supplier the subscriber has paid
 * before (no payer present, so no challenge: the provider charges it as a repeat payment); for a card
 * its provider keeps, {@code recurring} is the provider's own token to charge.
 */
public record StartPayment(Payment payment, PaymentMethod method, CardData card, SuppliersConfig.Supplier supplier,
                           boolean saved, ProviderCard recurring) {

    public StartPayment(Payment payment, PaymentMethod method, CardData card, SuppliersConfig.Supplier supplier,
                        boolean saved) {
        this(payment, method, card, supplier, saved, null);
    }

    @Override
    public String toString() {
        return "StartPayment[" + payment.id() + ", " + method.type() + "]";
    }
}
