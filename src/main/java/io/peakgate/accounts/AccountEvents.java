package io.peakgate.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one record of {@code billing.accounts.v1} (a structured CloudEvent 1.0 keyed
 * {@code supplier:account}) into an {@link AccountChange}; anything it cannot accept is an
 * {@link UnreadableAccountEvent} naming why, which the feed sends to the dead-letter topic.
 */
@ApplicationScoped
class AccountEvents {

    static final String UPSERTED = "billing.account.upserted";
    static final String CLOSED = "billing.account.closed";
    private static final int MAX_TEXT = 512;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Inject
    ObjectMapper json;

    @Inject
    Suppliers suppliers;

    AccountChange read(String key, String value) {
        JsonNode event;
        try {
            event = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnreadableAccountEvent("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new UnreadableAccountEvent("not a JSON object");
        }
        if (!"1.0".equals(event.path("specversion").asText(null))) {
            throw new UnreadableAccountEvent("not a CloudEvent 1.0 (specversion)");
        }
        text(event, "id", "id");
        text(event, "source", "source");
        String type = text(event, "type", "type");
        OffsetDateTime at = time(event.get("time"), "time");
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new UnreadableAccountEvent("data must be an object");
        }
        String supplier = text(data, "supplier", "data.supplier");
        String account = text(data, "account", "data.account");
        if (!suppliers.all().containsKey(supplier)) {
            throw new UnreadableAccountEvent("unknown supplier " + supplier);
        }
        if (!suppliers.accountFormat(supplier).matcher(account).matches()) {
            throw new UnreadableAccountEvent("account does not match " + supplier + "'s account-pattern");
        }
        if (!(supplier + ":" + account).equals(key)) {
            throw new UnreadableAccountEvent("key is not data.supplier:data.account");
        }
        return switch (type) {
            case UPSERTED -> upsert(supplier, account, at, data);
            case CLOSED -> new AccountChange.Close(supplier, account, at);
            default -> throw new UnreadableAccountEvent("unknown type " + type);
        };
    }

    private static AccountChange.Upsert upsert(String supplier, String account, OffsetDateTime at, JsonNode data) {
        String holder = text(data, "holder", "data.holder");
        JsonNode addressNode = data.get("address");
        String address = null;
        if (addressNode != null && !addressNode.isNull()) {
            address = text(data, "address", "data.address");
        }
        Long paid = null;
        OffsetDateTime paidAt = null;
        JsonNode last = data.get("lastPayment");
        if (last != null && !last.isNull()) {
            paid = number(last.get("amount"), "data.lastPayment.amount", 1, Long.MAX_VALUE);
            paidAt = time(last.get("at"), "data.lastPayment.at");
        }
        JsonNode meters = data.get("meters");
        if (meters == null || !meters.isArray()) {
            throw new UnreadableAccountEvent("data.meters must be an array");
        }
        List<AccountChange.Meter> list = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < meters.size(); i++) {
            AccountChange.Meter meter = meter(meters.get(i), "data.meters[" + i + "]");
            if (!codes.add(meter.meter())) {
                throw new UnreadableAccountEvent("duplicate meter " + meter.meter());
            }
            list.add(meter);
        }
        return new AccountChange.Upsert(supplier, account, at, holder, address, paid, paidAt, List.copyOf(list));
    }

    private static AccountChange.Meter meter(JsonNode m, String where) {
        if (m == null || !m.isObject()) {
            throw new UnreadableAccountEvent(where + " must be an object");
        }
        String code = code(m, "meter", where + ".meter");
        String service = code(m, "service", where + ".service");
        int digits = (int) number(m.get("digits"), where + ".digits", 1, 12);
        long capacity = (long) Math.pow(10, digits);
        JsonNode registers = m.get("registers");
        if (registers == null || !registers.isArray() || registers.isEmpty()) {
            throw new UnreadableAccountEvent(where + ".registers must be a non-empty array");
        }
        List<AccountChange.Register> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int j = 0; j < registers.size(); j++) {
            JsonNode r = registers.get(j);
            String at = where + ".registers[" + j + "]";
            if (r == null || !r.isObject()) {
                throw new UnreadableAccountEvent(at + " must be an object");
            }
            String name = code(r, "register", at + ".register");
            if (!names.add(name)) {
                throw new UnreadableAccountEvent("duplicate register " + name + " of meter " + code);
            }
            JsonNode lastValue = r.get("lastValue");
            Long last = lastValue == null || lastValue.isNull() ? null
                    : number(lastValue, at + ".lastValue", 0, capacity - 1);
            JsonNode usual = r.get("usualConsumption");
            long usualConsumption = usual == null || usual.isNull() ? 0
                    : number(usual, at + ".usualConsumption", 0, Long.MAX_VALUE);
            list.add(new AccountChange.Register(name, last, usualConsumption));
        }
        return new AccountChange.Meter(code, service, digits, List.copyOf(list));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new UnreadableAccountEvent(where + " must be a non-blank string");
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new UnreadableAccountEvent(where + " is longer than " + MAX_TEXT + " characters");
        }
        return value.asText().strip();
    }

    private static String code(JsonNode node, String field, String where) {
        String value = text(node, field, where);
        if (!CODE.matcher(value).matches()) {
            throw new UnreadableAccountEvent(where + " must be letters, digits, '.', '_' or '-' (at most 64)");
        }
        return value;
    }

    private static long number(JsonNode value, String where, long min, long max) {
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new UnreadableAccountEvent(where + " must be a whole number");
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw new UnreadableAccountEvent(where + " must be between " + min + " and " + max);
        }
        return n;
    }

    /** An RFC 3339 time, kept to microseconds (what PostgreSQL stores, so a replayed event compares equal). */
    private static OffsetDateTime time(JsonNode value, String where) {
        if (value == null || !value.isTextual()) {
            throw new UnreadableAccountEvent(where + " must be an RFC 3339 time");
        }
        try {
            return OffsetDateTime.parse(value.asText()).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new UnreadableAccountEvent(where + " must be an RFC 3339 time");
        }
    }
}
