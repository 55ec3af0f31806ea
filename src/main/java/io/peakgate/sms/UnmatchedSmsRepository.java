package io.peakgate.sms;

import io.peakgate.platform.logging.CardNumberMask;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;

/** SQL of the payment messages that paid nothing, kept for the review desk. */
@ApplicationScoped
class UnmatchedSmsRepository {

    /** One such message (a retried message id is answered from the idempotency record and never gets here). */
    record Unmatched(String aggregator, InboundSms sms, String problem, String supplier, String account, Long amount,
                     String currency) {
    }

    Uni<Void> insert(SqlConnection conn, Unmatched u) {
        return conn.preparedQuery("""
                        INSERT INTO sms_unmatched (aggregator, message_id, sender, short_number, text, problem, supplier,
                            account, amount, currency, received_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT ON CONSTRAINT sms_unmatched_message DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(u.aggregator(), u.sms().messageId(), masked(u.sms().from()),
                        // a subscriber may type a card number into the message: it is never kept in the clear
                        u.sms().to(), CardNumberMask.mask(u.sms().text()), u.problem(), u.supplier(), u.account(),
                        u.amount(), u.currency(), u.sms().receivedAt())))
                .replaceWithVoid();
    }

    /** The phone number with all but its last four digits hidden: enough to recognise, not to call. */
    static String masked(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 4 ? "****" : "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }
}
