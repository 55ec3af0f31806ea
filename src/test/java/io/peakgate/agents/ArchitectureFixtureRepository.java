package io.peakgate.agents;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Deliberately wrong for ArchitectureTest: a public repository, and SQL in a class that is no repository. */
public class ArchitectureFixtureRepository {

    /** SQL outside a repository. */
    public static final class RunsSql {
        Pool pool;

        Uni<?> wrong() {
            return pool.preparedQuery("SELECT 1").execute();
        }
    }
}
