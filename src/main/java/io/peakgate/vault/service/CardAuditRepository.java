package io.peakgate.vault.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Appends to {@code card_audit}: one row per saved-card operation and card, never any card data. */
@ApplicationScoped
class CardAuditRepository {

    /** What was done to a saved card. */
    public enum Operation {
        BIND("bind"), USE("use"), DELETE("delete"), REVOKE_ALL("revoke_all");

        private final String wireName;

        Operation(String wireName) {
            this.wireName = wireName;
        }
    }

    /** What became of the operation (the {@code outcome} column). */
    public enum Outcome {
        PENDING("pending"), BOUND("bound"), ALREADY_BOUND("already_bound"), PAYMENT_FAILED("payment_failed"),
        ALLOWED("allowed"), NOT_FOUND("not_found"), PAYMENT_TYPE_MISMATCH("payment_type_mismatch"),
        NEW_SUPPLIER("new_supplier"), REMOVED("removed"), NONE("none");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }
    }

    /** One row: {@code cardRef} is the bound card's token, or null when no card was found. */
    public record Entry(OffsetDateTime at, String clientId, String subscriber, Operation operation, String cardRef,
                        Outcome outcome) {
    }

    /** Rows for the same operation on each of {@code cardRefs}, or one without a card when there are none. */
    public static List<Entry> each(OffsetDateTime at, String clientId, String subscriber, Operation operation,
                                   List<String> cardRefs, Outcome outcome, Outcome outcomeWhenNone) {
        if (cardRefs.isEmpty()) {
            return outcomeWhenNone == null ? List.of()
                    : List.of(new Entry(at, clientId, subscriber, operation, null, outcomeWhenNone));
        }
        return cardRefs.stream().map(ref -> new Entry(at, clientId, subscriber, operation, ref, outcome)).toList();
    }

    /** Writes the rows with {@code client}: pass the operation's transaction where it has one. */
    public Uni<Void> record(SqlClient client, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        INSERT INTO card_audit (at, client_id, subscriber, operation, card_ref, outcome)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .executeBatch(entries.stream().map(e -> Tuple.from(Arrays.asList(e.at(), e.clientId(), e.subscriber(),
                        e.operation().wireName, e.cardRef(), e.outcome().wireName))).toList())
                .replaceWithVoid();
    }

    public Uni<Void> record(SqlClient client, Entry entry) {
        return record(client, List.of(entry));
    }
}
