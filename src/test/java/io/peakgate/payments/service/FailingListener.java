package io.peakgate.payments.service;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.TransitionListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test listener that fails the success of a payment to an account a test registered (a fresh
 * account of its own, so no other payment is touched), after every real listener ran.
 */
@ApplicationScoped
public class FailingListener implements TransitionListener {

    /** Account numbers whose payments this listener fails. */
    public static final Set<String> ACCOUNTS = ConcurrentHashMap.newKeySet();

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Uni<Void> onTransition(SqlConnection conn, PaymentTransition t) {
        return t.to() == PaymentStatus.SUCCEEDED && ACCOUNTS.contains(t.after().account())
                ? Uni.createFrom().failure(new IllegalStateException("a listener failed (test)"))
                : Uni.createFrom().voidItem();
    }
}
