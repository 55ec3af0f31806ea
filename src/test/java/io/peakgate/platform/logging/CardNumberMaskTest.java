package io.peakgate.platform.logging;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumberMaskTest {

    @Test
    void masksCardNumbersHoweverTheyAreWritten() {
        assertThat(CardNumberMask.mask("pan=4111111111111111 ok")).isEqualTo("pan=411111******1111 ok");
        assertThat(CardNumberMask.mask("card 4111 1111 1111 1111.")).isEqualTo("card 411111******1111.");
        assertThat(CardNumberMask.mask("x 2200-0000-0000-0004 y")).isEqualTo("x 220000******0004 y");
    }

    @Test
    void leavesOtherNumbersAlone() {
        // not Luhn-valid, too short, or part of a longer number
        assertThat(CardNumberMask.mask("order 4111111111111112")).isEqualTo("order 4111111111111112");
        assertThat(CardNumberMask.mask("account 100000000000001 and 3300000001")).isEqualTo("account 100000000000001 and 3300000001");
        assertThat(CardNumberMask.mask("ts 17153331669401715333167092")).isEqualTo("ts 17153331669401715333167092");
    }

    @Test
    void theLogFilterMasksExceptionsAndTheirCauses() {
        IllegalStateException root = new IllegalStateException("card 4111 1111 1111 1111 refused");
        RuntimeException thrown = new RuntimeException("payment failed for 4111111111111111", root);
        thrown.addSuppressed(new IllegalArgumentException("also 2200-0000-0000-0004"));
        ExtLogRecord record = new ExtLogRecord(Level.ERROR, "charge failed", ExtLogRecord.FormatStyle.NO_FORMAT,
                CardNumberMaskTest.class.getName());
        record.setThrown(thrown);
        assertThat(new CardNumberLogFilter().isLoggable(record)).isTrue();
        String written = new PatternFormatter("%m%n%e").format(record);
        assertThat(written).contains("charge failed", "RuntimeException: payment failed for 411111******1111",
                "Caused by: java.lang.IllegalStateException: card 411111******1111 refused", "220000******0004",
                "at io.peakgate.platform.logging.CardNumberMaskTest");
        assertThat(written).doesNotContain("4111111111111111").doesNotContain("4111 1111 1111 1111")
                .doesNotContain("2200-0000-0000-0004");
    }

    @Test
    void theLogFilterLeavesCleanExceptionsAsTheyAre() {
        RuntimeException clean = new RuntimeException("order 4111111111111112");
        ExtLogRecord record = new ExtLogRecord(Level.WARN, "x", ExtLogRecord.FormatStyle.NO_FORMAT, "test");
        record.setThrown(clean);
        new CardNumberLogFilter().isLoggable(record);
        assertThat(record.getThrown()).isSameAs(clean);
    }
}
