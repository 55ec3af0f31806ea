package io.peakgate.review.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque ids and cursors of the review desk: base64url of the item's source and source id (stable, since
 * they never change), and of the position of the last item of a page. Anything that does not decode is not found.
 */
final class ItemIds {

    private static final Pattern ITEM = Pattern.compile("(payment:\\d{1,18}|reading:[0-9a-f-]{36}|sms:\\d{1,18})");
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,19})\\|" + ITEM.pattern());

    /** A page's position: the last item's time and its stored id. */
    record Position(OffsetDateTime createdAt, String item) {
    }

    private ItemIds() {
    }

    static String encode(String item) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(item.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored id of an opaque id, or null. */
    static String decode(String id) {
        String text = text(id);
        return text != null && ITEM.matcher(text).matches() ? text : null;
    }

    static String cursor(OffsetDateTime createdAt, String item) {
        Instant at = createdAt.toInstant();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        return encode(micros + "|" + item);
    }

    /** The position a cursor names, or null when it is not one of ours. */
    static Position position(String cursor) {
        String text = text(cursor);
        if (text == null) {
            return null;
        }
        var m = CURSOR.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long micros = Long.parseLong(m.group(1));
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new Position(at.atOffset(ZoneOffset.UTC), m.group(2));
    }

    private static String text(String encoded) {
        if (encoded == null || encoded.length() > 200) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
