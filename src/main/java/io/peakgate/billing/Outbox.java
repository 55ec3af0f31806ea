package io.peakgate.billing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The billing domain's front door: every event to downstream billing enters here, inside the
 * transaction of the change it reports (the transactional outbox); the relay takes it to Kafka.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EventEnvelopes envelopes;

    @Inject
    OutboxRepository repository;

    @Inject
    Pool pool;

    /**
     * A CloudEvents envelope with a fresh id, not yet stored.
     *
     * @param type    e.g. {@code io.peakgate.reading.accepted.v1}
     * @param source  the producing domain, e.g. {@code /peakgate/readings}
     * @param subject what the event is about, e.g. {@code esplus/3300000001}
     */
    public OutboxEvent envelope(String topic, String key, String type, String source, String subject,
                                OffsetDateTime time, Object data) {
        return envelopes.envelope(topic, key, type, source, subject, time, data);
    }

    /** Appends events inside the caller's transaction. */
    public Uni<Void> append(SqlConnection conn, List<OutboxEvent> events) {
        return repository.append(conn, events);
    }

    /** Builds one event and appends it in the caller's transaction; returns it (its id keys what it carried). */
    public Uni<OutboxEvent> publish(SqlConnection conn, String topic, String key, String type, String source,
                                    String subject, OffsetDateTime time, Object data) {
        OutboxEvent event = envelope(topic, key, type, source, subject, time, data);
        return repository.append(conn, List.of(event)).replaceWith(event);
    }

    /** What waits for the relay: unsent events per topic and the age of the oldest (the operator console's lag). */
    public Uni<OutboxBacklog> backlog() {
        return repository.backlogByTopic(pool).map(OutboxBacklog::of);
    }
}
