package io.peakgate.payments.provider;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A callback exactly as received: the raw body (signatures are over these bytes) and a header look-up. */
public record RawCallback(byte[] body, Function<String, String> header, Instant receivedAt) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as {@code application/x-www-form-urlencoded} fields (last value wins). */
    public Map<String, String> form() {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = text();
        if (text.isBlank()) {
            return fields;
        }
        try {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The form body cannot be decoded");
        }
        return fields;
    }

    public String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The callback lacks " + name);
        }
        return value;
    }
}
