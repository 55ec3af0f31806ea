package io.peakgate.payments.callbacks;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.Notification;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.peakgate.vault.ProviderCard;
import io.peakgate.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The inbox of verified provider callbacks, one row per (provider, event id): duplicates are dropped here.
 * Turns notifications into the stored JSON and back (a saved card's provider token sealed by the vault);
 * the SQL is {@link CallbackInboxRepository}'s.
 */
@ApplicationScoped
public class CallbackInbox {

    @Inject
    Vault vault;

    @Inject
    CallbackInboxRepository repository;

    /** Stores the notification; false when this provider event was already stored (a duplicate). */
    Uni<Boolean> store(SqlClient client, Notification n) {
        return repository.insert(client, n.provider(), n.eventId(), ref(n), toJson(n));
    }

    /** Leases pending rows (all, or one event), so that concurrent processors never take the same row. */
    Uni<List<Claimed>> claim(SqlClient client, int limit) {
        return repository.claim(client, limit).map(this::claimed);
    }

    Uni<List<Claimed>> claim(SqlClient client, String provider, String eventId) {
        return repository.claim(client, provider, eventId).map(this::claimed);
    }

    Uni<Void> done(SqlClient client, Notification n, Status status, String outcome) {
        return repository.done(client, n.provider(), n.eventId(), status.wire(), outcome);
    }

    /** A stored callback's state: waiting to be applied, applied (its outcome recorded), or given up. */
    enum Status {
        RECEIVED("received"), PROCESSED("processed"), FAILED("failed");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    Uni<Integer> purge(SqlClient client, Duration keep) {
        return repository.purge(client, keep);
    }

    record Claimed(Notification notification, int attempts) {
    }

    private List<Claimed> claimed(List<CallbackInboxRepository.Leased> rows) {
        return rows.stream().map(r -> new Claimed(fromJson(r.notification()), r.attempts())).toList();
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
