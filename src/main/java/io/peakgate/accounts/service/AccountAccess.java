package io.peakgate.accounts.service;

import io.peakgate.accounts.repository.AccountRepository;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may act on which account. A supplier's portal: any account of its suppliers. An aggregator
 * portal: only accounts linked to the subscriber it names. A verification token: only its account.
 * Anything else is simply not found (404), so nothing is revealed about other accounts.
 */
@ApplicationScoped
public class AccountAccess {

    @Inject
    Pool pool;

    @Inject
    AccountRepository accounts;

    /** The account's id if the caller may act on it. */
    public Uni<Long> resolve(Caller caller, String supplier, String account) {
        Uni<Long> id = switch (caller.kind()) {
            case SUPPLIER_PORTAL -> accounts.findId(pool, supplier, account);
            case VERIFIED_SUBSCRIBER -> caller.verified().supplier().equals(supplier)
                    && caller.verified().account().equals(account)
                    ? accounts.findId(pool, supplier, account) : Uni.createFrom().nullItem();
            case AGGREGATOR_PORTAL -> accounts.findLinked(pool, supplier, account, caller.clientId(), subscriber(caller));
        };
        return id.map(found -> {
            if (found == null) {
                throw notFound(supplier, account);
            }
            return found;
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

    private static ProblemException notFound(String supplier, String account) {
        return new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Supplier " + supplier + " has no account '"
                + account + "'");
    }
}
