package io.peakgate.payments.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.platform.config.DemoMode;
import io.peakgate.accounts.repository.AccountRepository;
import io.peakgate.accounts.repository.BalanceRepository;
import io.peakgate.accounts.service.BalanceService;
import io.peakgate.billing.outbox.OutboxEvent;
import io.peakgate.billing.outbox.EventEnvelopes;
import io.peakgate.billing.outbox.OutboxRepository;
import io.peakgate.billing.outbox.Topics;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.NotificationOutcome;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStateMachine;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.provider.ProviderOutcome;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.payments.repository.PaymentRepository;
import io.peakgate.payments.rest.PaymentRequest;
import io.peakgate.payments.rest.PaymentView;
import io.peakgate.payments.rest.RefundRequest;
import io.peakgate.payments.rest.RefundView;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.Scope;
import io.peakgate.promises.PromisedPayments;
import io.peakgate.vault.CardData;
import io.peakgate.vault.CardNumber;
import io.peakgate.vault.service.BoundCards;
import io.peakgate.vault.service.TokenService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Payments, phase by phase: validate, load, save the attempt, call the provider with no
 * transaction open, record the outcome. Every state change goes through the declared
 * {@link PaymentStateMachine}; changes billing cares about go to the outbox in the same transaction.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final Set<String> WALLETS = Set.of("webmoney", "qiwi", "yoomoney", "elexnet");
    private static final String DEFAULT_TYPE = "utilities";

    @Inject
    Pool pool;

    @Inject
    PaymentRepository payments;

    @Inject
    AccountRepository accounts;

    @Inject
    ProviderRegistry providers;

    @Inject
    TokenService tokens;

    @Inject
    BoundCards boundCards;

    @Inject
    BalanceRepository balanceMovements;

    @Inject
    BalanceService balanceService;

    @Inject
    OutboxRepository outbox;

    @Inject
    PromisedPayments promises;

    @Inject
    EventEnvelopes envelopes;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    DemoMode demo;

    public Uni<PaymentView> create(Caller caller, PaymentRequest request, IdempotencyGuard guard) {
        SuppliersConfig.Supplier supplier = suppliers.require(request.supplier());
        checkAmount(supplier, request.amount());
        PaymentMethod method = method(request.method());
        PaymentProvider provider = providers.provider(request.provider() != null ? request.provider()
                : supplier.payments().defaultProvider());
        if (!provider.accepts(method, supplier)) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNSUPPORTED, "Provider " + provider.name()
                    + " does not take " + method.type() + (method.wallet() == null ? "" : " " + method.wallet())
                    + " payments for " + request.supplier());
        }
        requireCardData(provider, request.method());
        if (Boolean.TRUE.equals(request.saveCard()) && !provider.savesCards()) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNSUPPORTED, "Saving a card is not offered through "
                    + provider.name() + "; pay without saveCard");
        }
        ReturnUrls.require(caller, request.returnUrl(), demo.active());
        OffsetDateTime now = now();
        String paymentType = request.paymentType() == null ? DEFAULT_TYPE : request.paymentType();
        boolean saved = method.type().equals(PaymentMethod.CARD_TOKEN) && request.method().token().startsWith(BoundCards.PREFIX);
        boolean bind = Boolean.TRUE.equals(request.saveCard()) && method.card() && !saved;
        if ((saved || bind) && request.subscriber() == null) {
            throw invalid("subscriber", "a subscriber is required to " + (saved ? "pay with" : "save") + " a card");
        }
        if (saved || bind || caller.kind() == Caller.Kind.AGGREGATOR_PORTAL && request.subscriber() != null) {
            // a saved card is the subscriber's own: only for the subscriber the portal authenticated
            caller.actFor(request.subscriber());
        }
        CardData fullCard = request.method().card() != null ? fullCard(request.method(), now) : null;
        return accounts.findId(pool, request.supplier(), request.account()).chain(accountId -> {
            if (accountId == null) {
                throw new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Supplier " + request.supplier()
                        + " has no account '" + request.account() + "'");
            }
            Uni<BoundCards.Usable> card = saved
                    ? boundCards.use(caller.clientId(), request.subscriber(), request.method().token(), paymentType,
                    request.supplier())
                    : method.type().equals(PaymentMethod.CARD_TOKEN)
                    ? tokens.consume(caller.clientId(), request.method().token(), "method.token")
                    .map(c -> new BoundCards.Usable(c, null, paymentType))
                    : Uni.createFrom().item(fullCard == null ? null : new BoundCards.Usable(fullCard, null, paymentType));
            return card.chain(u -> {
                PaymentProvider chosen = chargedBy(provider, request.provider(), u);
                CardData c = u == null ? null : u.card();
                Payment draft = draft(caller, request, supplier, method, chosen, accountId, u, paymentType, now);
                return pool.withTransaction(conn -> guard.claim(conn)
                                .chain(() -> payments.insert(conn, draft))
                                .call(stored -> payments.created(conn, stored))
                                .call(stored -> bind && c != null ? boundCards.bindPending(conn, stored.id(),
                                        caller.clientId(), request.subscriber(), paymentType, c, now)
                                        : Uni.createFrom().voidItem()))
                        .chain(stored -> chosen.start(new StartPayment(stored, method, c, supplier, saved,
                                        u == null ? null : u.hosted()))
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("Provider %s failed to start payment %s: %s", chosen.name(), stored.id(),
                                            e.toString());
                                    return ProviderOutcome.failed("provider_unavailable");
                                })
                                .chain(outcome -> pool.withTransaction(conn -> payments.lock(conn, stored.id())
                                        .chain(current -> advance(conn, current, outcome, "provider " + chosen.name()))
                                        .chain(updated -> {
                                            PaymentView view = PaymentView.of(updated);
                                            return guard.record(conn, 201, view).replaceWith(view);
                                        })))
                                .call(() -> balanceService.evict(accountId)));
            });
        }).invoke(view -> metrics.counter("peakgate.payments", "provider", view.provider(), "status",
                view.status().wire()).increment());
    }

    /**
     * Records a payment a collector has already taken, settled at once, in one transaction with its
     * idempotency record and billing event; {@code answer} is what the collector's protocol replies.
     */
    public Uni<Payment> collected(Collected c, IdempotencyGuard guard, java.util.function.Function<Payment, Object> answer) {
        SuppliersConfig.Supplier supplier = suppliers.require(c.supplier());
        PaymentProvider provider = providers.provider(c.collector());
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> guard.claim(conn)
                .chain(() -> accounts.findId(conn, c.supplier(), c.account()))
                .chain(accountId -> {
                    if (accountId == null) {
                        throw new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Supplier " + c.supplier()
                                + " has no account '" + c.account() + "'");
                    }
                    Payment draft = new Payment(IDS.generate(), 0, c.supplier(), accountId, c.account(), c.clientId(),
                            c.subscriber(), DEFAULT_TYPE, c.amount(), supplier.currency(), c.collector(),
                            provider.name(), null, null, null, null, PaymentStatus.CREATED, null, c.reference(), null,
                            0, 0, false, false, null, now, now);
                    return payments.insert(conn, draft);
                })
                .call(p -> payments.created(conn, p))
                .chain(p -> advance(conn, p, new ProviderOutcome(PaymentStatus.SUCCEEDED, null, c.reference(), null),
                        "collected by " + c.collector()))
                .call(p -> guard.record(conn, 200, answer.apply(p))))
                .call(p -> balanceService.evict(p.accountId()));
    }

    /**
     * A recurring charge of a saved card with no payer present (autopay): the attempt is saved in the
     * caller's transaction, before any provider call. Its id is the provider's idempotency reference.
     */
    public Uni<Payment> insertRecurring(SqlConnection conn, Recurring r) {
        SuppliersConfig.Supplier supplier = suppliers.require(r.supplier());
        PaymentProvider provider = chargedBy(providers.provider(supplier.payments().defaultProvider()), null, r.card());
        OffsetDateTime now = now();
        Payment draft = new Payment(IDS.generate(), 0, r.supplier(), r.accountId(), r.account(), r.clientId(),
                r.subscriber(), r.paymentType(), r.amount(), supplier.currency(), PaymentMethod.CARD_TOKEN,
                provider.name(), null, r.card().brand(), r.card().first6(), r.card().last4(), PaymentStatus.CREATED,
                null, null, null, 0, 0, false, false, null, now, now);
        return payments.insert(conn, draft).call(stored -> payments.created(conn, stored));
    }

    /**
     * Charges a saved payment's card at its provider (no transaction open). Asking again for the same
     * payment returns the provider's first answer: the payment id travels as the idempotency reference.
     */
    public Uni<ProviderOutcome> chargeRecurring(Payment p, BoundCards.Usable card) {
        PaymentProvider provider = providers.provider(p.provider());
        SuppliersConfig.Supplier supplier = suppliers.require(p.supplier());
        return provider.start(new StartPayment(p, new PaymentMethod(PaymentMethod.CARD_TOKEN, null), card.card(), supplier,
                        true, card.hosted()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Provider %s failed to charge payment %s: %s", provider.name(), p.id(), e.toString());
                    return ProviderOutcome.failed("provider_unavailable");
                });
    }

    /** Asks the provider where a recurring charge stands (null status when it cannot tell). */
    public Uni<ProviderOutcome> checkRecurring(Payment p) {
        return providers.provider(p.provider()).check(p).onFailure().recoverWithItem(ProviderOutcome.unknown());
    }

    /** Records a provider's outcome for a payment, in the caller's transaction. */
    public Uni<Payment> record(SqlConnection conn, UUID paymentId, ProviderOutcome outcome, String reason) {
        return payments.lock(conn, paymentId).chain(p -> advance(conn, p, outcome, reason));
    }

    /** A recurring charge's inputs: who, what and the (already opened) saved card. */
    public record Recurring(String supplier, long accountId, String account, String clientId, String subscriber,
                            String paymentType, long amount, BoundCards.Usable card) {
    }

    /**
     * The payment, if this caller may see it: the client that created it (for an aggregator portal,
     * acting for the same subscriber), or a back-office key with {@code payments:read} for its
     * supplier. Anything else is simply not found.
     */
    public Uni<PaymentView> find(Caller caller, UUID id) {
        return payments.find(pool, id).map(p -> PaymentView.of(visible(caller, p, id)));
    }

    public Uni<RefundView> refund(Caller caller, UUID paymentId, RefundRequest request, IdempotencyGuard guard) {
        UUID refundId = IDS.generate();
        java.util.concurrent.atomic.AtomicLong account = new java.util.concurrent.atomic.AtomicLong(-1);
        long amount = request.amount().value();
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> guard.claim(conn)
                        .chain(() -> payments.lock(conn, paymentId))
                        .chain(found -> {
                            Payment p = visible(caller, found, paymentId);
                            PaymentProvider provider = providers.provider(p.provider());
                            if (!request.amount().currency().equals(p.currency())) {
                                throw new ProblemException(ErrorCode.PAYMENT_CURRENCY_MISMATCH, "The payment is in "
                                        + p.currency() + "; refund in the same currency");
                            }
                            if (!p.status().captured() || p.status() == PaymentStatus.REFUNDED) {
                                throw new ProblemException(ErrorCode.REFUND_NOT_ALLOWED, "A " + p.status().wire()
                                        + " payment cannot be refunded");
                            }
                            if (!provider.refunds()) {
                                throw new ProblemException(ErrorCode.REFUND_NOT_SUPPORTED, "Refunds of " + p.provider()
                                        + " payments are made in the provider's own console");
                            }
                            if (amount > p.refundable()) {
                                throw new ProblemException(ErrorCode.REFUND_EXCEEDS_CAPTURED, "At most "
                                        + p.refundable() + " can be refunded of this payment",
                                        List.of(new FieldError("amount.value", "must be at most " + p.refundable())))
                                        .with("refundable", new Money(p.refundable(), p.currency()));
                            }
                            return payments.reserveRefund(conn, paymentId, refundId, amount, now).replaceWith(p);
                        }))
                .chain(p -> providers.provider(p.provider()).refund(p, refundId, amount)
                        .onFailure().recoverWithItem(e -> ProviderOutcome.failed("provider_unavailable")))
                .chain(outcome -> pool.withTransaction(conn -> {
                    boolean ok = outcome.status() != PaymentStatus.FAILED;
                    return payments.settleRefund(conn, paymentId, refundId, amount, ok, outcome.providerRef(),
                                    outcome.failureCode(), now)
                            .chain(() -> payments.lock(conn, paymentId))
                            .chain(p -> ok ? advance(conn, p, new ProviderOutcome(refundedState(p), null, null, null),
                                    "refund " + refundId) : Uni.createFrom().item(p))
                            .invoke(p -> account.set(p.accountId()))
                            .chain(p -> {
                                RefundView view = new RefundView(refundId, paymentId, new Money(amount, p.currency()),
                                        ok ? "succeeded" : "failed", outcome.failureCode(), p.status(),
                                        new Money(p.refundedAmount(), p.currency()), now);
                                return guard.record(conn, 201, view).replaceWith(view);
                            });
                }))
                .call(() -> balanceService.evict(account.get()));
    }

    /**
     * Applies a verified provider notification; returns what became of it, for the inbox. Money the
     * provider reports is never dropped: what cannot be applied as it stands is filed for review.
     */
    public Uni<NotificationOutcome> apply(Notification n) {
        java.util.concurrent.atomic.AtomicLong account = new java.util.concurrent.atomic.AtomicLong(-1);
        return pool.withTransaction(conn -> lock(conn, n).chain(p -> {
            if (p == null) {
                return Uni.createFrom().item(NotificationOutcome.UNKNOWN_PAYMENT);
            }
            account.set(p.accountId());
            Map.Entry<String, Map<String, Object>> refused = refusal(p, n);
            if (refused != null) {
                return review(conn, p, n, refused.getKey(), refused.getValue());
            }
            if (n.status() == PaymentStatus.REFUNDED || n.status() == PaymentStatus.PARTIALLY_REFUNDED) {
                return applyRefund(conn, p, n);
            }
            ProviderOutcome outcome = new ProviderOutcome(n.status(), null, n.providerRef(), n.failureCode(), n.card());
            String reason = "callback " + n.provider() + " " + n.eventId();
            return switch (PaymentStateMachine.decide(p.status(), n.status())) {
                case APPLY -> advance(conn, p, outcome, reason).replaceWith(NotificationOutcome.APPLIED);
                case APPLY_AND_REVIEW -> advance(conn, p, outcome, reason)
                        .chain(() -> review(conn, p, n, "late_success", Map.of("paymentStatus", p.status().wire())))
                        .replaceWith(NotificationOutcome.APPLIED_FOR_REVIEW);
                // refunds took applyRefund above: what is left to review is a success after the provider's decline
                case REVIEW -> review(conn, p, n, "success_after_decline", Map.of("paymentStatus", p.status().wire()));
                case DUPLICATE -> Uni.createFrom().item(NotificationOutcome.DUPLICATE);
                case STALE -> Uni.createFrom().item(NotificationOutcome.STALE);
            };
        })).call(outcome -> outcome.moved() ? balanceService.evict(account.get()) : Uni.createFrom().voidItem());
    }

    /** Why a notification cannot be applied as it stands (review kind and details), or null. */
    private Map.Entry<String, Map<String, Object>> refusal(Payment p, Notification n) {
        if (!p.provider().equals(n.provider())) {
            return Map.entry("provider_mismatch", Map.of("paymentProvider", p.provider()));
        }
        if (n.supplier() != null && !n.supplier().equals(p.supplier())) {
            return Map.entry("supplier_mismatch", Map.of("signedFor", n.supplier()));
        }
        if (n.test() && !suppliers.require(p.supplier()).payments().testMode()) {
            return Map.entry("test_mode_money", Map.of("status", n.status().wire()));
        }
        boolean charge = n.status() == PaymentStatus.SUCCEEDED || n.status() == PaymentStatus.PROCESSING;
        boolean otherCurrency = n.currency() != null && !p.currency().equals(n.currency());
        if (charge && n.amount() != null && (n.amount() != p.amount() || otherCurrency)
                || !charge && otherCurrency) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expected", Map.of("value", p.amount(), "currency", p.currency()));
            details.put("received", Map.of("value", String.valueOf(n.amount()), "currency", String.valueOf(n.currency())));
            details.put("status", n.status().wire());
            return Map.entry("amount_mismatch", details);
        }
        return null;
    }

    /**
     * A refund the provider reports (made through the gateway or in the provider's console): the
     * amount it gave back is counted, partial stays partial, and anything that does not add up is
     * filed for review instead of moving money.
     */
    private Uni<NotificationOutcome> applyRefund(SqlConnection conn, Payment p, Notification n) {
        if (!p.status().captured()) {
            return review(conn, p, n, "refund_of_uncaptured", Map.of("paymentStatus", p.status().wire()));
        }
        if (n.amount() == null) {
            return review(conn, p, n, "refund_amount_unknown", Map.of("status", n.status().wire()));
        }
        if (n.amount() <= 0 || n.amount() > p.refundable()) {
            return review(conn, p, n, "refund_exceeds_captured", Map.of("refund", n.amount(),
                    "refundable", p.refundable()));
        }
        OffsetDateTime at = now();
        PaymentStatus next = p.refundedAmount() + n.amount() >= p.amount() ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED;
        return payments.providerRefund(conn, p.id(), IDS.generate(), n.amount(), n.providerRef(), at)
                .chain(() -> payments.lock(conn, p.id()))
                .chain(updated -> advance(conn, updated, new ProviderOutcome(next, null, null, null),
                        "callback " + n.provider() + " " + n.eventId()))
                // the provider says all was given back, the amounts say not: an earlier refund was missed
                .chain(() -> next == n.status() || n.status() == PaymentStatus.PARTIALLY_REFUNDED
                        ? Uni.createFrom().item(NotificationOutcome.APPLIED)
                        : review(conn, p, n, "refund_status_mismatch", Map.of("reported", n.status().wire(),
                        "counted", next.wire())).replaceWith(NotificationOutcome.APPLIED_FOR_REVIEW));
    }

    /**
     * For the janitor: asks the provider about a payment that has waited too long, and expires it
     * locally if the provider cannot tell ({@code expired}: a later signed success still applies).
     */
    public Uni<Void> recheck(Payment stuck, OffsetDateTime expireBefore) {
        PaymentProvider provider = providers.provider(stuck.provider());
        return provider.check(stuck)
                .onFailure().recoverWithItem(ProviderOutcome.unknown())
                .chain(outcome -> {
                    ProviderOutcome next = outcome.status() != null ? outcome
                            : stuck.updatedAt().isBefore(expireBefore)
                            ? new ProviderOutcome(PaymentStatus.EXPIRED, null, null, null) : null;
                    if (next == null || next.status() == stuck.status()) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.withTransaction(conn -> payments.lock(conn, stuck.id())
                            .chain(p -> advance(conn, p, next, "janitor")))
                            .call(p -> balanceService.evict(p.accountId())).replaceWithVoid();
                });
    }

    /**
     * Moves a payment by the state machine and records the outcome's references; a succeeded or
     * refunded payment also gets its billing event, in this transaction.
     */
    private Uni<Payment> advance(SqlConnection conn, Payment current, ProviderOutcome outcome, String reason) {
        if (outcome.status() == null || !PaymentStateMachine.allowed(current.status(), outcome.status())) {
            return Uni.createFrom().item(current);
        }
        OffsetDateTime at = now();
        Payment next = current.withStatus(outcome.status(), outcome.actionUrl(), outcome.providerRef(),
                outcome.failureCode(), at);
        Uni<Void> event = switch (next.status()) {
            case SUCCEEDED -> event(conn, next, PaymentEvent.SUCCEEDED, at)
                    .chain(() -> outcome.card() != null && next.saveCard() && next.subscriber() != null
                            ? boundCards.bindPending(conn, next.id(), next.clientId(), next.subscriber(),
                            next.paymentType(), outcome.card(), at) : Uni.createFrom().voidItem())
                    .chain(() -> boundCards.settle(conn, next.id(), true, next.clientId(), next.subscriber(),
                            next.supplier(), at))
                    .chain(() -> promises.cover(conn, next, at));
            case FAILED, CANCELED, EXPIRED -> boundCards.settle(conn, next.id(), false, next.clientId(),
                    next.subscriber(), next.supplier(), at);
            case REFUNDED, PARTIALLY_REFUNDED -> event(conn, next, PaymentEvent.REFUNDED, at);
            default -> Uni.createFrom().voidItem();
        };
        return payments.transition(conn, current, next, reason).chain(() -> event)
                .chain(() -> payments.find(conn, current.id()));
    }

    /**
     * Appends the billing event and the balance movement it carries (a payment lowers the debt, a
     * refund raises it by what it gives back beyond earlier refunds), keyed by the event's id. A
     * refund event carries both the total refunded and what this refund gave back.
     */
    private Uni<Void> event(SqlConnection conn, Payment p, String type, OffsetDateTime at) {
        boolean success = PaymentEvent.SUCCEEDED.equals(type);
        Uni<Long> movement = success ? Uni.createFrom().item(-p.amount())
                : balanceMovements.refundedBefore(conn, p.id()).map(before -> p.refundedAmount() - before);
        return movement.chain(amount -> {
            OutboxEvent e = envelopes.envelope(Topics.PAYMENTS, Topics.key(p.supplier(), p.account()), type,
                    PaymentEvent.SOURCE, p.supplier() + "/" + p.account(), at,
                    PaymentEvent.of(p, success ? null : amount, at));
            return outbox.append(conn, List.of(e))
                    .chain(() -> amount == 0 ? Uni.createFrom().voidItem()
                            : balanceMovements.move(conn, e.eventId(), p.accountId(), p.id(), amount, at));
        });
    }

    private Uni<NotificationOutcome> review(SqlConnection conn, Payment p, Notification n, String kind,
                                            Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("eventId", n.eventId());
        details.put("notifiedStatus", n.status().wire());
        if (n.amount() != null) {
            details.put("notifiedAmount", n.amount());
        }
        LOG.warnf("Callback %s/%s for payment %s needs review: %s", n.provider(), n.eventId(), p.id(), kind);
        return payments.needsReview(conn, p.id(), n.provider(), kind, details).replaceWith(NotificationOutcome.NEEDS_REVIEW);
    }

    private Uni<Payment> lock(SqlConnection conn, Notification n) {
        return switch (n.payment()) {
            case Notification.PaymentRef.ById byId -> payments.lock(conn, byId.id());
            case Notification.PaymentRef.ByNumber byNumber -> payments.lockByNumber(conn, byNumber.number());
        };
    }

    private static PaymentStatus refundedState(Payment p) {
        return p.refundedAmount() >= p.amount() ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED;
    }

    private static Payment visible(Caller caller, Payment p, UUID id) {
        boolean creator = p != null && p.clientId().equals(caller.clientId())
                && (caller.kind() != Caller.Kind.AGGREGATOR_PORTAL || Objects.equals(p.subscriber(), caller.subscriber()));
        if (p == null || !caller.suppliers().contains(p.supplier())
                || !creator && !caller.holds(p.supplier(), Scope.PAYMENTS_READ)) {
            throw new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "No payment " + id);
        }
        return p;
    }

    private static void checkAmount(SuppliersConfig.Supplier supplier, PaymentRequest.MoneyRequest amount) {
        Suppliers.requireCurrency(supplier, amount.currency(), "amount.currency");
        if (amount.value() < supplier.payments().minAmount()) {
            throw new ProblemException(ErrorCode.PAYMENT_AMOUNT_TOO_SMALL, "The smallest payment is "
                    + supplier.payments().minAmount() + " minor units",
                    List.of(new FieldError("amount.value", "must be at least " + supplier.payments().minAmount())));
        }
        if (amount.value() > supplier.payments().maxAmount()) {
            throw new ProblemException(ErrorCode.PAYMENT_AMOUNT_TOO_LARGE, "The largest payment is "
                    + supplier.payments().maxAmount() + " minor units",
                    List.of(new FieldError("amount.value", "must be at most " + supplier.payments().maxAmount())));
        }
    }

    /**
     * Card data enters the gateway only for a provider that takes it: a hosted checkout (LiqPay,
     * T-Bank, YooMoney, WebMoney) is started with {@code {"type":"card"}} and nothing else.
     */
    private static void requireCardData(PaymentProvider provider, PaymentRequest.MethodRequest m) {
        boolean carriesCard = m.card() != null || PaymentMethod.CARD_TOKEN.equals(m.type()) && m.token() != null
                && !m.token().startsWith(BoundCards.PREFIX);
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

    private static PaymentMethod method(PaymentRequest.MethodRequest m) {
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
                if (m.provider() == null || !WALLETS.contains(m.provider())) {
                    throw invalid("method.provider", "must be one of " + String.join(", ", WALLETS.stream().sorted().toList()));
                }
            }
        }
        return new PaymentMethod(m.type(), m.type().equals(PaymentMethod.WALLET) ? m.provider() : null);
    }

    private CardData fullCard(PaymentRequest.MethodRequest m, OffsetDateTime now) {
        return CardData.of(CardNumber.parse(m.card().number(), "method.card.number"), m.card().expMonth(),
                m.card().expYear(), m.card().holder(), m.card().cvc(), YearMonth.from(now), "method.card");
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ErrorCode.REQUEST_INVALID, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /**
     * Who charges a saved card: a card its provider keeps (a recurring token) is charged by that provider
     * alone; a card kept in the vault only by a provider that takes card data.
     */
    private PaymentProvider chargedBy(PaymentProvider asked, String named, BoundCards.Usable card) {
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

    private Payment draft(Caller caller, PaymentRequest r, SuppliersConfig.Supplier supplier, PaymentMethod method,
                          PaymentProvider provider, long accountId, BoundCards.Usable card, String paymentType,
                          OffsetDateTime now) {
        return new Payment(IDS.generate(), 0, r.supplier(), accountId, r.account(), caller.clientId(), r.subscriber(),
                paymentType, r.amount().value(), supplier.currency(),
                method.type(), provider.name(), method.wallet(),
                card == null ? null : card.brand(), card == null ? null : card.first6(),
                card == null ? null : card.last4(), PaymentStatus.CREATED, null, null, null, 0, 0, false,
                Boolean.TRUE.equals(r.saveCard()), r.returnUrl(), now, now);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
