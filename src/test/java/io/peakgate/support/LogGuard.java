package io.peakgate.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Fails the running test when the gateway logs a blocked event loop or a known reactive-stack
 * failure: Vert.x blocked-thread warnings, Hibernate Reactive session misuse (HR000069,
 * HR000061, HR000068), emitter overflow (SRMSG00034) and an exhausted PostgreSQL pool. Registered for every test by auto-detection.
 */
public class LogGuard implements BeforeEachCallback, AfterEachCallback {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "has been blocked for|Thread blocked|HR000069|HR000061|HR000068|SRMSG00034"
                    + "|ConnectionPoolTooBusyException|Max waiter size reached|Timeout while waiting for a connection");
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String text = record.getMessage() == null ? "" : record.getMessage();
                if (record.getThrown() != null) {
                    text += " " + record.getThrown();
                }
                if (FORBIDDEN.matcher(text).find()) {
                    SEEN.add(record.getLoggerName() + ": " + text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        installed = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
        SEEN.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!SEEN.isEmpty()) {
            List<String> lines = List.copyOf(SEEN);
            SEEN.clear();
            throw new AssertionError("Forbidden log lines during the test (blocking on an event loop or "
                    + "reactive misuse):\n" + String.join("\n", lines));
        }
    }
}
