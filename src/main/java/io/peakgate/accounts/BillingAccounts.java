package io.peakgate.accounts;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;

/**
 * Applies billing's accounts, holders and meters ({@code billing.accounts.v1}, compacted, keyed
 * {@code supplier:account}) in one transaction per record, one record at a time (so in order per
 * partition, and so per key). A change is applied only if billing's time is newer than the one the
 * account holds, so a replayed topic changes nothing. A record that does not parse or validate fails:
 * the channel's dead-letter strategy sends it to {@code billing.accounts.dlq.v1} with the reason, and
 * the next record is applied. A fault of the database is not the record's: it is retried until the
 * database answers, holding the partition (the offset is committed only after the commit).
 */
@ApplicationScoped
public class BillingAccounts {

    private static final Logger LOG = Logger.getLogger(BillingAccounts.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    AccountEvents events;

    @Inject
    BillingAccountRepository repository;

    @Inject
    MeterRegistry metrics;

    /** What became of a record (the {@code outcome} of the metric {@code peakgate.billing.accounts}). */
    enum Outcome {
        APPLIED, SKIPPED, DEAD_LETTERED
    }

    @Incoming("billing-accounts")
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a tombstone: compaction's way to forget a key; the account stays as it is
            return Uni.createFrom().voidItem();
        }
        AccountChange change;
        try {
            change = events.read(record.key(), record.value());
        } catch (UnreadableAccountEvent e) {
            deadLettered(record, e);
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> pool.withTransaction(conn -> apply(conn, change)))
                .onFailure(e -> !refusedByDatabase(e)).invoke(e -> LOG.warnf(
                        "Account change %s of %s-%d@%d not applied yet, retrying: %s", record.key(), record.topic(),
                        record.partition(), record.offset(), e.toString()))
                .onFailure(e -> !refusedByDatabase(e)).retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely()
                .onFailure().transform(e -> new UnreadableAccountEvent("refused by the database: SQLSTATE "
                        + ((PgException) e).getSqlState()))
                .onFailure().invoke(e -> deadLettered(record, (UnreadableAccountEvent) e))
                .invoke(applied -> count(applied ? Outcome.APPLIED : Outcome.SKIPPED))
                .replaceWithVoid();
    }

    /** Applies the change if it is newer than what the account holds; false when it is not (nothing changes). */
    private Uni<Boolean> apply(SqlConnection conn, AccountChange change) {
        return switch (change) {
            case AccountChange.Close close -> repository.close(conn, close.supplier(), close.account(), close.at());
            case AccountChange.Upsert upsert -> repository.lock(conn, upsert.supplier(), upsert.account())
                    .chain(current -> {
                        if (current != null && current.billingAsOf() != null
                                && !upsert.at().isAfter(current.billingAsOf())) {
                            return Uni.createFrom().item(false);
                        }
                        Uni<Long> id = current != null ? Uni.createFrom().item(current.id())
                                : repository.insert(conn, upsert).chain(created -> created != null
                                ? Uni.createFrom().item(created)
                                // created meanwhile by another writer (the bulk import): decide against its row
                                : repository.lock(conn, upsert.supplier(), upsert.account()).map(again ->
                                again.billingAsOf() != null && !upsert.at().isAfter(again.billingAsOf()) ? null : again.id()));
                        return id.chain(accountId -> accountId == null ? Uni.createFrom().item(false)
                                : meters(conn, accountId, upsert)
                                .chain(changed -> repository.update(conn, accountId, upsert, changed))
                                .replaceWith(true));
                    });
        };
    }

    /** The account's meters and registers as billing lists them; whether anything changed. */
    private Uni<Boolean> meters(SqlConnection conn, long accountId, AccountChange.Upsert upsert) {
        return repository.upsertMeters(conn, accountId, upsert.meters())
                .chain(meters -> repository.removeOtherMeters(conn, accountId, upsert.meters(), upsert.at())
                        .chain(removed -> repository.upsertRegisters(conn, accountId, upsert.meters(), upsert.at())
                                .chain(registers -> repository.dropOtherRegisters(conn, accountId, upsert.meters())
                                        .map(dropped -> meters + removed + registers + dropped > 0))));
    }

    /** A constraint or data error: the record itself is wrong (retrying would fail the same way). */
    private static boolean refusedByDatabase(Throwable e) {
        return e instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    /** The failure this method returns is the nack that sends the record to the dead-letter topic. */
    private void deadLettered(ConsumerRecord<String, String> record, UnreadableAccountEvent e) {
        LOG.warnf("Account change %s of %s-%d@%d sent to the dead-letter topic: %s", record.key(), record.topic(),
                record.partition(), record.offset(), e.getMessage());
        count(Outcome.DEAD_LETTERED);
    }

    private void count(Outcome outcome) {
        metrics.counter("peakgate.billing.accounts", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
    }
}
