package io.peakgate.agents;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.accounts.Accounts;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Payment;
import io.peakgate.payments.Collected;
import io.peakgate.payments.Payments;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.SourceAddresses;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The two steps of the agent protocol: {@code check} says whether an account exists and may be paid
 * this sum; {@code pay} records the payment (settled: the agent has the money), once per agent
 * transaction id, and a repeated pay returns the first answer.
 */
@ApplicationScoped
public class AgentService {

    @Inject
    Suppliers suppliers;

    @Inject
    Accounts accounts;

    @Inject
    Payments payments;


    @Inject
    Pool pool;

    @Inject
    AgentsConfig config;

    @Inject
    SourceAddresses addresses;

    void checkAllowLists(@Observes StartupEvent start) {
        config.agents().forEach((name, agent) -> addresses.validate("agent " + name, agent.allowedAddresses()));
    }

    /** A request's parameters once parsed: {@code sum} in minor units, or null when none was sent. */
    record Request(String agent, String txnId, String supplier, String account, Long sum) {
    }

    Uni<AgentAnswer> check(Request r) {
        AgentAnswer refused = refusal(r);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return accounts.findOpen(pool, r.supplier(), r.account()).map(id -> id == null
                        ? answer(r, null, AgentAnswer.ACCOUNT_NOT_FOUND, "account not found")
                        : answer(r, null, AgentAnswer.OK, "OK"))
                .onFailure(AgentService::closed).recoverWithItem(() -> inactive(r));
    }

    Uni<AgentAnswer> pay(Request r, IdempotencyGuard guard) {
        AgentAnswer refused = refusal(r);
        if (r.sum() == null) {
            refused = answer(r, null, AgentAnswer.OTHER, "sum is required");
        }
        if (refused != null) {
            return store(guard, refused);
        }
        String reference = r.agent() + ":" + r.txnId();
        return payments.collected(new Collected("agent:" + r.agent(), Collected.AGENT, r.supplier(), r.account(),
                        r.sum(), reference, null), guard,
                        p -> answer(r, p.number(), AgentAnswer.OK, "OK"))
                .map(p -> answer(r, p.number(), AgentAnswer.OK, "OK"))
                .onFailure(e -> e instanceof ProblemException p && p.code() == ErrorCode.ACCOUNT_NOT_FOUND)
                .recoverWithUni(e -> store(guard, answer(r, null, AgentAnswer.ACCOUNT_NOT_FOUND, "account not found")))
                .onFailure(AgentService::closed).recoverWithUni(e -> store(guard, inactive(r)))
                .onFailure(Payments::duplicateReference)
                .recoverWithUni(e -> payments.byProviderRef(Collected.AGENT, reference)
                        .chain(first -> store(guard, first(r, first))));
    }

    /**
     * A pay whose idempotency record has expired meets PostgreSQL's unique reference instead: the
     * answer is the first payment's, when it was for the same account and sum.
     */
    private static AgentAnswer first(Request r, Payment first) {
        if (first == null) {
            throw new IllegalStateException("payment " + r.agent() + ":" + r.txnId() + " is neither new nor stored");
        }
        boolean same = first.supplier().equals(r.supplier()) && first.account().equals(r.account())
                && first.amount() == r.sum();
        return same ? answer(r, first.number(), AgentAnswer.OK, "OK") : otherData(r);
    }

    private static boolean closed(Throwable e) {
        return e instanceof ProblemException p && p.code() == ErrorCode.ACCOUNT_CLOSED;
    }

    /** The answer for an account billing has closed: it takes no payments. */
    private static AgentAnswer inactive(Request r) {
        return answer(r, null, AgentAnswer.ACCOUNT_INACTIVE, "account closed");
    }

    /** The answer to a txn_id already used with another account or sum: the first payment stands. */
    static AgentAnswer otherData(Request r) {
        return answer(r, null, AgentAnswer.OTHER, "txn_id already used with other data");
    }

    /** The refusal this request earns before any look-up, or null. */
    private AgentAnswer refusal(Request r) {
        SuppliersConfig.Supplier supplier = suppliers.require(r.supplier());
        if (!suppliers.accountFormat(r.supplier()).matcher(r.account()).matches()) {
            return answer(r, null, AgentAnswer.BAD_ACCOUNT, "invalid account format");
        }
        if (r.sum() != null && supplier.payments().tooSmall(r.sum())) {
            return answer(r, null, AgentAnswer.SUM_TOO_SMALL, "sum too small");
        }
        if (r.sum() != null && supplier.payments().tooLarge(r.sum())) {
            return answer(r, null, AgentAnswer.SUM_TOO_LARGE, "sum too large");
        }
        return null;
    }

    private Uni<AgentAnswer> store(IdempotencyGuard guard, AgentAnswer answer) {
        return pool.withTransaction(conn -> guard.claim(conn).chain(() -> guard.record(conn, 200, answer)))
                .replaceWith(answer);
    }

    private static AgentAnswer answer(Request r, Long prvTxn, int result, String comment) {
        return new AgentAnswer(r.txnId(), prvTxn, r.sum() == null ? null : Money.decimal(r.sum()), result, comment);
    }
}
