package io.peakgate.accounts.config;

import io.agroal.api.AgroalDataSource;
import io.peakgate.accounts.SuppliersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Mirrors the configured suppliers into the {@code supplier} table at start-up, so rows can reference them. */
@ApplicationScoped
public class SupplierSync {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SuppliersConfig config;

    void onStart(@Observes @Priority(10) StartupEvent event) throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement upsert = conn.prepareStatement("""
                     INSERT INTO supplier (code, name, currency, time_zone) VALUES (?, ?, ?, ?)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, currency = excluded.currency,
                         time_zone = excluded.time_zone, updated_at = now()""")) {
            for (Map.Entry<String, SuppliersConfig.Supplier> e : config.suppliers().entrySet()) {
                upsert.setString(1, e.getKey());
                upsert.setString(2, e.getValue().name());
                upsert.setString(3, e.getValue().currency());
                upsert.setString(4, e.getValue().timeZone().getId());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
