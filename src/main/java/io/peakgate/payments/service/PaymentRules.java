package io.peakgate.payments.service;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.rest.PaymentRequest;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.MoneyRequest;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.Scope;
import io.peakgate.vault.UsableCard;
import io.peakgate.vault.Vault;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The validate phase's rules, and who may see a payment: pure checks, no I/O. */
final class PaymentRules {

    private PaymentRules() {
    }

    /**
     * The payment, if this caller may see it: the client that created it (for an aggregator portal,
     * acting for the same subscriber), or a back-office key with {@code payments:read} for its
     * supplier. Anything else is simply not found.
     */
    static Payment visible(Caller caller, Payment p, UUID id) {
        boolean creator = p != null && p.clientId().equals(caller.clientId())
                && (caller.kind() != Caller.Kind.AGGREGATOR_PORTAL || Objects.equals(p.subscriber(), caller.subscriber()));
        if (p == null || !caller.suppliers().contains(p.supplier())
                || !creator && !caller.holds(p.supplier(), Scope.PAYMENTS_READ)) {
            throw new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "No payment " + id);
        }
        return p;
    }

    static void checkAmount(SuppliersConfig.Supplier supplier, MoneyRequest amount) {
        Suppliers.requireCurrency(supplier, amount.currency(), "amount.currency");
        SuppliersConfig.Payments limits = supplier.payments();
        if (limits.tooSmall(amount.value())) {
            throw new ProblemException(ErrorCode.PAYMENT_AMOUNT_TOO_SMALL, "The smallest payment is "
                    + limits.minAmount() + " minor units",
                    List.of(new FieldError("amount.value", "must be at least " + limits.minAmount())));
        }
        if (limits.tooLarge(amount.value())) {
            throw new ProblemException(ErrorCode.PAYMENT_AMOUNT_TOO_LARGE, "The largest payment is "
                    + limits.maxAmount() + " minor units",
                    List.of(new FieldError("amount.value", "must be at most " + limits.maxAmount())));
        }
    }

    /**
     * Card data enters the gateway only for a provider that takes it: a hosted checkout (LiqPay,
     * T-Bank, YooMoney, WebMoney) is started with {@code {"type":"card"}} and nothing else.
     */
    static void requireCardData(PaymentProvider provider, PaymentRequest.MethodRequest m) {
        boolean carriesCard = m.card() != null || PaymentMethod.CARD_TOKEN.equals(m.type()) && m.token() != null
                && !Vault.savedCard(m.token());
        if (!provider.takesCardData() && carriesCard) {
            throw new ProblemException(ErrorCode.PAYMENT_CARD_DATA_REFUSED, provider.name()
                    + " hosts its own card form: start the payment with {\"type\":\"card\"} and no card data",
                    List.of(new FieldError(m.card() != null ? "method.card" : "method.token",
                            "must be absent for " + provider.name())));
        }
        if (provider.takesCardData() && PaymentMethod.CARD.equals(m.type()) && m.card() == null) {
            throw invalid("method.card", "card data is required for type card with " + provider.name());
        }
    }

    static PaymentMethod method(PaymentRequest.MethodRequest m) {
        switch (m.type()) {
            case PaymentMethod.CARD -> {
                // card data is checked against the provider (requireCardData)
            }
            case PaymentMethod.CARD_TOKEN -> {
                if (m.token() == null || m.token().isBlank()) {
                    throw invalid("method.token", "a token is required for type card_token");
                }
            }
            default -> {
                if (m.provider() == null || !PaymentMethod.WALLETS.contains(m.provider())) {
                    throw invalid("method.provider", "must be one of "
                            + String.join(", ", PaymentMethod.WALLETS.stream().sorted().toList()));
                }
            }
        }
        return new PaymentMethod(m.type(), m.type().equals(PaymentMethod.WALLET) ? m.provider() : null);
    }

    /**
     * Who charges a saved card: a card its provider keeps (a recurring token) is charged by that provider
     * alone; a card kept in the vault only by a provider that takes card data.
     */
    static PaymentProvider chargedBy(ProviderRegistry providers, PaymentProvider asked, String named, UsableCard card) {
        if (card == null || card.hosted() == null) {
            if (card != null && !asked.takesCardData()) {
                throw new ProblemException(ErrorCode.PAYMENT_CARD_DATA_REFUSED, asked.name()
                        + " hosts its own card form: this card is kept by the gateway, so it pays through a provider "
                        + "that takes card data");
            }
            return asked;
        }
        if (named != null && !named.equals(card.hosted().provider())) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNSUPPORTED, "This card is saved at "
                    + card.hosted().provider() + " and pays only through it");
        }
        return providers.provider(card.hosted().provider());
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(ErrorCode.REQUEST_INVALID, field + ": " + message,
                List.of(new FieldError(field, message)));
    }
}
