package io.peakgate.callbacks;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.Notification;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.peakgate.vault.ProviderCard;
import io.peakgate.vault.service.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The inbox of verified provider callbacks, one row per (provider, event id): duplicates are dropped here. */
@ApplicationScoped
public class CallbackInbox {

    @Inject
    KeyRing vault;

    private static final String CLAIM = """
            UPDATE callback_inbox i SET lease_until = now() + interval '30 seconds', attempts = attempts + 1
            WHERE (i.provider, i.event_id) IN (
                SELECT provider, event_id FROM callback_inbox
                WHERE status = 'received' AND (lease_until IS NULL OR lease_until < now()) %s
                ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING i.notification, i.attempts""";

    /** Stores the notification; false when this provider event was already stored (a duplicate). */
    Uni<Boolean> store(SqlClient client, Notification n) {
        return client.preparedQuery("""
                        INSERT INTO callback_inbox (provider, event_id, payment_ref, notification) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (provider, event_id) DO NOTHING""")
                .execute(Tuple.of(n.provider(), n.eventId(), ref(n), toJson(n)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Leases pending rows (all, or one event), so that concurrent processors never take the same row. */
    Uni<List<Claimed>> claim(SqlClient client, int limit) {
        return client.preparedQuery(CLAIM.formatted("")).execute(Tuple.of(limit)).map(this::claimed);
    }

    Uni<List<Claimed>> claim(SqlClient client, String provider, String eventId) {
        return client.preparedQuery(CLAIM.formatted("AND provider = $2 AND event_id = $3"))
                .execute(Tuple.of(1, provider, eventId)).map(this::claimed);
    }

    Uni<Void> done(SqlClient client, Notification n, String status, String outcome) {
        return client.preparedQuery("""
                        UPDATE callback_inbox SET status = $3, outcome = $4, applied_at = now(), lease_until = NULL
                        WHERE provider = $1 AND event_id = $2""")
                .execute(Tuple.of(n.provider(), n.eventId(), status, outcome)).replaceWithVoid();
    }

    Uni<Integer> purge(SqlClient client, Duration keep) {
        return client.preparedQuery("""
                        DELETE FROM callback_inbox WHERE status <> 'received'
                        AND received_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) keep.toSeconds())).map(rows -> rows.rowCount());
    }

    record Claimed(Notification notification, int attempts) {
    }

    private List<Claimed> claimed(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Claimed> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new Claimed(fromJson(r.getJsonObject("notification")), r.getInteger("attempts")));
        }
        return list;
    }

    private static String ref(Notification n) {
        return switch (n.payment()) {
            case Notification.PaymentRef.ById id -> id.id().toString();
            case Notification.PaymentRef.ByNumber number -> "#" + number.number();
        };
    }

    private JsonObject toJson(Notification n) {
        JsonObject json = new JsonObject()
                .put("provider", n.provider()).put("eventId", n.eventId()).put("status", n.status().wire())
                .put("amount", n.amount()).put("currency", n.currency()).put("providerRef", n.providerRef())
                .put("supplier", n.supplier()).put("failureCode", n.failureCode()).put("test", n.test());
        if (n.card() != null) {
            // the provider's recurring token is sealed by the vault: never in the clear in a column
            ProviderCard c = n.card();
            json.put("card", new JsonObject().put("provider", c.provider()).put("brand", c.brand())
                    .put("first6", c.first6()).put("last4", c.last4()).put("expMonth", c.expMonth())
                    .put("expYear", c.expYear()).put("sealedToken", vault.seal(c.token(), n.eventId())));
        }
        switch (n.payment()) {
            case Notification.PaymentRef.ById id -> json.put("paymentId", id.id().toString());
            case Notification.PaymentRef.ByNumber number -> json.put("paymentNumber", number.number());
        }
        return json;
    }

    private Notification fromJson(JsonObject j) {
        Notification.PaymentRef ref = j.containsKey("paymentId")
                ? new Notification.PaymentRef.ById(UUID.fromString(j.getString("paymentId")))
                : new Notification.PaymentRef.ByNumber(j.getLong("paymentNumber"));
        return new Notification(j.getString("provider"), j.getString("eventId"), ref,
                PaymentStatus.of(j.getString("status")), j.getLong("amount"), j.getString("currency"),
                j.getString("providerRef"), j.getString("supplier"), j.getString("failureCode"),
                j.getBoolean("test", false), card(j.getJsonObject("card"), j.getString("eventId")));
    }

    private ProviderCard card(JsonObject c, String eventId) {
        return c == null ? null : new ProviderCard(c.getString("provider"), vault.open(c.getBinary("sealedToken"), eventId),
                c.getString("brand"), c.getString("first6"), c.getString("last4"), c.getInteger("expMonth"),
                c.getInteger("expYear"));
    }
}
