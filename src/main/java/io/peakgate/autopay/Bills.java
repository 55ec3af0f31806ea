package io.peakgate.autopay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Bills billing has issued ({@code billing.bills.v1}: bill id, supplier, account, amount due, due
 * date; plain JSON or a CloudEvent around it). A bill of an account with autopay is filed for
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

    @Incoming("billing-bills")
    public Uni<Void> receive(String payload) {
        try {
            JsonNode message = json.readTree(payload);
            JsonNode bill = message.has("specversion") ? message.path("data") : message;
            String billId = bill.path("billId").asText(null);
            JsonNode due = bill.path("amountDue");
            if (billId == null || billId.isBlank() || billId.length() > 128 || !due.path("value").canConvertToLong()
                    || due.path("value").asLong() <= 0 || due.path("currency").asText().length() != 3) {
                LOG.warnf("Bill without an id, a positive amount due or a currency skipped");
                return Uni.createFrom().voidItem();
            }
            String dueDate = bill.path("dueDate").asText(null);
            return repository.intake(pool, billId, bill.path("supplier").asText(), bill.path("account").asText(),
                            due.path("value").asLong(), due.path("currency").asText(),
                            dueDate == null ? null : LocalDate.parse(dueDate),
                            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS))
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
}
