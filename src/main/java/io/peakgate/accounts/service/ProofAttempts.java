package io.peakgate.accounts.service;

import io.peakgate.platform.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Budgets for proving knowledge of an account (a holder's surname, a last payment): verification and
 * linking draw on the same budgets, so neither gets around the other. Counted per client address, per
 * account and, for linking, per portal subscriber; refused (429) beyond them and (503) when they cannot
 * be counted. The client address is the connection's peer, or what a trusted proxy forwarded for it as
 * Quarkus applies it ({@code quarkus.http.proxy.*}); a header a caller sends itself counts for nothing.
 */
@ApplicationScoped
public class ProofAttempts {

    static final int PER_ADDRESS = 60;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
    static final int PER_ACCOUNT = 5;
    static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(15);
    static final int PER_SUBSCRIBER = 10;
    static final Duration SUBSCRIBER_WINDOW = Duration.ofMinutes(15);
    private static final String REFUSAL = "Too many verification attempts; try later";

    @Inject
    RateLimiter limits;

    /** One attempt at {@code POST /v1/suppliers/{supplier}/verify}. */
    public Uni<Void> verification(HttpServerRequest request, String supplier, String account) {
        return address(request).chain(() -> account(supplier, account));
    }

    /** One attempt at linking {@code account} to a portal's {@code subscriber}. */
    public Uni<Void> link(HttpServerRequest request, String clientId, String subscriber, String supplier, String account) {
        return address(request)
                .chain(() -> limits.require("proof:subscriber:" + clientId + ":" + subscriber, PER_SUBSCRIBER,
                        SUBSCRIBER_WINDOW, REFUSAL))
                .chain(() -> account(supplier, account));
    }

    private Uni<Void> address(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return limits.require("proof:address:" + address, PER_ADDRESS, ADDRESS_WINDOW, REFUSAL);
    }

    private Uni<Void> account(String supplier, String account) {
        return limits.require("proof:account:" + supplier + ":" + account, PER_ACCOUNT, ACCOUNT_WINDOW, REFUSAL);
    }
}
