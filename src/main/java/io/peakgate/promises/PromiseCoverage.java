package io.peakgate.promises;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.TransitionListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A succeeded payment counts towards the account's open promise, in the transaction that records it. */
@ApplicationScoped
class PromiseCoverage implements TransitionListener {

    @Inject
    Promises promises;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Uni<Void> onTransition(SqlConnection conn, PaymentTransition t) {
        return t.to() == PaymentStatus.SUCCEEDED ? promises.cover(conn, t.after(), t.at()) : Uni.createFrom().voidItem();
    }
}
