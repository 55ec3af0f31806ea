package io.peakgate.support;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard that fails tests on blocked event loops must itself be able to fail. */
class LogGuardTest {

    @Test
    void aBlockedThreadWarningFailsTheTest() {
        LogGuard guard = new LogGuard();
        guard.beforeEach(null);
        Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").log(Level.WARNING,
                "Thread Thread[#50,vert.x-eventloop-thread-0,5,main] has been blocked for 2160 ms, time limit is 2000 ms");
        assertThatThrownBy(() -> guard.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("has been blocked for");
        assertThatCode(() -> guard.afterEach(null)).doesNotThrowAnyException();
    }
}
