package io.peakgate.payments.service;

import io.peakgate.accounts.BalanceLedger;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStateMachine;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.ReviewKind;
import io.peakgate.payments.TransitionListener;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.platform.time.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one transition path: every payment's status changes here, by the {@link PaymentStateMachine},
 * and each change is published to the {@link TransitionListener}s inside the same transaction (the
 * billing event and balance movement, the saved card, the promise covered). Transactions opened here
 * drop the cached balance of every account a transition touched, after commit.
 */
@ApplicationScoped
class Transitions {

    @Inject
    Pool pool;

    @Inject
    PaymentRepository payments;

    @Inject
    BalanceLedger ledger;

    @Inject
    @Any
    Instance<TransitionListener> listenerBeans;

    @Inject
    Clock clock;

    private List<TransitionListener> listeners;

    @PostConstruct
    void init() {
        listeners = listenerBeans.stream().sorted(Comparator.comparingInt(TransitionListener::order)).toList();
    }

    /** Runs {@code work} in one transaction; after commit, the touched accounts' cached balances are dropped. */
    <T> Uni<T> inTransaction(Function<PaymentTx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Set<Long> touched = ConcurrentHashMap.newKeySet();
            return pool.withTransaction(conn -> work.apply(new PaymentTx(conn, touched)))
                    .call(() -> evict(touched));
        });
    }

    /** Stores a new payment (status {@code created}) and the first line of its history. */
    Uni<Payment> open(PaymentTx tx, Payment draft) {
        return payments.insert(tx.conn(), draft).call(stored -> payments.created(tx.conn(), stored));
    }

    /**
     * Moves a payment by the state machine and records the outcome's references; an illegal move (or
     * no news) leaves it as it is. Returns the payment as stored after the move.
     */
    Uni<Payment> move(PaymentTx tx, Payment current, ProviderOutcome outcome, String reason) {
        if (outcome.status() == null || !PaymentStateMachine.allowed(current.status(), outcome.status())) {
            return Uni.createFrom().item(current);
        }
        var at = Clocks.now(clock);
        Payment next = current.withStatus(outcome.status(), outcome.actionUrl(), outcome.providerRef(),
                outcome.failureCode(), at);
        PaymentTransition transition = new PaymentTransition(current, next, reason, outcome.card(), at);
        tx.touch(current.accountId());
        Uni<Void> chain = payments.transition(tx.conn(), current, next, reason);
        for (TransitionListener listener : listeners) {
            chain = chain.chain(() -> listener.onTransition(tx.conn(), transition));
        }
        return chain.chain(() -> payments.find(tx.conn(), current.id()));
    }

    /** Locks the payment and moves it (see {@link #move}). */
    Uni<Payment> move(PaymentTx tx, UUID paymentId, ProviderOutcome outcome, String reason) {
        return payments.lock(tx.conn(), paymentId).chain(p -> move(tx, p, outcome, reason));
    }

    /** Flags the payment for a person and files what did not match; its status does not change. */
    Uni<Void> review(PaymentTx tx, Payment p, String provider, ReviewKind kind, Map<String, Object> details) {
        return payments.needsReview(tx.conn(), p.id(), provider, kind, details);
    }

    private Uni<Void> evict(Set<Long> accounts) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (long account : accounts) {
            all = all.call(() -> ledger.evict(account));
        }
        return all;
    }
}
