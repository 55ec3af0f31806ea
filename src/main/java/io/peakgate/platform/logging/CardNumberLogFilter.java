package io.peakgate.platform.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A second line of defence behind the masking types: rewrites any log line that contains
 * something shaped like a card number before a handler writes it, the logged exception's message
 * and its causes' included ({@link MaskedThrowable}). Installed on the console and file handlers
 * ({@code quarkus.log.*.filter=card-numbers}).
 */
@LoggingFilter(name = "card-numbers")
public final class CardNumberLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String masked = CardNumberMask.mask(formatted);
            if (masked != null && !masked.equals(formatted)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
            ext.setThrown(MaskedThrowable.of(ext.getThrown()));
        }
        return true;
    }
}
