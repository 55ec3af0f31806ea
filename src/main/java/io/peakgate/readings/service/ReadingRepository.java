package io.peakgate.readings.service;

import io.peakgate.platform.json.JsonCodec;
import io.peakgate.readings.RegisterLine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL of the readings hot path: batched by arrays, so one statement serves one reading or a thousand. */
@ApplicationScoped
class ReadingRepository {

    private static final String METERS = """
            SELECT a.id AS account_id, a.number, m.id AS meter_id, m.code, m.service, m.digits,
                   r.register, r.last_value, r.usual_consumption
            FROM unnest($2::text[], $3::text[]) AS want(number, code)
            JOIN account_directory a ON a.supplier = $1 AND a.number = want.number
            JOIN meter m ON m.account_id = a.id AND m.code = want.code AND m.removed_at IS NULL
            JOIN meter_register r ON r.meter_id = m.id
            ORDER BY r.meter_id, r.register
            """;

    private static final String INSERT_READINGS = """
            INSERT INTO reading (id, supplier, account_id, meter_id, period, late, needs_review, source, client_id,
                                 submitted_at, registers, estimated_charge)
            SELECT t.id, $1, t.account_id, t.meter_id, t.period, t.late, t.review, t.source, t.client_id, $2,
                   t.registers::jsonb, t.charge
            FROM unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::date[], $7::bool[], $8::bool[], $9::text[],
                        $10::text[], $11::text[], $12::bigint[])
                 AS t(id, account_id, meter_id, period, late, review, source, client_id, registers, charge)
            """;

    private static final String UPDATE_REGISTERS = """
            UPDATE meter_register r SET last_value = v.value, last_reading_at = $4
            FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS v(meter_id, register, value)
            WHERE r.meter_id = v.meter_id AND r.register = v.register
            """;

    @Inject
    JsonCodec json;

    /**
     * Loads the named meters with their registers (a meter billing removed takes no readings); with {@code lock} the register rows are locked
     * (in a stable order, so concurrent batches cannot deadlock) until the transaction ends.
     */
    public Uni<Map<MeterRef, MeterState>> meters(SqlClient client, String supplier, Collection<MeterRef> refs,
                                                 boolean lock) {
        Set<MeterRef> unique = new HashSet<>(refs);
        String[] accounts = unique.stream().map(MeterRef::account).toArray(String[]::new);
        String[] meters = unique.stream().map(MeterRef::meter).toArray(String[]::new);
        String sql = lock ? METERS + " FOR UPDATE OF r" : METERS;
        return client.preparedQuery(sql).execute(Tuple.of(supplier, accounts, meters)).map(rows -> {
            Map<MeterRef, List<Row>> byMeter = new LinkedHashMap<>();
            for (Row row : rows) {
                byMeter.computeIfAbsent(new MeterRef(row.getString("number"), row.getString("code")),
                        k -> new ArrayList<>()).add(row);
            }
            Map<MeterRef, MeterState> states = new LinkedHashMap<>();
            byMeter.forEach((ref, meterRows) -> {
                Row first = meterRows.getFirst();
                List<MeterState.Register> registers = meterRows.stream().map(r -> new MeterState.Register(
                        r.getString("register"), r.getLong("last_value"), r.getLong("usual_consumption"))).toList();
                states.put(ref, new MeterState(first.getLong("account_id"), ref.account(), first.getLong("meter_id"),
                        ref.meter(), first.getString("service"), first.getInteger("digits"), registers));
            });
            return states;
        });
    }

    /** The account's meters with their registers, by meter code (for channels that cannot name a meter). */
    public Uni<Map<String, List<String>>> registersByMeter(SqlClient client, String supplier, String account) {
        return client.preparedQuery("""
                        SELECT m.code, r.register FROM account_directory a
                        JOIN meter m ON m.account_id = a.id AND m.removed_at IS NULL JOIN meter_register r ON r.meter_id = m.id
                        WHERE a.supplier = $1 AND a.number = $2 ORDER BY m.code, r.register""")
                .execute(Tuple.of(supplier, account))
                .map(rows -> {
                    Map<String, List<String>> meters = new LinkedHashMap<>();
                    rows.forEach(r -> meters.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1)));
                    return meters;
                });
    }

    /** Which of {@code accounts} exist for the supplier (to tell a missing account from a missing meter). */
    public Uni<Set<String>> existingAccounts(SqlClient client, String supplier, Collection<String> accounts) {
        return client.preparedQuery("SELECT number FROM account_directory WHERE supplier = $1 AND number = ANY($2::text[])")
                .execute(Tuple.of(supplier, accounts.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getString(0)));
                    return found;
                });
    }

    /** Inserts the readings and moves each register's last value (the latest reading of a register wins). */
    public Uni<Void> insert(SqlConnection conn, String supplier, OffsetDateTime at,
                            List<AcceptedReading> readings) {
        int n = readings.size();
        UUID[] ids = new UUID[n];
        Long[] accountIds = new Long[n];
        Long[] meterIds = new Long[n];
        LocalDate[] periods = new LocalDate[n];
        Boolean[] late = new Boolean[n];
        Boolean[] review = new Boolean[n];
        String[] sources = new String[n];
        String[] clients = new String[n];
        String[] registers = new String[n];
        Long[] charges = new Long[n];
        Map<String, Object[]> lastValues = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            AcceptedReading r = readings.get(i);
            ids[i] = r.id();
            accountIds[i] = r.meter().accountId();
            meterIds[i] = r.meter().meterId();
            periods[i] = r.evaluation().period().atDay(1);
            late[i] = r.evaluation().late();
            review[i] = r.evaluation().needsReview();
            sources[i] = r.source();
            clients[i] = r.clientId();
            registers[i] = json.write(r.evaluation().lines());
            charges[i] = r.evaluation().estimatedCharge();
            for (RegisterLine line : r.evaluation().lines()) {
                lastValues.put(r.meter().meterId() + "/" + line.register(),
                        new Object[]{r.meter().meterId(), line.register(), line.current()});
            }
        }
        Long[] regMeters = lastValues.values().stream().map(v -> (Long) v[0]).toArray(Long[]::new);
        String[] regNames = lastValues.values().stream().map(v -> (String) v[1]).toArray(String[]::new);
        Long[] regValues = lastValues.values().stream().map(v -> (Long) v[2]).toArray(Long[]::new);
        Uni<?> inserted = conn.preparedQuery(INSERT_READINGS).execute(Tuple.from(List.of(supplier, at, ids,
                accountIds, meterIds, periods, late, review, sources, clients, registers, charges)));
        Uni<?> moved = conn.preparedQuery(UPDATE_REGISTERS).execute(Tuple.of(regMeters, regNames, regValues, at));
        return Uni.combine().all().unis(inserted, moved).discardItems();
    }

    /** A reading a person rejected, as billing is told of it. */
    record Rejected(UUID id, String supplier, String account, String meter, String period) {
    }

    /**
     * Takes a rejected reading back: each of its registers returns to the value before it, unless a later
     * reading has moved the register since. Returns the reading, or null when there is none.
     */
    Uni<Rejected> reject(SqlConnection conn, UUID readingId) {
        return conn.preparedQuery("""
                        WITH d AS (SELECT r.id, r.supplier, r.meter_id, r.period, r.submitted_at, r.registers,
                                          a.number, m.code
                                   FROM reading r JOIN account a ON a.id = r.account_id JOIN meter m ON m.id = r.meter_id
                                   WHERE r.id = $1),
                        back AS (UPDATE meter_register g SET last_value = (x ->> 'previous')::bigint
                                 FROM d, jsonb_array_elements(d.registers) x
                                 WHERE g.meter_id = d.meter_id AND g.register = x ->> 'register'
                                   AND g.last_value = (x ->> 'current')::bigint AND g.last_reading_at = d.submitted_at
                                 RETURNING g.register)
                        SELECT d.id, d.supplier, d.number, d.code, to_char(d.period, 'YYYY-MM') AS period,
                               (SELECT count(*) FROM back) AS restored
                        FROM d""")
                .execute(Tuple.of(readingId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Rejected(r.getUUID("id"), r.getString("supplier"), r.getString("number"),
                            r.getString("code"), r.getString("period"));
                });
    }

    /** Readings submitted per minute since {@code since} for the suppliers, by minute (UTC), oldest first. */
    Uni<Map<OffsetDateTime, Long>> perMinute(SqlClient client, Collection<String> suppliers, OffsetDateTime since) {
        return client.preparedQuery("""
                        SELECT date_trunc('minute', submitted_at) AS minute, count(*) AS n FROM reading
                        WHERE submitted_at >= $1 AND supplier = ANY($2::text[]) GROUP BY 1 ORDER BY 1""")
                .execute(Tuple.of(since, suppliers.toArray(String[]::new)))
                .map(rows -> {
                    Map<OffsetDateTime, Long> counts = new java.util.TreeMap<>();
                    rows.forEach(r -> counts.put(r.getOffsetDateTime("minute"), r.getLong("n")));
                    return counts;
                });
    }
}
