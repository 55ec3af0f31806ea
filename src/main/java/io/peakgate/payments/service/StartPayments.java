package io.peakgate.payments.service;

import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Payment;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.payments.rest.PaymentRequest;
import io.peakgate.payments.rest.PaymentView;
import io.peakgate.platform.config.DemoMode;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.time.Clocks;
import io.peakgate.vault.CardData;
import io.peakgate.vault.CardNumber;
import io.peakgate.vault.UsableCard;
import io.peakgate.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * A portal's payment ({@code POST /v1/payments}), phase by phase: validate the request, load the
 * account and the card, decide the provider, persist the attempt (with the idempotency claim and a
 * card to save), call the provider with no transaction open, record its outcome.
 */
@ApplicationScoped
public class StartPayments {

    @Inject
    Pool pool;

    @Inject
    Transitions transitions;

    @Inject
    Accounts accounts;

    @Inject
    ProviderRegistry providers;

    @Inject
    Vault vault;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    DemoMode demo;

    /** What the validate phase settled: the supplier, the provider asked for and how the card is used. */
    private record Validated(PaymentRequest request, SuppliersConfig.Supplier supplier, PaymentMethod method,
                             PaymentProvider provider, String paymentType, boolean saved, boolean bind,
                             CardData fullCard, OffsetDateTime now) {
    }

    public Uni<PaymentView> start(Caller caller, PaymentRequest request, IdempotencyGuard guard) {
        Validated v = validate(caller, request);
        return accounts.findOpen(pool, request.supplier(), request.account()).chain(accountId -> {
            if (accountId == null) {
                throw Accounts.notFound(request.supplier(), request.account());
            }
            return card(caller, v).chain(card -> {
                PaymentProvider chosen = PaymentRules.chargedBy(providers, v.provider(), request.provider(), card);
                Payment draft = new NewPayment(request.supplier(), accountId, request.account(), caller.clientId(),
                        request.subscriber(), v.paymentType(), request.amount().value(), v.supplier().currency(),
                        v.method().type(), chosen.name(), v.method().wallet(), card, null,
                        Boolean.TRUE.equals(request.saveCard()), request.returnUrl()).at(v.now());
                return persist(caller, v, draft, card, guard)
                        .chain(stored -> ProviderCalls.start(chosen, new StartPayment(stored, v.method(),
                                        card == null ? null : card.card(), v.supplier(), v.saved(),
                                        card == null ? null : card.hosted()))
                                .chain(outcome -> transitions.inTransaction(tx -> transitions.move(tx, stored.id(),
                                                outcome, "provider " + chosen.name())
                                        .chain(updated -> {
                                            PaymentView view = PaymentView.of(updated);
                                            return guard.record(tx.conn(), 201, view).replaceWith(view);
                                        }))));
            });
        }).invoke(view -> metrics.counter("peakgate.payments", "provider", view.provider(), "status",
                view.status().wire()).increment());
    }

    /** Validate: amount, method, provider, card data and whose card it is; no I/O. */
    private Validated validate(Caller caller, PaymentRequest request) {
        SuppliersConfig.Supplier supplier = suppliers.require(request.supplier());
        PaymentRules.checkAmount(supplier, request.amount());
        PaymentMethod method = PaymentRules.method(request.method());
        PaymentProvider provider = providers.provider(request.provider() != null ? request.provider()
                : supplier.payments().defaultProvider());
        if (!provider.accepts(method, supplier)) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNSUPPORTED, "Provider " + provider.name()
                    + " does not take " + method.type() + (method.wallet() == null ? "" : " " + method.wallet())
                    + " payments for " + request.supplier());
        }
        PaymentRules.requireCardData(provider, request.method());
        if (Boolean.TRUE.equals(request.saveCard()) && !provider.savesCards()) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNSUPPORTED, "Saving a card is not offered through "
                    + provider.name() + "; pay without saveCard");
        }
        ReturnUrls.require(caller, request.returnUrl(), demo.active());
        OffsetDateTime now = Clocks.now(clock);
        String paymentType = request.paymentType() == null ? NewPayment.DEFAULT_TYPE : request.paymentType();
        boolean saved = method.type().equals(PaymentMethod.CARD_TOKEN) && Vault.savedCard(request.method().token());
        boolean bind = Boolean.TRUE.equals(request.saveCard()) && method.card() && !saved;
        if ((saved || bind) && request.subscriber() == null) {
            throw PaymentRules.invalid("subscriber", "a subscriber is required to " + (saved ? "pay with" : "save")
                    + " a card");
        }
        if (saved || bind || caller.kind() == Caller.Kind.AGGREGATOR_PORTAL && request.subscriber() != null) {
            // a saved card is the subscriber's own: only for the subscriber the portal authenticated
            caller.actFor(request.subscriber());
        }
        CardData fullCard = request.method().card() != null ? fullCard(request.method(), now) : null;
        return new Validated(request, supplier, method, provider, paymentType, saved, bind, fullCard, now);
    }

    /** Load: the saved card, the one-time token's card, the card sent in full, or none. */
    private Uni<UsableCard> card(Caller caller, Validated v) {
        PaymentRequest r = v.request();
        if (v.saved()) {
            return vault.useSaved(caller.clientId(), r.subscriber(), r.method().token(), v.paymentType(), r.supplier());
        }
        if (v.method().type().equals(PaymentMethod.CARD_TOKEN)) {
            return vault.consumeToken(caller.clientId(), r.method().token(), "method.token")
                    .map(c -> new UsableCard(c, null, v.paymentType()));
        }
        return Uni.createFrom().item(v.fullCard() == null ? null : new UsableCard(v.fullCard(), null, v.paymentType()));
    }

    /** Persist: the idempotency claim, the payment and a card to save, in one transaction before the provider call. */
    private Uni<Payment> persist(Caller caller, Validated v, Payment draft, UsableCard card, IdempotencyGuard guard) {
        return transitions.inTransaction(tx -> guard.claim(tx.conn())
                .chain(() -> transitions.open(tx, draft))
                .call(stored -> v.bind() && card != null && card.card() != null
                        ? vault.bindPending(tx.conn(), stored.id(), caller.clientId(), v.request().subscriber(),
                        v.paymentType(), card.card(), v.now())
                        : Uni.createFrom().voidItem()));
    }

    private static CardData fullCard(PaymentRequest.MethodRequest m, OffsetDateTime now) {
        return CardData.of(CardNumber.parse(m.card().number(), "method.card.number"), m.card().expMonth(),
                m.card().expYear(), m.card().holder(), m.card().cvc(), YearMonth.from(now), "method.card");
    }
}
