package io.peakgate.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SQL of the demo data set, on the reactive pool (plain statements: no bulk load needs COPY). */
@ApplicationScoped
class DemoRepository {

    /** Accounts {@code first + from .. first + to}, each with its meter and register; existing accounts are skipped. */
    private static final String GENERATE = """
            WITH a AS (
                INSERT INTO account (supplier, number, holder, address)
                SELECT 'esplus', ($1::bigint + g)::text, 'Subscriber ' || ($1::bigint + g), 'Krasnoyarsk, generated ' || g
                FROM generate_series($2::bigint, $3::bigint) AS g
                ON CONFLICT (supplier, number) DO NOTHING
                RETURNING id, number),
            m AS (
                INSERT INTO meter (account_id, code, service, digits)
                SELECT id, 'E-' || number, 'electricity', 6 FROM a
                RETURNING id)
            INSERT INTO meter_register (meter_id, register, last_value, usual_consumption)
            SELECT id, 'T1', 1000, 250 FROM m""";

    @Inject
    Pool pool;

    /** Runs a script of several statements (the simple query protocol). */
    Uni<Void> runScript(String script) {
        return pool.query(script).execute().replaceWithVoid();
    }

    /** Creates the missing generated accounts of the range; how many were new. */
    Uni<Integer> generateAccounts(long first, long from, long to) {
        return pool.preparedQuery(GENERATE).execute(Tuple.of(first, from, to)).map(rows -> rows.rowCount());
    }
}
