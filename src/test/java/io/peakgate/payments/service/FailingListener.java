package io.peakgate.payments.service;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.TransitionListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** A test listener that fails the success of a payment of exactly {@link #AMOUNT}, after every real listener ran. */
@ApplicationScoped
public class FailingListener implements TransitionListener {

    /** 13.13 in minor units: no other test pays it. */
    public static final long AMOUNT = 1313;

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Uni<Void> onTransition(SqlConnection conn, PaymentTransition t) {
        return t.to() == PaymentStatus.SUCCEEDED && t.after().amount() == AMOUNT
                ? Uni.createFrom().failure(new IllegalStateException("a listener failed (test)"))
                : Uni.createFrom().voidItem();
    }
}
