package io.peakgate.accounts;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mirrors the configured suppliers into the {@code supplier} table at start-up, so rows can reference them.
 * First of the start-up observers (priority 10, before the demo data), and it waits for the rows: start-up,
 * and so traffic, goes on only once they are in.
 */
@ApplicationScoped
class SupplierSync {

    @Inject
    Pool pool;

    @Inject
    SupplierRepository suppliers;

    @Inject
    SuppliersConfig config;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<Tuple> rows = new ArrayList<>();
        for (Map.Entry<String, SuppliersConfig.Supplier> e : config.suppliers().entrySet()) {
            rows.add(Tuple.of(e.getKey(), e.getValue().name(), e.getValue().currency(), e.getValue().timeZone().getId()));
        }
        if (!rows.isEmpty()) {
            // start-up runs on the main thread, never an event loop: waiting here is what holds start-up back
            suppliers.upsert(pool, rows).await().indefinitely();
        }
    }
}
