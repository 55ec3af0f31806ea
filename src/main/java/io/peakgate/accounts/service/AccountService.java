package io.peakgate.accounts.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.BalanceLedger;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Signatures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An account's history and statement, and proving knowledge of an account without registration. */
@ApplicationScoped
public class AccountService {

    public static final int PAGE = 50;
    private static final Set<String> KINDS = Set.of("payment", "refund", "reading", "promised_payment");
    /** A verification's outcome, as the {@code peakgate.verifications} metric counts it. */
    private enum Verification {
        VERIFIED, FAILED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a missing account is compared against, so both paths do the same work. */
    private static final Accounts.Proof NOBODY = new Accounts.Proof(-1, "\u0000nobody\u0000", "", -1L, false);

    @Inject
    Pool pool;

    @Inject
    OperationRepository operations;

    @Inject
    Accounts accounts;

    @Inject
    Suppliers suppliers;

    @Inject
    BalanceLedger balances;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    public Uni<OperationsPage> history(String supplier, String account, long accountId, LocalDate from, LocalDate to,
                                       List<String> kinds, String cursor, int limit) {
        ZoneId zone = suppliers.require(supplier).timeZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate start = from == null ? today.minusMonths(12) : from;
        LocalDate end = to == null ? today : to;
        if (end.isBefore(start)) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "'to' is before 'from'",
                    List.of(new FieldError("to", "must not be before from")));
        }
        List<String> wanted = kinds == null || kinds.isEmpty() ? null : kinds;
        if (wanted != null && !KINDS.containsAll(wanted)) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "kind must be payment, refund, reading or promised_payment",
                    List.of(new FieldError("kind", "must be payment, refund, reading or promised_payment")));
        }
        Cursor after = Cursor.decode(cursor);
        String currency = suppliers.require(supplier).currency();
        return operations.page(pool, accountId, start.atStartOfDay(zone).toOffsetDateTime(),
                        end.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), wanted,
                        after == null ? null : after.at(), after == null ? null : after.id(), limit + 1)
                .map(rows -> {
                    List<OperationsPage.Item> items = new ArrayList<>();
                    for (OperationRepository.Operation o : rows.subList(0, Math.min(limit, rows.size()))) {
                        items.add(new OperationsPage.Item(o.kind(), o.id(), o.at(),
                                o.amount() == null ? null : new Money(o.amount(), currency), o.status(), o.method(),
                                o.provider(), o.providerReference(), o.paymentNumber(), o.paymentId(),
                                o.details() == null ? null : o.details().getMap(), o.counted()));
                    }
                    String next = rows.size() > limit ? new Cursor(items.getLast().at(), items.getLast().id()).encode() : null;
                    return new OperationsPage(supplier, account, items, next);
                });
    }

    /**
     * Every money operation and reading in the range (no paging), with totals and the balance at both ends:
     * what a subscriber prints for a dispute.
     */
    public Uni<Statement> statement(String supplier, String account, long accountId, LocalDate from, LocalDate to) {
        SuppliersConfig.Supplier config = suppliers.require(supplier);
        ZoneId zone = config.timeZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate start = from == null ? today.minusMonths(12) : from;
        LocalDate end = to == null ? today : to;
        OffsetDateTime opens = start.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime closes = end.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return collect(supplier, account, accountId, start, end, new ArrayList<>(), null).chain(lines -> Uni.combine().all()
                .unis(accounts.proof(supplier, account), operations.readings(pool, accountId, opens, closes),
                        balances.at(supplier, accountId, opens), balances.at(supplier, accountId, closes))
                .with((proof, readings, opening, closing) -> {
                    long paid = lines.stream().filter(l -> l.kind().equals("payment") && l.counted())
                            .mapToLong(l -> l.amount().value()).sum();
                    long refunded = lines.stream().filter(l -> l.kind().equals("refund") && l.counted())
                            .mapToLong(l -> l.amount().value()).sum();
                    return new Statement(supplier, config, account, proof.holder(), proof.address(), start, end,
                            opening, closing, lines, readings.stream().map(AccountService::reading).toList(),
                            new Money(paid, config.currency()), new Money(refunded, config.currency()),
                            new Money(paid - refunded, config.currency()), OffsetDateTime.now(clock));
                }));
    }

    private static Statement.Reading reading(OperationRepository.MeterReading r) {
        List<Statement.Register> registers = new ArrayList<>();
        for (int i = 0; i < r.registers().size(); i++) {
            JsonObject line = r.registers().getJsonObject(i);
            registers.add(new Statement.Register(line.getString("register"), line.getLong("previous"),
                    line.getLong("current"), line.getLong("consumption"), line.getBoolean("rollover", false)));
        }
        return new Statement.Reading(r.at(), r.status(), r.meter(), r.service(), r.period(), r.late(), registers);
    }

    private Uni<List<OperationsPage.Item>> collect(String supplier, String account, long accountId, LocalDate from,
                                                   LocalDate to, List<OperationsPage.Item> into, String cursor) {
        return history(supplier, account, accountId, from, to, List.of("payment", "refund"), cursor, 500)
                .chain(page -> {
                    into.addAll(page.operations());
                    return page.nextCursor() == null ? Uni.createFrom().item(into)
                            : collect(supplier, account, accountId, from, to, into, page.nextCursor());
                });
    }

    /**
     * Checks the proof for an account by the supplier's method. A missing account is compared against a
     * dummy record, so the answer, its shape and its work are the same as for a wrong proof.
     */
    public Uni<Long> verify(String supplier, String account, String surname, Long lastPayment) {
        SuppliersConfig.Supplier config = suppliers.require(supplier);
        if (config.verification() == SuppliersConfig.VerificationMethod.HOLDER_SURNAME && (surname == null || surname.isBlank())) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "surname is required by " + supplier,
                    List.of(new FieldError("surname", "required by this supplier")));
        }
        if (config.verification() == SuppliersConfig.VerificationMethod.LAST_PAYMENT_AMOUNT && lastPayment == null) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "lastPaymentAmount is required by " + supplier,
                    List.of(new FieldError("lastPaymentAmount", "required by this supplier")));
        }
        return accounts.proof(supplier, account).map(found -> {
            Accounts.Proof proof = found == null ? NOBODY : found;
            boolean matches = switch (config.verification()) {
                case HOLDER_SURNAME -> Signatures.same(normalise(proof.holder()), normalise(surname));
                case LAST_PAYMENT_AMOUNT -> Signatures.same(String.valueOf(proof.lastPayment()), String.valueOf(lastPayment));
            };
            // a closed account fails like a wrong proof: the answer says nothing of why
            boolean ok = matches && found != null && !found.closed();
            metrics.counter("peakgate.verifications", "supplier", supplier, "outcome", (ok ? Verification.VERIFIED : Verification.FAILED).tag())
                    .increment();
            if (!ok) {
                throw new ProblemException(ErrorCode.VERIFICATION_FAILED,
                        "The account and the details given do not match");
            }
            return proof.id();
        });
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    /** An opaque position in the history: the time and id of the last item seen. */
    record Cursor(OffsetDateTime at, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(OffsetDateTime.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new ProblemException(ErrorCode.REQUEST_INVALID, "The cursor is not one this API gave out",
                        List.of(new FieldError("cursor", "invalid")));
            }
        }
    }
}
