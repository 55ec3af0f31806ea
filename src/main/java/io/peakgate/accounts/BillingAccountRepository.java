package io.peakgate.accounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL of billing's account changes ({@code billing.accounts.v1}): the account row, its meters and their
 * registers, each statement touching only what really changes so that {@code updated_at} moves only then.
 */
@ApplicationScoped
class BillingAccountRepository {

    /** The account as stored, locked until the transaction ends; null when there is none. */
    record Current(long id, OffsetDateTime billingAsOf) {
    }

    Uni<Current> lock(SqlConnection conn, String supplier, String number) {
        return conn.preparedQuery("SELECT id, billing_as_of FROM account WHERE supplier = $1 AND number = $2 FOR UPDATE")
                .execute(Tuple.of(supplier, number))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Current(r.getLong(0), r.getOffsetDateTime(1));
                });
    }

    /** Creates the account; null when it exists already (another writer just created it). */
    Uni<Long> insert(SqlConnection conn, AccountChange.Upsert u) {
        return conn.preparedQuery("""
                        INSERT INTO account (supplier, number, holder, address, billing_as_of, last_payment_amount,
                                             last_payment_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, now())
                        ON CONFLICT (supplier, number) DO NOTHING RETURNING id""")
                .execute(Tuple.from(Arrays.asList(u.supplier(), u.account(), u.holder(), u.address(), u.at(),
                        u.lastPaymentAmount(), u.lastPaymentAt())))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /**
     * Sets the account as billing has it, open, as of billing's time; {@code updated_at} moves only when a
     * column changes or {@code metersChanged}.
     */
    Uni<Void> update(SqlConnection conn, long id, AccountChange.Upsert u, boolean metersChanged) {
        return conn.preparedQuery("""
                        UPDATE account SET holder = $2, address = $3, closed_at = NULL, last_payment_amount = $4,
                               last_payment_at = $5, billing_as_of = $6,
                               updated_at = CASE WHEN $7 OR (holder, address, closed_at, last_payment_amount, last_payment_at)
                                   IS DISTINCT FROM ($2::text, $3::text, NULL::timestamptz, $4::bigint, $5::timestamptz)
                                   THEN now() ELSE updated_at END
                        WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(id, u.holder(), u.address(), u.lastPaymentAmount(), u.lastPaymentAt(),
                        u.at(), metersChanged)))
                .replaceWithVoid();
    }

    /** Adds the listed meters, updates changed ones and brings removed ones back; how many rows changed. */
    Uni<Integer> upsertMeters(SqlConnection conn, long accountId, List<AccountChange.Meter> meters) {
        return conn.preparedQuery("""
                        INSERT INTO meter (account_id, code, service, digits)
                        SELECT $1, m.code, m.service, m.digits FROM unnest($2::text[], $3::text[], $4::int[]) AS m(code, service, digits)
                        ON CONFLICT (account_id, code) DO UPDATE
                            SET service = EXCLUDED.service, digits = EXCLUDED.digits, removed_at = NULL
                            WHERE (meter.service, meter.digits, meter.removed_at)
                                IS DISTINCT FROM (EXCLUDED.service, EXCLUDED.digits, NULL::timestamptz)""")
                .execute(Tuple.of(accountId, meters.stream().map(AccountChange.Meter::meter).toArray(String[]::new),
                        meters.stream().map(AccountChange.Meter::service).toArray(String[]::new),
                        meters.stream().map(AccountChange.Meter::digits).toArray(Integer[]::new)))
                .map(rows -> rows.rowCount());
    }

    /** Marks the account's meters billing no longer lists as removed (their readings stay); how many. */
    Uni<Integer> removeOtherMeters(SqlConnection conn, long accountId, List<AccountChange.Meter> kept, OffsetDateTime at) {
        return conn.preparedQuery("""
                        UPDATE meter SET removed_at = $3
                        WHERE account_id = $1 AND removed_at IS NULL AND code <> ALL($2::text[])""")
                .execute(Tuple.of(accountId, kept.stream().map(AccountChange.Meter::meter).toArray(String[]::new), at))
                .map(rows -> rows.rowCount());
    }

    /**
     * Adds and updates the listed meters' registers. Billing's last value replaces the register's only when the
     * gateway accepted no reading of it after billing's time (billing cannot roll back a newer reading); the
     * usual consumption always applies. How many rows changed.
     */
    Uni<Integer> upsertRegisters(SqlConnection conn, long accountId, List<AccountChange.Meter> meters, OffsetDateTime at) {
        Registers r = Registers.of(meters);
        return conn.preparedQuery("""
                        INSERT INTO meter_register (meter_id, register, last_value, usual_consumption)
                        SELECT m.id, v.register, v.last_value, v.usual
                        FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS v(code, register, last_value, usual)
                        JOIN meter m ON m.account_id = $1 AND m.code = v.code
                        ON CONFLICT (meter_id, register) DO UPDATE
                            SET last_value = CASE WHEN EXCLUDED.last_value IS NOT NULL AND (meter_register.last_reading_at IS NULL
                                                       OR meter_register.last_reading_at <= $6)
                                             THEN EXCLUDED.last_value ELSE meter_register.last_value END,
                                usual_consumption = EXCLUDED.usual_consumption
                            WHERE meter_register.usual_consumption <> EXCLUDED.usual_consumption
                               OR EXCLUDED.last_value IS NOT NULL AND meter_register.last_value IS DISTINCT FROM EXCLUDED.last_value
                                  AND (meter_register.last_reading_at IS NULL OR meter_register.last_reading_at <= $6)""")
                .execute(Tuple.of(accountId, r.codes(), r.names(), r.lastValues(), r.usual(), at))
                .map(rows -> rows.rowCount());
    }

    /** Drops the registers of the listed meters that billing no longer lists (a two-rate meter made single-rate). */
    Uni<Integer> dropOtherRegisters(SqlConnection conn, long accountId, List<AccountChange.Meter> meters) {
        Registers r = Registers.of(meters);
        return conn.preparedQuery("""
                        DELETE FROM meter_register mr USING meter m
                        WHERE mr.meter_id = m.id AND m.account_id = $1 AND m.code = ANY($2::text[])
                          AND (m.code, mr.register) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))""")
                .execute(Tuple.of(accountId, r.codes(), r.names()))
                .map(rows -> rows.rowCount());
    }

    /** Closes the account as of billing's time, if that is newer than what was applied; false when nothing matched. */
    Uni<Boolean> close(SqlConnection conn, String supplier, String number, OffsetDateTime at) {
        return conn.preparedQuery("""
                        UPDATE account SET closed_at = coalesce(closed_at, $3), billing_as_of = $3,
                               updated_at = CASE WHEN closed_at IS NULL THEN now() ELSE updated_at END
                        WHERE supplier = $1 AND number = $2 AND (billing_as_of IS NULL OR billing_as_of < $3)""")
                .execute(Tuple.of(supplier, number, at))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The listed registers as parallel arrays, one element per register. */
    private record Registers(String[] codes, String[] names, Long[] lastValues, Long[] usual) {
        static Registers of(List<AccountChange.Meter> meters) {
            List<String> codes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Long> last = new ArrayList<>();
            List<Long> usual = new ArrayList<>();
            for (AccountChange.Meter m : meters) {
                for (AccountChange.Register reg : m.registers()) {
                    codes.add(m.meter());
                    names.add(reg.register());
                    last.add(reg.lastValue());
                    usual.add(reg.usualConsumption());
                }
            }
            return new Registers(codes.toArray(String[]::new), names.toArray(String[]::new),
                    last.toArray(Long[]::new), usual.toArray(Long[]::new));
        }
    }
}
