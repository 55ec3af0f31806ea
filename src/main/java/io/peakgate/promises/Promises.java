package io.peakgate.promises;

import io.peakgate.platform.time.Clocks;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.accounts.BalanceLedger;
import io.peakgate.billing.Outbox;
import io.peakgate.billing.Topics;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Payment;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The promised payment: a short credit so service continues. Limited in amount and days per
 * supplier, one uncovered promise per account (an overdue one blocks the next), an event on
 * {@code billing.promises.v1} when granted, when payments cover it, and once if it runs out unpaid.
 */
@ApplicationScoped
public class Promises {

    static final String SOURCE = "/peakgate/promises";
    static final String GRANTED = "io.peakgate.promise.granted.v1";
    static final String COVERED = "io.peakgate.promise.covered.v1";
    static final String OVERDUE = "io.peakgate.promise.overdue.v1";
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final Logger LOG = Logger.getLogger(Promises.class);

    @Inject
    Pool pool;

    @Inject
    PromiseRepository promises;

    @Inject
    Suppliers suppliers;

    @Inject
    Outbox outbox;


    @Inject
    BalanceLedger balances;

    @Inject
    Clock clock;

    /** Read by the scheduler's {@code every} expression below; injected so the mapping is registered. */
    @Inject
    PromisesConfig config;

    /** The data of promise events. */
    public record PromiseEvent(UUID promiseId, String supplier, String account, Money amount, String status,
                               OffsetDateTime grantedAt, OffsetDateTime expiresAt, OffsetDateTime coveredAt) {
    }

    public Uni<PromiseView> grant(Caller caller, String supplier, String account, long accountId, PromiseRequest request,
                                  IdempotencyGuard guard) {
        SuppliersConfig.Supplier config = suppliers.require(supplier);
        SuppliersConfig.PromisedPayment offer = config.promisedPayment().orElseThrow(() -> new ProblemException(
                ErrorCode.PROMISE_NOT_OFFERED, supplier + " does not offer the promised payment"));
        Suppliers.requireCurrency(config, request.amount().currency(), "amount.currency");
        if (request.amount().value() > offer.maxAmount()) {
            throw new ProblemException(ErrorCode.PROMISE_AMOUNT_TOO_LARGE, "The largest promise is " + offer.maxAmount()
                    + " minor units", List.of(new FieldError("amount.value", "must be at most " + offer.maxAmount())));
        }
        int days = request.days() == null ? offer.maxDays() : request.days();
        if (days > offer.maxDays()) {
            throw new ProblemException(ErrorCode.PROMISE_TOO_LONG, "A promise lasts at most " + offer.maxDays() + " days",
                    List.of(new FieldError("days", "must be at most " + offer.maxDays())));
        }
        OffsetDateTime now = now();
        Promise promise = new Promise(IDS.generate(), accountId, request.amount().value(), config.currency(), 0,
                Promise.ACTIVE, now, now.plusDays(days), null);
        return pool.withTransaction(conn -> guard.claim(conn)
                        .chain(() -> promises.lockOpen(conn, accountId))
                        .chain(open -> {
                            if (open != null) {
                                throw Promise.OVERDUE.equals(open.state(now))
                                        ? new ProblemException(ErrorCode.PROMISE_OVERDUE, "The promise of "
                                        + open.grantedAt().toLocalDate() + " ended on " + open.expiresAt()
                                        + " unpaid; a payment must cover it first").with("promiseId", open.id())
                                        : new ProblemException(ErrorCode.PROMISE_ALREADY_ACTIVE,
                                        "The account has an active promise until " + open.expiresAt())
                                        .with("promiseId", open.id());
                            }
                            return promises.insert(conn, promise, caller.clientId());
                        })
                        .chain(() -> event(conn, GRANTED, supplier, account, promise))
                        .chain(() -> {
                            PromiseView view = PromiseView.of(supplier, account, promise, now);
                            return guard.record(conn, 201, view).replaceWith(view);
                        }))
                .call(() -> balances.evict(accountId));
    }

    /** Inside the transaction that records a succeeded payment: counts it towards the open promise. */
    Uni<Void> cover(SqlConnection conn, Payment payment, OffsetDateTime at) {
        return promises.cover(conn, payment.accountId(), payment.amount(), at)
                .chain(covered -> covered == null ? Uni.createFrom().voidItem()
                        : event(conn, COVERED, payment.supplier(), payment.account(), covered));
    }

    /**
     * Tells billing, once, of every promise that ran out unpaid (io.peakgate.promise.overdue.v1), in the
     * transaction that marks it told. Runs on every instance; claims do not overlap.
     */
    @Scheduled(every = "${peakgate.promises.janitor-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishOverdue() {
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> promises.claimOverdue(conn, now, 100)
                        .chain(overdue -> {
                            Uni<Void> all = Uni.createFrom().voidItem();
                            for (PromiseRepository.Overdue o : overdue) {
                                all = all.chain(() -> event(conn, OVERDUE, o.supplier(), o.account(), o.promise(),
                                        Promise.OVERDUE, o.promise().expiresAt()));
                            }
                            return all;
                        }))
                .onFailure().invoke(e -> LOG.warnf("Overdue promises not published: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> event(SqlConnection conn, String type, String supplier, String account, Promise p) {
        return event(conn, type, supplier, account, p, p.status(), COVERED.equals(type) ? p.coveredAt() : p.grantedAt());
    }

    private Uni<Void> event(SqlConnection conn, String type, String supplier, String account, Promise p, String status,
                            OffsetDateTime at) {
        PromiseEvent data = new PromiseEvent(p.id(), supplier, account, new Money(p.amount(), p.currency()), status,
                p.grantedAt(), p.expiresAt(), p.coveredAt());
        return outbox.append(conn, List.of(outbox.envelope(Topics.PROMISES, Topics.key(supplier, account), type,
                SOURCE, supplier + "/" + account, at, data)));
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }
}
