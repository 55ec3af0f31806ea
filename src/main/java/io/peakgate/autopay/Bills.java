package io.peakgate.autopay;

import io.peakgate.platform.time.Clocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.accounts.Suppliers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Bills billing has issued ({@code billing.bills.v1}: {@code billId}, {@code supplier}, {@code account},
 * {@code amountDue} as {@code {value, currency}} or a number of minor units (the supplier's currency),
 * {@code dueDate}; plain JSON or a CloudEvent around it; snake_case spellings are read too). A bill of an account with autopay is filed for
 * charging once per bill id, so a bill delivered twice is charged once. Unreadable bills are logged
 * and skipped so they never stop the stream.
 */
@ApplicationScoped
public class Bills {

    private static final Logger LOG = Logger.getLogger(Bills.class);

    @Inject
    Pool pool;

    @Inject
    AutopayRepository repository;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Suppliers suppliers;

    @Incoming("billing-bills")
    public Uni<Void> receive(String payload) {
        try {
            JsonNode message = json.readTree(payload);
            boolean cloudEvent = message.has("specversion");
            JsonNode bill = cloudEvent ? message.path("data") : message;
            // billing's field names, with the plainer spellings a billing system may use
            String billId = text(bill, "billId", "bill_id", cloudEvent ? null : "id");
            JsonNode due = first(bill, "amountDue", "amount_due", "amount");
            JsonNode amount = due.isNumber() ? due : due.path("value");
            // minor units: a fractional amount is not a bill this gateway can charge
            long value = amount.isIntegralNumber() ? amount.asLong() : 0;
            String supplier = text(bill, "supplier");
            String currency = due.isNumber() || !due.has("currency") ? text(bill, "currency") : due.path("currency").asText();
            if (currency == null && supplier != null && suppliers.all().containsKey(supplier)) {
                currency = suppliers.all().get(supplier).currency();
            }
            if (billId == null || billId.isBlank() || billId.length() > 128 || value <= 0 || currency == null
                    || currency.length() != 3) {
                LOG.warnf("Bill without an id, a positive amount due or a currency skipped");
                return Uni.createFrom().voidItem();
            }
            LocalDate dueDate = date(text(bill, "dueDate", "due_date"));
            return repository.intake(pool, billId, supplier, text(bill, "account"), value, currency, dueDate,
                            Clocks.now(clock))
                    .replaceWithVoid()
                    // PostgreSQL away: hold this partition's bills until it is back rather than lose one
                    .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(40)
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("Bill %s not filed: %s", billId, e.toString());
                        return Uni.createFrom().voidItem();
                    });
        } catch (Exception e) {
            LOG.warnf("Unreadable bill skipped: %s", e.toString());
            return Uni.createFrom().voidItem();
        }
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            if (name != null && node.hasNonNull(name)) {
                return node.get(name);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String text(JsonNode node, String... names) {
        JsonNode found = first(node, names);
        return found.isValueNode() ? found.asText() : null;
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
