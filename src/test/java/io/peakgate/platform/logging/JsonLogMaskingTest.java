package io.peakgate.platform.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile writes JSON log lines (quarkus-logging-json); the card-number filter still stands before them. A
 * handler (the console's is a WriterHandler too) asks its filter first and formats only what it returns, so the
 * JSON formatter sees the masked record: message, exception and causes. And the filter is configured on the
 * console handler whatever its format.
 */
class JsonLogMaskingTest {

    @Test
    void aJsonLineCarriesNoCardNumber() throws Exception {
        StringWriter out = new StringWriter();
        WriterHandler handler = new WriterHandler();
        handler.setWriter(out);
        handler.setFormatter(new JsonFormatter());
        handler.setFilter(new CardNumberLogFilter());
        handler.setLevel(Level.ALL);

        ExtLogRecord record = new ExtLogRecord(Level.WARN, "charge %s for card %s failed", ExtLogRecord.FormatStyle.PRINTF,
                JsonLogMaskingTest.class.getName());
        record.setParameters(new Object[] {"pay-1", "4111 1111 1111 1111"});
        record.setLoggerName("io.peakgate.payments");
        record.setThrown(new RuntimeException("declined 4111111111111111", new IllegalStateException("2200-0000-0000-0004")));
        record.putMdc("requestId", "3f2b8c1e-9d4a-4e7b-a6c5-0b1d2e3f4a5b");
        record.putMdc("traceId", "3f2b8c1e9d4a4e7ba6c50b1d2e3f4a5b");
        handler.publish(record);
        handler.flush();

        String written = out.toString();
        assertThat(written).doesNotContain("4111111111111111", "4111 1111 1111 1111", "2200-0000-0000-0004");
        JsonNode line = new ObjectMapper().readTree(written.lines().findFirst().orElseThrow());
        assertThat(line.path("message").asText()).isEqualTo("charge pay-1 for card 411111******1111 failed");
        assertThat(line.path("exception").toString()).contains("declined 411111******1111", "220000******0004");
        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo("3f2b8c1e9d4a4e7ba6c50b1d2e3f4a5b");
        assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("3f2b8c1e-9d4a-4e7b-a6c5-0b1d2e3f4a5b");
    }

    @Test
    void prodWritesJsonThroughTheSameFilter() throws Exception {
        Properties app = new Properties();
        try (var in = Files.newBufferedReader(Path.of(System.getProperty("project.dir", "."), "src/main/resources/application.properties"))) {
            app.load(in);
        }
        assertThat(app.getProperty("%prod.quarkus.log.console.json.enabled")).isEqualTo("true");
        assertThat(app.getProperty("quarkus.log.console.json.enabled")).as("dev and tests keep text lines").isEqualTo("false");
        assertThat(app.getProperty("%prod.quarkus.log.console.filter", app.getProperty("quarkus.log.console.filter")))
                .isEqualTo("card-numbers");
    }
}
