package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentTransition;
import io.peakgate.payments.TransitionListener;
import io.peakgate.vault.Vault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The card a payment asked to save: bound when the payment succeeds (a hosted provider's recurring
 * token arrives with its confirmation), dropped when it fails, is canceled or expires.
 */
@ApplicationScoped
class CardBindings implements TransitionListener {

    @Inject
    Vault vault;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Uni<Void> onTransition(SqlConnection conn, PaymentTransition t) {
        Payment p = t.after();
        return switch (t.to()) {
            case SUCCEEDED -> (t.card() != null && p.saveCard() && p.subscriber() != null
                    ? vault.bindPending(conn, p.id(), p.clientId(), p.subscriber(), p.paymentType(), t.card(), t.at())
                    : Uni.createFrom().voidItem())
                    .chain(() -> vault.settle(conn, p.id(), true, p.clientId(), p.subscriber(), p.supplier(), t.at()));
            case FAILED, CANCELED, EXPIRED -> vault.settle(conn, p.id(), false, p.clientId(), p.subscriber(),
                    p.supplier(), t.at());
            default -> Uni.createFrom().voidItem();
        };
    }
}
