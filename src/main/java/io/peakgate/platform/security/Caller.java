package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authenticated caller as the domain sees it: which client, which suppliers and scopes it was
 * granted, with which kind of key, and how far it reaches. A supplier's own portal acts on any
 * account of its suppliers; an aggregator portal only on accounts linked to the subscriber it names;
 * a verification token only on its one account. Subscriber-scoped operations act only for the
 * subscriber the portal authenticated ({@code X-Subscriber}), whatever the kind of client.
 */
public record Caller(String clientId, Set<String> suppliers, Set<Scope> scopes, Kind kind, String subscriber,
                     VerifiedAccount verified, boolean publishable, Set<String> returnOrigins) {

    public enum Kind {
        SUPPLIER_PORTAL, AGGREGATOR_PORTAL, VERIFIED_SUBSCRIBER
    }

    /** The one account a verification token proves knowledge of. */
    public record VerifiedAccount(String token, String supplier, String account) {
    }

    /** The client as authenticated by one of its keys ({@code publishable} when by its publishable key). */
    public static Caller of(ApiClient client, String subscriber, boolean publishable) {
        Set<String> granted = words(client.scopes());
        Set<Scope> scopes = Arrays.stream(Scope.values()).filter(s -> granted.contains(s.value()))
                .collect(Collectors.toUnmodifiableSet());
        Kind kind = "aggregator".equals(client.kind()) ? Kind.AGGREGATOR_PORTAL : Kind.SUPPLIER_PORTAL;
        return new Caller(client.id(), words(client.suppliers()), scopes, kind, subscriber, null, publishable,
                words(client.returnOrigins()));
    }

    public static Caller verified(String portalClientId, VerifiedAccount account) {
        return new Caller(portalClientId, Set.of(account.supplier()), Set.of(Scope.READINGS_WRITE, Scope.ACCOUNTS_READ),
                Kind.VERIFIED_SUBSCRIBER, null, account, false, Set.of());
    }

    private static Set<String> words(String list) {
        return list == null || list.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(list.trim().split("\\s+")));
    }

    /** The same client acting for another subscriber (the header differs per request; the grant does not). */
    public Caller forSubscriber(String subscriber) {
        return new Caller(clientId, suppliers, scopes, kind, subscriber, verified, publishable, returnOrigins);
    }

    /** Refuses (403) unless this client holds {@code scope}. */
    public void requireScope(Scope scope) {
        if (!scopes.contains(scope)) {
            throw new ProblemException(ErrorCode.AUTH_SCOPE_MISSING, "This API key lacks the scope " + scope.value());
        }
    }

    /** Whether this client holds {@code scope} for {@code supplier}. */
    public boolean holds(String supplier, Scope scope) {
        return suppliers.contains(supplier) && scopes.contains(scope);
    }

    /** Refuses (403) unless this client may use {@code scope} for {@code supplier}. */
    public void require(String supplier, Scope scope) {
        if (kind == Kind.VERIFIED_SUBSCRIBER && !suppliers.contains(supplier)) {
            // a token proves one account: everything else is simply not there for it
            throw new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account");
        }
        if (!suppliers.contains(supplier)) {
            throw new ProblemException(ErrorCode.AUTH_SUPPLIER_FORBIDDEN,
                    "This API key is not granted supplier '" + supplier + "'");
        }
        requireScope(scope);
    }

    /**
     * Refuses unless {@code subscriber} is the one this portal authenticated: 400 when it named none
     * ({@code X-Subscriber}), 404 for anyone else's (nothing said about whether they exist).
     */
    public void actFor(String subscriber) {
        if (!authenticatedSubscriber().equals(subscriber)) {
            throw new ProblemException(ErrorCode.SUBSCRIBER_NOT_FOUND, "No such subscriber");
        }
    }

    /** The subscriber this portal authenticated ({@code X-Subscriber}); 400 when it named none. */
    public String authenticatedSubscriber() {
        if (subscriber == null || subscriber.isBlank()) {
            throw new ProblemException(ErrorCode.SUBSCRIBER_REQUIRED,
                    "Subscriber-scoped operations act for the subscriber the portal authenticated: send X-Subscriber");
        }
        return subscriber;
    }

    /** Whether the caller reaches every account of its suppliers (no account-level check needed). */
    public boolean reachesAllAccounts() {
        return kind == Kind.SUPPLIER_PORTAL;
    }
}
