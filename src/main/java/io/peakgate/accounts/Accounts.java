package io.peakgate.accounts;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The accounts domain's front door: finding an account, whether billing has closed it, and who may act on which account. A supplier's portal: any account of its suppliers. An aggregator
 * portal: only accounts linked to the subscriber it names. A verification token: only its account.
 * Anything else is simply not found (404), so nothing is revealed about other accounts.
 */
@ApplicationScoped
public class Accounts {

    @Inject
    Pool pool;

    @Inject
    AccountRepository accounts;

    /** The account's id if the caller may act on it (a closed account too: its history stays readable). */
    public Uni<Long> resolve(Caller caller, String supplier, String account) {
        return reach(caller, supplier, account).map(AccountRepository.Found::id);
    }

    /** The account's id if the caller may act on it and it takes readings and payments (not closed). */
    public Uni<Long> resolveOpen(Caller caller, String supplier, String account) {
        return reach(caller, supplier, account).map(found -> open(found, supplier, account));
    }

    private Uni<AccountRepository.Found> reach(Caller caller, String supplier, String account) {
        Uni<AccountRepository.Found> found = switch (caller.kind()) {
            case SUPPLIER_PORTAL -> accounts.find(pool, supplier, account);
            case VERIFIED_SUBSCRIBER -> caller.verified().supplier().equals(supplier)
                    && caller.verified().account().equals(account)
                    ? accounts.find(pool, supplier, account) : Uni.createFrom().nullItem();
            case AGGREGATOR_PORTAL -> accounts.findLinked(pool, supplier, account, caller.clientId(), subscriber(caller));
        };
        return found.map(f -> {
            if (f == null) {
                throw notFound(supplier, account);
            }
            return f;
        });
    }

    /** For writes whose own SQL finds the account: checks only callers that do not reach every account. */
    public Uni<Void> check(Caller caller, String supplier, String account) {
        return caller.reachesAllAccounts() ? Uni.createFrom().voidItem()
                : resolve(caller, supplier, account).replaceWithVoid();
    }

    public static String subscriber(Caller caller) {
        if (caller.subscriber() == null || caller.subscriber().isBlank()) {
            throw new ProblemException(ErrorCode.SUBSCRIBER_REQUIRED,
                    "A portal serving many suppliers acts for a subscriber: send X-Subscriber");
        }
        return caller.subscriber();
    }

    /** The account's id, or null when the supplier has no such account (no caller check: for partners' protocols). */
    public Uni<Long> findId(SqlClient client, String supplier, String number) {
        return accounts.find(client, supplier, number).map(f -> f == null ? null : f.id());
    }

    /**
     * Like {@link #findId} for what takes money or readings: null when there is no such account, and
     * {@link ErrorCode#ACCOUNT_CLOSED} when billing has closed it.
     */
    public Uni<Long> findOpen(SqlClient client, String supplier, String number) {
        return accounts.find(client, supplier, number).map(f -> f == null ? null : open(f, supplier, number));
    }

    /** Which of the supplier's accounts {@code numbers} billing has closed (a batch's accounts at once). */
    public Uni<Set<String>> closedAmong(SqlClient client, String supplier, Collection<String> numbers) {
        return numbers.isEmpty() ? Uni.createFrom().item(Set.of()) : accounts.closedAmong(client, supplier, numbers);
    }

    /** Whether billing has closed the account with this id. */
    public Uni<Boolean> closed(long accountId) {
        return accounts.closed(pool, accountId);
    }

    /** Links the account to the subscriber of the client (once). */
    public Uni<Void> link(String clientId, String subscriber, long accountId) {
        return accounts.link(pool, clientId, subscriber, accountId);
    }

    /** The accounts a subscriber of the client linked, oldest first. */
    public Uni<List<Linked>> linked(String clientId, String subscriber) {
        return accounts.linked(pool, clientId, subscriber);
    }

    /** What verification compares for the account (null when there is no such account). */
    public Uni<Proof> proof(String supplier, String number) {
        return accounts.proof(pool, supplier, number);
    }

    /** A linked account: supplier and number. */
    public record Linked(String supplier, String account) {
    }

    /**
     * What verification compares: the holder and the amount of the last payment (the newer of billing's and the
     * gateway's own last captured one; null when none); a closed account is never verified.
     */
    public record Proof(long id, String holder, String address, Long lastPayment, boolean closed) {
    }

    /** The refusal of a payment or a reading for an account billing has closed: 409. */
    public static ProblemException closed(String supplier, String account) {
        return new ProblemException(ErrorCode.ACCOUNT_CLOSED, "Account " + account + " of " + supplier
                + " is closed: it takes no readings and no payments");
    }

    private static long open(AccountRepository.Found found, String supplier, String account) {
        if (found.closed()) {
            throw closed(supplier, account);
        }
        return found.id();
    }

    /** The refusal of an account the supplier does not have (or the caller may not reach): 404, the same for both. */
    public static ProblemException notFound(String supplier, String account) {
        return new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Supplier " + supplier + " has no account '"
                + account + "'");
    }
}
