package io.peakgate.platform.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recent API key look-ups, so the hot path does not query for every request. A change to a client's keys
 * (rotation, revocation) is announced with PostgreSQL {@code NOTIFY} on {@link #CHANNEL} in the changing
 * transaction; every instance listens ({@link PgSubscriber}, a connection of its own) and evicts the
 * client's entries when the notification arrives, within milliseconds of the commit. While this instance
 * is not listening (not yet connected, or the connection was lost) nothing is cached, so a notification
 * it could not hear never leaves a revoked key working. An entry lives at most {@link ApiKeysConfig#cacheTtl()}
 * and never past its key's own expiry (a rotated-out key's grace period).
 */
@ApplicationScoped
public class ApiKeyCache {

    /** The notification channel; its payload is the id of the client whose keys changed. */
    public static final String CHANNEL = "peakgate_api_keys";
    /** The listening connection's name in pg_stat_activity. */
    public static final String LISTENER_NAME = "peakgate-api-key-listener";
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);

    @Inject
    ApiKeysConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on every eviction: a look-up that began before one is not cached when it ends. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile boolean complained;
    private PgSubscriber subscriber;

    private record Entry(String clientId, Caller caller, long expiresAtNanos) {
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            // e.g. a URL naming several hosts: the gateway still serves, every look-up goes to the database
            // the URL itself is not logged: it may carry a password
            LOG.errorf("Cannot listen for API key changes (%s): key look-ups are not cached", e.getClass().getSimpleName());
            return;
        }
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.addProperty("application_name", LISTENER_NAME);
        subscriber = PgSubscriber.subscriber(vertx, options);
        // called when the connection is lost: stop caching until LISTEN is in place again, and retry for ever
        subscriber.reconnectPolicy(attempt -> {
            deaf();
            return config.relistenEvery().toMillis();
        });
        subscriber.channel(CHANNEL)
                .handler(this::evict)
                .subscribeHandler(() -> {
                    generation.incrementAndGet();
                    listening = true;
                    complained = false;
                    LOG.debug("Listening for API key changes: look-ups are cached");
                });
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        listening = false;
        deaf();
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void connect() {
        subscriber.connect().subscribe().with(ok -> { }, failure -> {
            // the first connection is not retried by the subscriber itself
            deaf();
            if (!complained) {
                // once per outage, not at every retry
                complained = true;
                LOG.warnf("Cannot listen for API key changes (%s): look-ups are not cached until it can",
                        failure.getMessage());
            }
            if (!stopped) {
                vertx.setTimer(config.relistenEvery().toMillis(), id -> connect());
            }
        });
    }

    private void deaf() {
        if (listening) {
            LOG.warn("Lost the connection that listens for API key changes: look-ups are not cached until it is back");
        }
        listening = false;
        generation.incrementAndGet();
        entries.clear();
    }

    /** Whether look-ups are cached now (this instance hears every key change). */
    public boolean listening() {
        return listening;
    }

    /** The caller a key hash was found for, if it is still fresh. */
    Caller find(String hash) {
        Entry entry = entries.get(hash);
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry.caller() : null;
    }

    /** To be read before a look-up and given to {@link #keep}. */
    long generation() {
        return generation.get();
    }

    /** Keeps a look-up made since {@code generation}, unless a key changed meanwhile or nobody listens. */
    void keep(String hash, long generation, ApiClient client, Caller caller) {
        long ttl = config.cacheTtl().toNanos();
        if (client.expiresAt() != null) {
            ttl = Math.min(ttl, Duration.between(OffsetDateTime.now(), client.expiresAt()).toNanos());
        }
        if (ttl <= 0 || !listening || this.generation.get() != generation) {
            return;
        }
        if (entries.size() >= config.cacheMax()) {
            entries.clear();
        }
        entries.put(hash, new Entry(client.id(), caller, System.nanoTime() + ttl));
        if (this.generation.get() != generation) {
            // an eviction ran between the check and the put
            entries.remove(hash);
        }
    }

    /**
     * Forgets the client's keys on this instance (every instance does on the notification; the changing
     * instance also calls this after its commit, so its own next request is refused without waiting for it).
     */
    public void evict(String clientId) {
        generation.incrementAndGet();
        if (clientId == null || clientId.isBlank()) {
            entries.clear();
        } else {
            entries.values().removeIf(e -> e.clientId().equals(clientId));
        }
    }
}
