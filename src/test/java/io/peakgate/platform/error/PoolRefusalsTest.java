package io.peakgate.platform.error;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the database pool's and PostgreSQL's refusals are told apart from bugs (503, not 500). */
class PoolRefusalsTest {

    @Test
    void aPoolWaitThatRunsOutIsOverloadNotABug() {
        assertThat(ProblemMappers.overloaded(new NoStackTraceThrowable("Timeout"))).isTrue();
        assertThat(ProblemMappers.overloaded(new CompletionException(new VertxException("Timeout waiting for connection")))).isTrue();
        assertThat(ProblemMappers.overloaded(new IllegalStateException("Timeout"))).isFalse();
        assertThat(ProblemMappers.overloaded(new NoStackTraceThrowable("Pool closed"))).isFalse();
    }

    @Test
    void postgresqlGoingAwayIsUnavailableButItsDataErrorsAreNot() {
        assertThat(ProblemMappers.unreachable(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).isTrue();
        assertThat(ProblemMappers.unreachable(new java.net.ConnectException("Connection refused"))).isTrue();
        assertThat(ProblemMappers.unreachable(new java.net.SocketException("Connection reset"))).isTrue();
        assertThat(ProblemMappers.unreachable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
    }
}
