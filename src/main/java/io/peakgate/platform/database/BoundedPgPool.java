package io.peakgate.platform.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The reactive PostgreSQL pool as Quarkus configures it, plus a bounded wait queue and a bounded
 * wait: under overload or with PostgreSQL away a request is refused quickly (503 + Retry-After,
 * mapped in ProblemMappers) instead of queuing until its caller times out.
 */
@Singleton
public class BoundedPgPool implements PgPoolCreator {

    @Inject
    DatabaseConfig config;

    @Override
    public Pool create(Input input) {
        input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue())
                .setConnectionTimeout((int) config.connectionWait().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<PgConnectOptions> targets = input.pgConnectOptionsList();
        AtomicInteger next = new AtomicInteger();
        Supplier<Future<SqlConnectOptions>> target = () -> Future.succeededFuture(
                targets.get(Math.floorMod(next.getAndIncrement(), targets.size())));
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(target)
                .using(input.vertx())
                .build();
    }
}
