package io.peakgate.readings.service;

import io.peakgate.platform.time.Clocks;
import io.peakgate.readings.SingleRegisterMeter;
import io.peakgate.readings.ReadingSubmission;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.billing.OutboxEvent;
import io.peakgate.billing.Outbox;
import io.peakgate.billing.Topics;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.database.GroupCommit;
import io.peakgate.readings.mapping.ReadingMapper;
import io.peakgate.readings.rest.BatchResponse;
import io.peakgate.readings.ReadingResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Accepts meter readings: locks the meters' registers, applies {@link ReadingRules}, and writes the
 * readings, their billing events (outbox) and the idempotency record in one transaction. A single
 * submission is a batch of one, so both paths share every rule and statement.
 */
@ApplicationScoped
@Startup // its group commit's metrics exist from the start
public class ReadingService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    @Inject
    Pool pool;

    @Inject
    ReadingRepository readings;

    @Inject
    Outbox outbox;

    @Inject
    Accounts accounts;


    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    GroupConfig groupConfig;

    private GroupCommit<Single, ReadingResponse> groups;

    @PostConstruct
    void groups() {
        groups = new GroupCommit<>(pool, "readings", groupConfig.maxConcurrent(), groupConfig.maxItems(),
                single -> single.guard().identity(), this::writeGroup, metrics);
    }

    /** The group commit of single submissions (its queue and groups in progress). */
    GroupCommit<Single, ReadingResponse> groupCommit() {
        return groups;
    }

    /** The account's only meter when it has exactly one, single-register meter (what an SMS can address). */
    public Uni<SingleRegisterMeter> singleRegisterMeter(String supplierCode, String account) {
        return readings.registersByMeter(pool, supplierCode, account).map(meters -> {
            if (meters.size() != 1 || meters.values().iterator().next().size() != 1) {
                return null;
            }
            var only = meters.entrySet().iterator().next();
            return new SingleRegisterMeter(only.getKey(), only.getValue().getFirst());
        });
    }

    /** Check, then confirm: evaluates a reading against the current state and stores nothing. */
    public Uni<ReadingResponse> check(String supplierCode, ReadingSubmission submission) {
        SuppliersConfig.Supplier supplier = suppliers.require(supplierCode);
        OffsetDateTime now = now();
        return evaluate(pool, supplierCode, supplier, List.of(submission), false, List.of("dry-run"), now)
                .map(outcomes -> switch (outcomes.getFirst()) {
                    case ItemOutcome.Accepted a -> {
                        count(ReadingOutcome.CHECKED, null);
                        yield ReadingMapper.checked(supplierCode, a.reading(), supplier.currency());
                    }
                    case ItemOutcome.Rejected r -> throw rejected(r.problem());
                });
    }

    /**
     * Stores one reading. A guard that claims only its key joins its supplier's next group commit
     * ({@link #writeGroup}: concurrent submissions share one transaction); one with more to claim
     * (a verification token's one reading) has a transaction of its own.
     */
    public Uni<ReadingResponse> submit(String clientId, String supplierCode, ReadingSubmission submission,
                                       IdempotencyGuard guard) {
        SuppliersConfig.Supplier supplier = suppliers.require(supplierCode);
        if (groupConfig.enabled() && guard.claimsKeyOnly()) {
            return groups.submit(supplierCode, new Single(clientId, submission, guard))
                    .invoke(() -> count(ReadingOutcome.ACCEPTED, null))
                    .onFailure(ProblemException.class).invoke(e -> count(ReadingOutcome.REJECTED,
                            ((ProblemException) e).code().code()));
        }
        OffsetDateTime now = now();
        // the claim and the register lock are independent statements: pipelined, one round trip
        return pool.withTransaction(conn -> Uni.combine().all()
                .unis(guard.claim(conn), evaluate(conn, supplierCode, supplier, List.of(submission), true,
                        List.of(clientId), now))
                .with((claimed, outcomes) -> outcomes)
                .chain(outcomes -> switch (outcomes.getFirst()) {
                    case ItemOutcome.Rejected r -> Uni.createFrom().failure(rejected(r.problem()));
                    case ItemOutcome.Accepted a -> {
                        ReadingResponse response = ReadingMapper.accepted(a.reading(), supplier.currency());
                        yield persist(conn, supplierCode, supplier, now, List.of(a.reading()),
                                guard.record(conn, 201, response)).replaceWith(response);
                    }
                })).invoke(() -> count(ReadingOutcome.ACCEPTED, null));
    }

    /** One single submission waiting for its group. */
    record Single(String clientId, ReadingSubmission submission, IdempotencyGuard guard) {
    }

    /**
     * Writes one group of single submissions of one supplier, as the batch path writes a batch: one
     * multi-row idempotency claim pipelined with one register lock, the rules per claimed item in
     * arrival order (each seeing the registers as the earlier items left them), then one readings
     * insert, one register update, one outbox insert and one multi-row idempotency record. Each item
     * keeps its own outcome: a used key replays or refuses that item only (it moves nothing), a
     * refused reading gives its key back and fails that item only.
     */
    Uni<List<GroupCommit.Outcome<ReadingResponse>>> writeGroup(SqlConnection conn, String supplierCode,
                                                               List<Single> items) {
        SuppliersConfig.Supplier supplier = suppliers.require(supplierCode);
        OffsetDateTime now = now();
        List<IdempotencyGuard> guards = items.stream().map(Single::guard).toList();
        List<ReadingSubmission> all = items.stream().map(Single::submission).toList();
        return Uni.combine().all()
                .unis(IdempotencyGuard.claimAll(conn, guards),
                        readings.meters(conn, supplierCode, refs(supplierCode, all), true),
                        closed(conn, supplierCode, all))
                .asTuple()
                .chain(claimedAndLocked -> {
                    List<RuntimeException> used = claimedAndLocked.getItem1();
                    List<Integer> claimed = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        if (used.get(i) == null) {
                            claimed.add(i);
                        }
                    }
                    return decide(conn, supplierCode, supplier, claimed.stream().map(all::get).toList(),
                            claimed.stream().map(i -> items.get(i).clientId()).toList(),
                            claimedAndLocked.getItem2(), claimedAndLocked.getItem3(), now)
                            .chain(decided -> {
                                List<GroupCommit.Outcome<ReadingResponse>> answers = new ArrayList<>(
                                        Collections.nCopies(items.size(), null));
                                List<AcceptedReading> accepted = new ArrayList<>();
                                List<IdempotencyGuard> recorded = new ArrayList<>();
                                List<ReadingResponse> bodies = new ArrayList<>();
                                List<IdempotencyGuard> refused = new ArrayList<>();
                                for (int i = 0; i < items.size(); i++) {
                                    if (used.get(i) != null) {
                                        answers.set(i, GroupCommit.Outcome.failed(used.get(i)));
                                    }
                                }
                                for (int j = 0; j < claimed.size(); j++) {
                                    int i = claimed.get(j);
                                    switch (decided.get(j)) {
                                        case ItemOutcome.Accepted a -> {
                                            ReadingResponse response = ReadingMapper.accepted(a.reading(),
                                                    supplier.currency());
                                            accepted.add(a.reading());
                                            recorded.add(guards.get(i));
                                            bodies.add(response);
                                            answers.set(i, GroupCommit.Outcome.of(response));
                                        }
                                        case ItemOutcome.Rejected r -> {
                                            refused.add(guards.get(i));
                                            answers.set(i, GroupCommit.Outcome.failed(r.problem()));
                                        }
                                    }
                                }
                                Uni<Void> keys = Uni.combine().all().unis(
                                        IdempotencyGuard.recordAll(conn, recorded, 201, bodies),
                                        IdempotencyGuard.unclaimAll(conn, refused)).discardItems();
                                return persist(conn, supplierCode, supplier, now, accepted, keys)
                                        .replaceWith(answers);
                            });
                });
    }

    public Uni<BatchResponse> submitBatch(String clientId, String supplierCode, List<ReadingSubmission> submissions,
                                          IdempotencyGuard guard, String instance) {
        SuppliersConfig.Supplier supplier = suppliers.require(supplierCode);
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> guard.claim(conn)
                .chain(() -> evaluate(conn, supplierCode, supplier, submissions, true,
                        Collections.nCopies(submissions.size(), clientId), now))
                .chain(outcomes -> {
                    List<AcceptedReading> accepted = outcomes.stream()
                            .filter(o -> o instanceof ItemOutcome.Accepted)
                            .map(o -> ((ItemOutcome.Accepted) o).reading()).toList();
                    BatchResponse response = ReadingMapper.batch(submissions, outcomes, supplier.currency(), instance);
                    return persist(conn, supplierCode, supplier, now, accepted,
                            guard.record(conn, 200, response)).replaceWith(response)
                            .invoke(() -> outcomes.forEach(o -> {
                                if (o instanceof ItemOutcome.Rejected r) {
                                    count(ReadingOutcome.REJECTED, r.problem().code().code());
                                } else {
                                    count(ReadingOutcome.ACCEPTED, null);
                                }
                            }));
                }));
    }

    /** Writes readings, register values, events and the idempotency record: pipelined on one connection. */
    private Uni<Void> persist(SqlConnection conn, String supplierCode, SuppliersConfig.Supplier supplier,
                              OffsetDateTime now, List<AcceptedReading> accepted, Uni<Void> record) {
        if (accepted.isEmpty()) {
            return record;
        }
        List<OutboxEvent> events = accepted.stream().map(r -> outbox.envelope(Topics.READINGS,
                Topics.key(supplierCode, r.meter().account()), ReadingAcceptedEvent.TYPE, ReadingAcceptedEvent.SOURCE,
                supplierCode + "/" + r.meter().account(), now, ReadingAcceptedEvent.of(r, supplier.currency())))
                .toList();
        return Uni.combine().all().unis(readings.insert(conn, supplierCode, now, accepted),
                outbox.append(conn, events), record).discardItems();
    }

    /** Applies the rules to every submission in order, each seeing the registers as the earlier ones left them. */
    private Uni<List<ItemOutcome>> evaluate(SqlClient client, String supplierCode, SuppliersConfig.Supplier supplier,
                                            List<ReadingSubmission> submissions, boolean lock, List<String> clientIds,
                                            OffsetDateTime now) {
        return Uni.combine().all().unis(readings.meters(client, supplierCode, refs(supplierCode, submissions), lock),
                        closed(client, supplierCode, submissions)).asTuple()
                .chain(loaded -> decide(client, supplierCode, supplier, submissions, clientIds, loaded.getItem1(),
                        loaded.getItem2(), now));
    }

    /** Which of the submissions' accounts billing has closed: they take no readings. */
    private Uni<Set<String>> closed(SqlClient client, String supplierCode, List<ReadingSubmission> submissions) {
        Pattern format = suppliers.accountFormat(supplierCode);
        return accounts.closedAmong(client, supplierCode, submissions.stream().map(ReadingSubmission::account)
                .filter(a -> format.matcher(a).matches()).collect(Collectors.toSet()));
    }

    /** The meters the submissions name, for accounts of the supplier's format (others cannot exist). */
    private List<MeterRef> refs(String supplierCode, List<ReadingSubmission> submissions) {
        Pattern format = suppliers.accountFormat(supplierCode);
        return submissions.stream().filter(s -> format.matcher(s.account()).matches())
                .map(ReadingSubmission::meterRef).toList();
    }

    /** The rules over loaded meter states, in order; a missing meter is told from a missing account. */
    private Uni<List<ItemOutcome>> decide(SqlClient client, String supplierCode, SuppliersConfig.Supplier supplier,
                                          List<ReadingSubmission> submissions, List<String> clientIds,
                                          Map<MeterRef, MeterState> states, Set<String> closed,
                                          OffsetDateTime now) {
        Pattern format = suppliers.accountFormat(supplierCode);
        LocalDate today = now.atZoneSameInstant(supplier.timeZone()).toLocalDate();
        Set<String> unresolved = submissions.stream().filter(s -> !states.containsKey(s.meterRef()))
                .map(ReadingSubmission::account).filter(a -> format.matcher(a).matches())
                .collect(Collectors.toSet());
        Uni<Set<String>> accounts = unresolved.isEmpty() ? Uni.createFrom().item(Set.of())
                : readings.existingAccounts(client, supplierCode, unresolved);
        return accounts.map(existing -> {
            Map<MeterRef, MeterState> current = new HashMap<>(states);
            List<ItemOutcome> outcomes = new ArrayList<>(submissions.size());
            for (int i = 0; i < submissions.size(); i++) {
                ReadingSubmission s = submissions.get(i);
                if (closed.contains(s.account())) {
                    outcomes.add(new ItemOutcome.Rejected(Accounts.closed(supplierCode, s.account())));
                    continue;
                }
                MeterState meter = current.get(s.meterRef());
                if (meter == null) {
                    outcomes.add(new ItemOutcome.Rejected(notFound(supplierCode, supplier, s, existing)));
                    continue;
                }
                try {
                    Evaluation evaluation = ReadingRules.evaluate(supplier, meter, s.values(),
                            s.confirmImplausible(), today);
                    outcomes.add(new ItemOutcome.Accepted(new AcceptedReading(IDS.generate(), supplierCode, meter,
                            evaluation, s.source(), clientIds.get(i), now)));
                    current.put(s.meterRef(), meter.after(evaluation.lines()));
                } catch (ProblemException problem) {
                    outcomes.add(new ItemOutcome.Rejected(problem));
                }
            }
            return outcomes;
        });
    }

    private static ProblemException notFound(String supplierCode, SuppliersConfig.Supplier supplier,
                                             ReadingSubmission s, Set<String> existingAccounts) {
        if (!existingAccounts.contains(s.account())) {
            return new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Supplier " + supplierCode + " has no account '"
                    + s.account() + "' (accounts look like " + supplier.accountPattern() + ")");
        }
        return new ProblemException(ErrorCode.METER_NOT_FOUND, "Account " + s.account() + " has no meter '"
                + s.meter() + "'");
    }

    private ProblemException rejected(ProblemException problem) {
        count(ReadingOutcome.REJECTED, problem.code().code());
        return problem;
    }

    private void count(ReadingOutcome outcome, String code) {
        metrics.counter("peakgate.readings", "outcome", outcome.wire(), "code", code == null ? "none" : code).increment();
    }

    private OffsetDateTime now() {
        // microseconds: what PostgreSQL keeps, so a replayed body and the stored row agree
        return Clocks.now(clock);
    }
}
