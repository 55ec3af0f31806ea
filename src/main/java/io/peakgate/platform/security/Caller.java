package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authenticated caller as the domain sees it: which client, which suppliers and scopes it was
 * granted, and how far it reaches. A supplier's own portal acts on any account of its suppliers; an
 * aggregator portal only on accounts linked to the subscriber it names; a verification token only on
 * its one account.
 */
public record Caller(String clientId, Set<String> suppliers, Set<Scope> scopes, Kind kind, String subscriber,
                     VerifiedAccount verified) {

    public enum Kind {
        SUPPLIER_PORTAL, AGGREGATOR_PORTAL, VERIFIED_SUBSCRIBER
    }

    /** The one account a verification token proves knowledge of. */
    public record VerifiedAccount(String token, String supplier, String account) {
    }

    public static Caller of(ApiClient client, String subscriber) {
        Set<String> suppliers = Set.copyOf(Arrays.asList(client.suppliers.trim().split("\\s+")));
        Set<String> granted = Set.copyOf(Arrays.asList(client.scopes.trim().split("\\s+")));
        Set<Scope> scopes = Arrays.stream(Scope.values()).filter(s -> granted.contains(s.value()))
                .collect(Collectors.toUnmodifiableSet());
        Kind kind = "aggregator".equals(client.kind) ? Kind.AGGREGATOR_PORTAL : Kind.SUPPLIER_PORTAL;
        return new Caller(client.id, suppliers, scopes, kind, subscriber, null);
    }

    public static Caller verified(String portalClientId, VerifiedAccount account) {
        return new Caller(portalClientId, Set.of(account.supplier()), Set.of(Scope.READINGS_WRITE, Scope.ACCOUNTS_READ),
                Kind.VERIFIED_SUBSCRIBER, null, account);
    }

    /** The same client acting for another subscriber (the header differs per request; the grant does not). */
    public Caller forSubscriber(String subscriber) {
        return new Caller(clientId, suppliers, scopes, kind, subscriber, verified);
    }

    /** Refuses (403) unless this client holds {@code scope}. */
    public void requireScope(Scope scope) {
        if (!scopes.contains(scope)) {
            throw new ProblemException(ErrorCode.AUTH_SCOPE_MISSING, "This API key lacks the scope " + scope.value());
        }
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

    /** Whether the caller reaches every account of its suppliers (no account-level check needed). */
    public boolean reachesAllAccounts() {
        return kind == Kind.SUPPLIER_PORTAL;
    }
}
