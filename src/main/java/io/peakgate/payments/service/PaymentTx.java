package io.peakgate.payments.service;

import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.Set;

/**
 * One transaction of the payments domain: its connection, and the accounts whose balance a
 * transition in it changed (their cached balances are dropped after commit, by {@link Transitions}).
 */
record PaymentTx(SqlConnection conn, Set<Long> touched) {

    void touch(long accountId) {
        touched.add(accountId);
    }
}
