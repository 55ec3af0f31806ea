package io.peakgate.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Projects billing's balance snapshots ({@code billing.balances.v1}) into the read model. A snapshot
 * names the account, the debt (minor units; negative is a credit), when it was taken and the last
 * gateway event billing had applied. Older snapshots than the stored one are ignored; unreadable
 * ones are logged and skipped so they never stop the stream.
 */
@ApplicationScoped
public class BalanceSnapshots {

    private static final Logger LOG = Logger.getLogger(BalanceSnapshots.class);

    @Inject
    Pool pool;

    @Inject
    BalanceRepository balances;

    @Inject
    BalanceLedger service;

    @Inject
    ObjectMapper json;

    @Incoming("billing-balances")
    public Uni<Void> project(String payload) {
        JsonNode s;
        try {
            JsonNode message = json.readTree(payload);
            s = message.has("specversion") ? message.path("data") : message;
            String last = s.path("lastEventId").asText(null);
            return balances.snapshot(pool, s.path("supplier").asText(), s.path("account").asText(),
                            s.path("debt").path("value").asLong(), s.path("debt").path("currency").asText(),
                            OffsetDateTime.parse(s.path("asOf").asText()), last == null ? null : UUID.fromString(last))
                    .call(accountId -> accountId == null ? Uni.createFrom().voidItem() : service.evict(accountId))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("Balance snapshot not stored: %s", e.toString());
                        return Uni.createFrom().voidItem();
                    });
        } catch (Exception e) {
            LOG.warnf("Unreadable balance snapshot skipped: %s", e.toString());
            return Uni.createFrom().voidItem();
        }
    }
}
