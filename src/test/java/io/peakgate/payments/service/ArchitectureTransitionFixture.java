package io.peakgate.payments.service;

import io.peakgate.payments.Payment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Deliberately wrong for ArchitectureTest: a payment's status written around the transition path. */
final class ArchitectureTransitionFixture {

    PaymentRepository payments;

    Uni<Void> wrong(SqlConnection conn, Payment before, Payment after) {
        return payments.transition(conn, before, after, "around the path");
    }
}
