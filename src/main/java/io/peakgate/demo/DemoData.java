package io.peakgate.demo;

import io.peakgate.clients.ClientSpec;
import io.peakgate.clients.Clients;
import io.peakgate.platform.config.DemoMode;
import io.peakgate.platform.security.Secret;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo data set (SPEC section 6): the fixed demo accounts and the demo's API clients (made through the
 * clients front door, like any client, with the demo's fixed keys), loaded at start-up when the demo is on, and any number of generated {@code esplus} accounts for load tests
 * ({@code demo-data --accounts N}). Everything is idempotent: existing rows are left as they are.
 *
 * <p>Idle in production: unless {@link DemoMode} is on (never in the prod profile) the start-up observer
 * loads nothing and {@link #loadGenerated} refuses. It runs after the suppliers are mirrored (priority 20
 * after 10), which the accounts reference, and blocks start-up until the data is in.
 */
@ApplicationScoped
public class DemoData {

    /** First generated esplus account; the fixed ones are 3300000001 and 3300000002. */
    public static final long FIRST_GENERATED = 3_300_000_003L;
    private static final int CHUNK = 10_000;
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final List<String> SUPPLIERS = List.of("esplus", "kyivenergo", "ntvplus");

    /** A demo client and its fixed keys (refused unless the demo is on; listed in the README). */
    private record DemoClient(ClientSpec spec, String secretKey, String publishableKey) {
    }

    private static final List<DemoClient> CLIENTS = List.of(
            // the demo portal: its server's key and its pages' publishable key (tokenise a card, verify an account);
            // payers may be sent back to the demo's own origins
            new DemoClient(new ClientSpec("demo-portal", "Demo portal", null, SUPPLIERS,
                    List.of("readings:write", "readings:read", "payments:write", "payments:refund", "cards:manage",
                            "accounts:read", "reconciliation"), ClientSpec.SUPPLIER,
                    List.of("https://portal.example", "http://127.0.0.1:8080", "http://localhost:8080",
                            "http://127.0.0.1:8081", "http://localhost:8081"), true, true),
                    "demo-portal-key", "demo-portal-publishable-key"),
            // operations staff (finance), the back office: provider reconciliation, and every payment of the
            // suppliers to read and refund (a portal reads and refunds only the payments it created)
            new DemoClient(new ClientSpec("demo-ops", "Demo operations staff", null, SUPPLIERS,
                    List.of("reconciliation", "payments:read", "payments:refund"), ClientSpec.SUPPLIER, List.of(), false, true),
                    "demo-ops-key", null),
            // a portal serving many suppliers: acts only on accounts its subscribers linked (X-Subscriber header)
            new DemoClient(new ClientSpec("demo-aggregator-portal", "Demo aggregator portal", null, SUPPLIERS,
                    List.of("readings:write", "readings:read", "payments:write", "cards:manage", "accounts:read"),
                    ClientSpec.AGGREGATOR, List.of("https://aggregator.example"), false, true),
                    "demo-aggregator-portal-key", null),
            // the suppliers' operator: API clients and keys, imports, the review desk
            new DemoClient(new ClientSpec("demo-admin", "Demo operator", null, SUPPLIERS, List.of("admin"),
                    ClientSpec.SUPPLIER, List.of(), false, true), "demo-admin-key", null));

    @Inject
    DemoRepository repository;

    @Inject
    DemoMode demo;

    @Inject
    Clients clients;

    void onStart(@Observes @Priority(20) StartupEvent event) throws IOException {
        if (demo.active()) {
            loadFixed();
        }
    }

    private void loadFixed() throws IOException {
        String script;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/fixed-accounts.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // start-up runs on the main thread, never an event loop: waiting here holds start-up until the rows are in
        repository.runScript(script).await().indefinitely();
        for (DemoClient client : CLIENTS) {
            clients.createIfAbsent(client.spec(), Secret.of(client.secretKey()),
                    client.publishableKey() == null ? null : Secret.of(client.publishableKey())).await().indefinitely();
        }
        LOG.info("Demo data: fixed demo accounts and the demo's API clients are loaded");
    }

    /**
     * Ensures {@code count} generated esplus accounts exist (3300000003 onwards), each with a
     * single-rate 6-digit meter {@code E-<account>} (register T1), in bulk chunks with a progress line.
     * Blocking (the {@code demo-data} command's main thread). False, and nothing loaded, unless the demo is on.
     */
    public boolean loadGenerated(long count, PrintStream progress) {
        if (!demo.active()) {
            return false;
        }
        long created = 0;
        for (long from = 0; from < count; from += CHUNK) {
            long to = Math.min(count, from + CHUNK) - 1;
            created += repository.generateAccounts(FIRST_GENERATED, from, to).await().indefinitely();
            progress.printf("\rgenerated esplus accounts: %d/%d (%d new)", to + 1, count, created);
            progress.flush();
        }
        progress.printf("%ngenerated esplus accounts %d..%d are loaded (%d new)%n", FIRST_GENERATED,
                FIRST_GENERATED + count - 1, created);
        return true;
    }
}
