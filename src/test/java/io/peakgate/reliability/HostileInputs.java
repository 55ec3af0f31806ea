package io.peakgate.reliability;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requests that must be refused, generated with jqwik from one operation of the OpenAPI document:
 * a body of the documented shape with at least one rule broken (a required field missing or null,
 * a value of the wrong JSON type, an empty required list) plus noise (unknown fields, huge and
 * negative numbers, very long and odd strings, deep nesting); path parameters carrying SQL and
 * path traversal; query parameters of the wrong type; invalid UTF-8; wrong content types; missing
 * and forged credentials. Each request is invalid by construction, so none may change state.
 * Over 250 lines on purpose: every family of hostile input in one place, shared by the property tests and the walk of the OpenAPI document.
 */
final class HostileInputs {

    static final String DEMO_KEY = "demo-portal-key";
    static final String SMS_SECRET = "demo-sms-secret";
    static final String AGENT_SECRET = "demo-agent-secret";
    static final String SANDBOX_SECRET = "demo-sandbox-secret";

    /** Values for path parameters and body fields by name, so that the one broken rule is what gets refused. */
    private final Map<String, JsonNode> known = new LinkedHashMap<>();
    private final Map<String, String> knownPath = new LinkedHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> PATH_PAYLOADS = List.of(
            "' OR '1'='1", "1; DROP TABLE payment; --", "1' UNION SELECT key_hash FROM api_client --",
            "'; SELECT pg_sleep(5); --", "\" OR \"\"=\"", "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e%2f%2e%2e%2fq%2fopenapi", "..\\..\\windows\\win.ini", "....//....//etc/passwd", "..;/..;/q/health",
            "%00", "a%00b", "null", "undefined", "-1", "0", "99999999999999999999999999", "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>", "%", "%zz", "\u00e9\u00e8\u4e2d\ud83d\ude00", "\u202e\u0000", "*", "?x=1", "#frag",
            "a/b/c", " ", "\t\n", "x".repeat(3000));

    static final List<String> STRINGS = List.of(
            "' OR 1=1 --", "'; DROP TABLE reading; --", "\u0000", "\ud800", "\udfff\ud800", "\u202e", "\r\n\r\nX-Injected: 1",
            "%s%s%s%n", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "<xml>", "", " ", "NaN", "-0", "1e999", "null",
            "../../etc/passwd", "\u4e2d\u6587\ud83d\ude00");

    /** How a payload becomes part of the URL path. */
    enum PathMode { ENCODED, RAW, DOUBLE_ENCODED }

    HostileInputs(String account, String subscriber) {
        knownPath.put("supplier", "esplus");
        knownPath.put("account", account);
        knownPath.put("subscriber", subscriber);
        knownPath.put("id", UUID.randomUUID().toString());
        knownPath.put("token", "card_" + UUID.randomUUID());
        knownPath.put("provider", "sandbox");
        knownPath.put("aggregator", "demo-sms");
        knownPath.put("agent", "demo-agent");
        knownPath.put("session", UUID.randomUUID().toString());
        known.put("supplier", NODES.textNode("esplus"));
        known.put("account", NODES.textNode(account));
        known.put("meter", NODES.textNode("E-9"));
        known.put("register", NODES.textNode("T1"));
        known.put("value", NODES.numberNode(1500));
        known.put("currency", NODES.textNode("RUB"));
        known.put("paymentType", NODES.textNode("utilities"));
        known.put("subscriber", NODES.textNode(subscriber));
        known.put("saveCard", NODES.booleanNode(false));
        known.put("returnUrl", NODES.textNode("https://portal.example/back"));
        known.put("provider", NODES.textNode("sandbox"));
        known.put("type", NODES.textNode("card"));
        known.put("token", NODES.textNode("card_" + UUID.randomUUID()));
        known.put("number", NODES.textNode("4111111111111111"));
        known.put("expMonth", NODES.numberNode(12));
        known.put("expYear", NODES.numberNode(2030));
        known.put("cvc", NODES.textNode("123"));
        known.put("holder", NODES.textNode("IVAN IVANOV"));
        known.put("surname", NODES.textNode("Test"));
        known.put("source", NODES.textNode("portal"));
        known.put("confirmImplausible", NODES.booleanNode(false));
        known.put("reason", NODES.textNode("hostile"));
    }

    /** A request as sent on the wire. */
    record Request(String kind, String method, String path, String query, Map<String, String> headers, byte[] body,
                   boolean chunked) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return kind + ": " + method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + headers.keySet()
                    + " body(" + (body == null ? 0 : body.length) + ")=" + shown;
        }
    }

    /** Everything hostile for one operation, weighted by what the operation takes. */
    Arbitrary<Request> forOperation(ApiOperation op) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Request>>> kinds = new ArrayList<>();
        if (op.takesJsonObject()) {
            kinds.add(Tuple.of(8, brokenBody(op)));
            kinds.add(Tuple.of(2, invalidUtf8(op)));
            kinds.add(Tuple.of(2, wrongContentType(op)));
            kinds.add(Tuple.of(1, notAnObject(op)));
        } else if (op.takesBody()) {
            kinds.add(Tuple.of(6, arbitraryBody(op)));
            kinds.add(Tuple.of(1, notAnObject(op)));
        }
        if (!op.in("path").isEmpty()) {
            kinds.add(Tuple.of(3, hostilePath(op)));
        }
        if (!op.in("query").isEmpty()) {
            kinds.add(Tuple.of(3, hostileQuery(op)));
        }
        kinds.add(Tuple.of(1, hostileCredentials(op)));
        return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    }

    /** The 10 MB body, declared (Content-Length) or streamed (chunked). */
    Request huge(ApiOperation op, boolean chunked) {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        byte[] prefix = "{\"x\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return request(chunked ? "10 MB chunked" : "10 MB", op, pathWith(op, null, null, null), "", contentType(op), body,
                true, chunked);
    }

    /** The operation's documented body with realistic values, streamed chunked: the control case. */
    Request validChunked(ApiOperation op, String query) {
        return request("valid, chunked", op, pathWith(op, null, null, null), query, contentType(op), validBody(op), true, true);
    }

    /** A small body refused for its shape, streamed chunked (no Content-Length). */
    Request chunked(ApiOperation op) {
        return request("chunked", op, pathWith(op, null, null, null), "", contentType(op), brokenOrNothing(op), true, true);
    }

    // ---------------------------------------------------------------- bodies

    private Arbitrary<Request> brokenBody(ApiOperation op) {
        ObjectNode base = (ObjectNode) example(op.bodySchema(), "", 0);
        List<Slot> slots = new ArrayList<>();
        slots(op.bodySchema(), "", true, slots);
        // only what the base body holds: removing a field of an absent optional object would break nothing
        List<Slot> breakable = slots.stream().filter(s -> !s.path().isEmpty() && parent(base.deepCopy(), s.path(), false) != null
                && !at(base, s.path()).isMissingNode()).toList();
        Arbitrary<Mutation> breaking = Arbitraries.of(breakable).flatMap(this::breaking);
        Arbitrary<List<Mutation>> noise = Arbitraries.of(slots).flatMap(this::noise).list().ofMaxSize(3);
        Arbitrary<Boolean> dryRun = Arbitraries.of(false, true);
        return Combinators.combine(breaking, noise, dryRun).as((b, n, dry) -> {
            ObjectNode body = base.deepCopy();
            StringBuilder kind = new StringBuilder("broken body: " + b.what());
            String deep = null;
            for (Mutation m : n) {
                kind.append(", ").append(m.what());
                if (m.rawExtra() != null) {
                    deep = m.rawExtra();
                } else {
                    m.apply(body);
                }
            }
            b.apply(body);
            byte[] bytes = write(body, deep);
            String query = dry && op.in("query").stream().anyMatch(p -> p.name().equals("dryRun")) ? "dryRun=true" : "";
            return request(kind.toString(), op, pathWith(op, null, null, null), query, "application/json", bytes, true, false);
        });
    }

    /** Bodies the document does not describe (raw bytes): random JSON, signed where the protocol signs. */
    private Arbitrary<Request> arbitraryBody(ApiOperation op) {
        return Combinators.combine(randomJson(4), Arbitraries.of("application/json", op.mediaType(), "application/x-www-form-urlencoded",
                "text/plain"), Arbitraries.of(true, false)).as((json, type, signed) -> {
            byte[] bytes = write(json, null);
            String ct = "*/*".equals(type) ? "application/json" : type;
            return request("unshaped body", op, pathWith(op, null, null, null), "", ct, bytes, signed, false);
        });
    }

    private Arbitrary<Request> notAnObject(ApiOperation op) {
        return Arbitraries.of("", "null", "[]", "[{}]", "\"text\"", "123", "-1e999", "true", "{", "{\"a\":", "}{", "{}{}",
                        "{\"a\":1}garbage", "\ufeff{}", "{\"a\":\"\u0000\"}", "{'single':'quotes'}", "{a:1}", "[".repeat(5000),
                        "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))
                .map(text -> request("not a JSON object: " + text.substring(0, Math.min(40, text.length())), op,
                        pathWith(op, null, null, null), "", "application/json", text.getBytes(StandardCharsets.UTF_8), true, false));
    }

    private Arbitrary<Request> invalidUtf8(ApiOperation op) {
        ObjectNode base = (ObjectNode) example(op.bodySchema(), "", 0);
        List<Slot> strings = new ArrayList<>();
        slots(op.bodySchema(), "", true, strings);
        List<Slot> textSlots = strings.stream().filter(s -> s.schema().path("type").asText().equals("string")).toList();
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[]{(byte) 0xff}, new byte[]{(byte) 0xfe, (byte) 0xff},
                new byte[]{(byte) 0xc3, 0x28}, new byte[]{(byte) 0xe2, 0x28, (byte) 0xa1},
                new byte[]{(byte) 0xf0, 0x28, (byte) 0x8c, (byte) 0xbc}, new byte[]{(byte) 0x80},
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[]{(byte) 0xc3});
        return Combinators.combine(Arbitraries.of(textSlots), bad).as((slot, bytes) -> {
            ObjectNode body = base.deepCopy();
            String marker = "@@INVALID@@";
            set(body, slot.path(), NODES.textNode("a" + marker + "b"));
            byte[] text = write(body, null);
            return request("invalid UTF-8 in " + slot.path(), op, pathWith(op, null, null, null), "", "application/json",
                    splice(text, marker.getBytes(StandardCharsets.UTF_8), bytes), true, false);
        });
    }

    private Arbitrary<Request> wrongContentType(ApiOperation op) {
        return Combinators.combine(brokenBody(op), Arbitraries.of("text/plain", "application/xml", "text/html",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
                "application/json; charset=utf-16", "application/*", "invalid", "", "application/json-patch+json",
                "image/png")).as((r, type) -> {
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            if (type.isEmpty()) {
                headers.remove("Content-Type");
            } else {
                headers.put("Content-Type", type);
            }
            return new Request("content type '" + type + "', " + r.kind(), r.method(), r.path(), r.query(), headers, r.body(), false);
        });
    }

    // ---------------------------------------------------------------- parameters and credentials

    /** A payload the parameter's documented pattern admits is a valid value, not a hostile one: it is left out. */
    private Arbitrary<Request> hostilePath(ApiOperation op) {
        return Arbitraries.of(op.in("path")).flatMap(param -> {
            String pattern = param.schema().path("pattern").asText(null);
            List<String> payloads = PATH_PAYLOADS.stream()
                    .filter(p -> pattern == null || !java.util.regex.Pattern.matches(pattern, p)).toList();
            return Combinators.combine(Arbitraries.of(payloads), Arbitraries.of(PathMode.values()))
                    .as((payload, mode) -> request("path " + param.name() + "=" + shorten(payload) + " (" + mode + ")", op,
                            pathWith(op, param.name(), payload, mode), "", contentType(op), validBody(op), true, false));
        });
    }

    private Arbitrary<Request> hostileQuery(ApiOperation op) {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("abc", "-1", "0", "99999999999999999999", "2026-13-45",
                        "1e999", "true;false", "' OR 1=1 --", "../../etc/passwd", "%00", "%zz", "\u4e2d\ud83d\ude00", "", "null"),
                Arbitraries.integers().between(1_000, 20_000).map("9"::repeat),
                Arbitraries.longs().map(String::valueOf));
        return Combinators.combine(Arbitraries.of(op.in("query")), values, Arbitraries.integers().between(1, 3))
                .as((param, value, copies) -> {
                    StringBuilder query = new StringBuilder();
                    for (int i = 0; i < copies; i++) {
                        query.append(i == 0 ? "" : "&").append(encode(param.name())).append('=').append(encode(value));
                    }
                    return request("query " + param.name() + "=" + shorten(value) + " x" + copies, op,
                            pathWith(op, null, null, null),
                            agentQuery(op, query.toString()), contentType(op), brokenOrNothing(op), true, false);
                });
    }

    private Arbitrary<Request> hostileCredentials(ApiOperation op) {
        return Arbitraries.of("none", "Bearer wrong-key", "Bearer " + "k".repeat(600), "Basic ZGVtbzpkZW1v", "Bearer vt_forged",
                        "Bearer ", "Bearer demo-portal-key,", "bearer " + DEMO_KEY + "x", "Digest x")
                .map(auth -> {
                    Request r = request("credentials '" + shorten(auth) + "'", op, pathWith(op, null, null, null), "", contentType(op),
                            brokenOrNothing(op), false, false);
                    Map<String, String> headers = new LinkedHashMap<>(r.headers());
                    if (!auth.equals("none")) {
                        headers.put("Authorization", auth);
                    }
                    return new Request(r.kind(), r.method(), r.path(), r.query(), headers, r.body(), false);
                });
    }

    // ---------------------------------------------------------------- request assembly

    private Request request(String kind, ApiOperation op, String path, String query, String contentType, byte[] body,
                            boolean authenticated, boolean chunked) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null && contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (op.secured() && authenticated) {
            headers.put("Authorization", "Bearer " + DEMO_KEY);
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (authenticated && op.path().startsWith("/v1/sms/")) {
            headers.put("X-Signature", "sha256=" + HexFormat.of().formatHex(hmac(SMS_SECRET, body == null ? new byte[0] : body)));
        }
        if (authenticated && op.path().startsWith("/v1/callbacks/")) {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            byte[] signed = concat((ts + ".").getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body);
            headers.put("X-Sandbox-Timestamp", ts);
            headers.put("X-Sandbox-Signature", "sha256=" + HexFormat.of().formatHex(hmac(SANDBOX_SECRET, signed)));
        }
        if (authenticated && op.path().startsWith("/v1/agents/")) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("demo-agent:" + AGENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        }
        return new Request(kind, op.method(), path, query, headers, body, chunked);
    }

    /**
     * The agent protocol always gets an account that cannot exist, so no generated query can pay, and a
     * sum that is not one: a pay with a well-formed txn_id would otherwise reach the protocol's stored
     * answers (a txn_id's answer is kept, refusals included, so a retry gets the same one).
     */
    private String agentQuery(ApiOperation op, String query) {
        if (!op.path().startsWith("/v1/agents/") || query.startsWith("account=")) {
            return query;
        }
        return query + "&account=" + encode("' OR 1=1 --") + (query.startsWith("command=") ? "" : "&command=pay")
                + (query.startsWith("sum=") ? "" : "&sum=" + encode("' OR 1=1 --"));
    }

    private byte[] brokenOrNothing(ApiOperation op) {
        if (!op.takesBody()) {
            return null;
        }
        if (!op.takesJsonObject()) {
            return "{\"hostile\":true}".getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode body = (ObjectNode) example(op.bodySchema(), "", 0);
        body.removeAll();
        return write(body, null);
    }

    /** A body of the documented shape with realistic values: with a hostile path, the path is what is wrong. */
    private byte[] validBody(ApiOperation op) {
        if (!op.takesBody()) {
            return null;
        }
        if (!op.takesJsonObject()) {
            return "{\"hostile\":true}".getBytes(StandardCharsets.UTF_8);
        }
        return write(example(op.bodySchema(), "", 0), null);
    }

    private static String contentType(ApiOperation op) {
        if (op.mediaType() == null || op.mediaType().equals("*/*")) {
            return op.mediaType() == null ? null : "application/json";
        }
        return op.mediaType();
    }

    private String pathWith(ApiOperation op, String hostileParam, String payload, PathMode mode) {
        String path = op.path();
        for (ApiOperation.Param p : op.in("path")) {
            String value;
            if (p.name().equals(hostileParam)) {
                value = switch (mode) {
                    case ENCODED -> encodeSegment(payload);
                    case DOUBLE_ENCODED -> encodeSegment(encodeSegment(payload));
                    case RAW -> rawSegment(payload);
                };
            } else {
                value = encodeSegment(knownPath.getOrDefault(p.name(), "x"));
            }
            path = path.replace("{" + p.name() + "}", value);
        }
        return path;
    }

    // ---------------------------------------------------------------- schema walking

    /** A leaf or object of the body, by its path ("amount.value", "values[0].register"). */
    record Slot(String path, JsonNode schema, boolean required) {
    }

    private static void slots(JsonNode schema, String path, boolean required, List<Slot> out) {
        out.add(new Slot(path, schema, required));
        if (schema.has("properties")) {
            List<String> req = new ArrayList<>();
            schema.path("required").forEach(r -> req.add(r.asText()));
            schema.get("properties").fields().forEachRemaining(e -> slots(e.getValue(),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey(), req.contains(e.getKey()), out));
        }
        if ("array".equals(schema.path("type").asText()) && schema.has("items")) {
            slots(schema.get("items"), path + "[0]", true, out);
        }
    }

    private JsonNode example(JsonNode schema, String name, int depth) {
        String type = schema.path("type").asText("object");
        if (depth < 6 && schema.has("properties")) {
            ObjectNode node = NODES.objectNode();
            schema.get("properties").fields().forEachRemaining(e -> {
                if (!"lastPaymentAmount".equals(e.getKey()) && !"token".equals(e.getKey())) {
                    node.set(e.getKey(), example(e.getValue(), e.getKey(), depth + 1));
                }
            });
            return node;
        }
        if (known.containsKey(name) && !"object".equals(type) && !"array".equals(type)) {
            return known.get(name);
        }
        return switch (type) {
            case "array" -> NODES.arrayNode().add(example(schema.path("items"), name, depth + 1));
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "string" -> NODES.textNode(schema.path("format").asText().equals("uuid") ? UUID.randomUUID().toString() : "x");
            default -> NODES.objectNode();
        };
    }

    // ---------------------------------------------------------------- mutations

    /** One change to a body; {@code rawExtra} is spliced in as text (nesting too deep for a JsonNode writer). */
    record Mutation(String what, String path, JsonNode value, boolean remove, String rawExtra) {
        void apply(ObjectNode body) {
            if (remove) {
                HostileInputs.remove(body, path);
            } else {
                HostileInputs.set(body, path, value);
            }
        }
    }

    /** A change that must make the body invalid. */
    private Arbitrary<Mutation> breaking(Slot slot) {
        List<Arbitrary<Mutation>> choices = new ArrayList<>();
        String type = slot.schema().path("type").asText("object");
        if (slot.required()) {
            choices.add(Arbitraries.just(new Mutation("missing " + slot.path(), slot.path(), null, true, null)));
            choices.add(Arbitraries.just(new Mutation("null " + slot.path(), slot.path(), NODES.nullNode(), false, null)));
            if ("array".equals(type)) {
                choices.add(Arbitraries.just(new Mutation("empty " + slot.path(), slot.path(), NODES.arrayNode(), false, null)));
            }
        }
        choices.add(wrongType(type).map(v -> new Mutation("wrong type " + slot.path() + "=" + shorten(v.toString()),
                slot.path(), v, false, null)));
        return Arbitraries.oneOf(choices);
    }

    /** A value no strict parser takes for {@code type}. */
    private static Arbitrary<JsonNode> wrongType(String type) {
        Arbitrary<JsonNode> object = Arbitraries.just(NODES.objectNode().put("nested", 1));
        Arbitrary<JsonNode> array = Arbitraries.just(NODES.arrayNode().add(1).add("two"));
        Arbitrary<JsonNode> text = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(s -> NODES.textNode("z" + s));
        Arbitrary<JsonNode> number = Arbitraries.integers().map(NODES::numberNode);
        Arbitrary<JsonNode> bool = Arbitraries.of(true, false).map(NODES::booleanNode);
        return switch (type) {
            case "string" -> Arbitraries.oneOf(object, array);
            case "integer", "number" -> Arbitraries.oneOf(text, object, array, bool);
            case "boolean" -> Arbitraries.oneOf(text, object, array);
            case "array" -> Arbitraries.oneOf(text, number, object, bool);
            default -> Arbitraries.oneOf(text, number, array, bool);
        };
    }

    /** A change that may or may not be refused on its own: it rides along with a breaking one. */
    private Arbitrary<Mutation> noise(Slot slot) {
        String type = slot.schema().path("type").asText("object");
        String objectPath = "object".equals(type) ? slot.path() : null;
        List<Arbitrary<Mutation>> choices = new ArrayList<>();
        if ("string".equals(type)) {
            choices.add(hostileString().map(s -> new Mutation("string " + slot.path() + "=" + shorten(s), slot.path(),
                    NODES.textNode(s), false, null)));
        }
        if ("integer".equals(type) || "number".equals(type)) {
            choices.add(hostileNumber().map(n -> new Mutation("number " + slot.path() + "=" + shorten(n.toString()), slot.path(),
                    n, false, null)));
        }
        if (!slot.required() && !slot.path().isEmpty()) {
            choices.add(Arbitraries.just(new Mutation("null optional " + slot.path(), slot.path(), NODES.nullNode(), false, null)));
        }
        if (objectPath != null) {
            String prefix = objectPath.isEmpty() ? "" : objectPath + ".";
            choices.add(Combinators.combine(Arbitraries.of("id", "status", "providerRef", "captured", "refunded", "__proto__",
                            "extra", "admin", "clientId"), randomJson(3))
                    .as((field, v) -> new Mutation("extra field " + prefix + field, prefix + field, v, false, null)));
        }
        choices.add(Combinators.combine(Arbitraries.integers().between(1_100, 20_000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> new Mutation("nesting " + depth, null, null, false,
                        open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth))));
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<String> hostileString() {
        return Arbitraries.oneOf(
                Arbitraries.of(STRINGS),
                Arbitraries.integers().between(1_000, 300_000).map("x"::repeat),
                Arbitraries.strings().all().ofMaxLength(64),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(16));
    }

    private static Arbitrary<JsonNode> hostileNumber() {
        return Arbitraries.oneOf(
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, (long) Integer.MAX_VALUE + 1, -1_000_000_000L)
                        .map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19).negate(), BigInteger.TEN.pow(40)).map(NODES::numberNode),
                Arbitraries.of("1e400", "-1e400", "1e-400", "0.000000000000000000001", "123456789012345678901234567890.5", "-0.0")
                        .map(s -> NODES.numberNode(new BigDecimal(s))),
                Arbitraries.integers().between(400, 5_000).map(n -> NODES.numberNode(new BigInteger("9".repeat(n)))));
    }

    /** Random JSON of any shape, up to {@code depth} levels. */
    private static Arbitrary<JsonNode> randomJson(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                hostileString().map(NODES::textNode), hostileNumber(),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> randomJson(depth - 1));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(k -> "k" + k).list().ofMaxSize(4),
                inner.list().ofSize(4)).as((keys, values) -> {
            ObjectNode o = NODES.objectNode();
            for (int i = 0; i < keys.size(); i++) {
                o.set(keys.get(i), values.get(i));
            }
            return o;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(1, array), Tuple.of(3, object));
    }

    // ---------------------------------------------------------------- JSON helpers

    static void set(ObjectNode root, String path, JsonNode value) {
        Parent p = parent(root, path, true);
        if (p == null) {
            return;
        }
        if (p.node() instanceof ObjectNode o && p.key() != null) {
            o.set(p.key(), value);
        } else if (p.node() instanceof ArrayNode a && p.index() < a.size()) {
            a.set(p.index(), value);
        }
    }

    static JsonNode at(JsonNode root, String path) {
        return root.at("/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1"));
    }

    static void remove(ObjectNode root, String path) {
        Parent p = parent(root, path, false);
        if (p == null) {
            return;
        }
        if (p.node() instanceof ObjectNode o && p.key() != null) {
            o.remove(p.key());
        } else if (p.node() instanceof ArrayNode a && p.index() < a.size()) {
            a.remove(p.index());
        }
    }

    /** {@code key} null: the last step is an index (an earlier mutation may have made that array an object). */
    private record Parent(JsonNode node, String key, int index) {
    }

    /** The container holding the last step of {@code path}; missing objects on the way are created when {@code create}. */
    private static Parent parent(ObjectNode root, String path, boolean create) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
            } else {
                steps.add(part.substring(0, bracket));
                steps.add(part.substring(bracket));
            }
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            String step = steps.get(i);
            JsonNode next = step.startsWith("[") ? node.path(Integer.parseInt(step.substring(1, step.length() - 1))) : node.path(step);
            if (next.isMissingNode() || next.isNull() || !next.isContainerNode()) {
                if (!create || !(node instanceof ObjectNode o) || step.startsWith("[")) {
                    return null;
                }
                next = o.putObject(step);
            }
            node = next;
        }
        String last = steps.getLast();
        return last.startsWith("[") ? new Parent(node, null, Integer.parseInt(last.substring(1, last.length() - 1)))
                : new Parent(node, last, -1);
    }

    private static byte[] write(JsonNode body, String rawExtra) {
        try {
            String text = JSON.writeValueAsString(body);
            if (rawExtra != null && text.endsWith("}")) {
                text = text.substring(0, text.length() - 1) + (text.length() > 2 ? "," : "") + "\"deep\":" + rawExtra + "}";
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] splice(byte[] text, byte[] marker, byte[] replacement) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(new String(marker, StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        out.writeBytes(replacement);
        out.write(text, at + marker.length, text.length - at - marker.length);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeSegment(String value) {
        return encode(value).replace("*", "%2A");
    }

    /**
     * As typed into a URL: '/' and '.' stay, so routers see traversal; only what no URI may hold is escaped, and ';'
     * (a matrix parameter would leave the part before it, a valid value).
     */
    private static String rawSegment(String value) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%' && !(i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]));
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}# ?[];".indexOf(c) < 0 && !escape) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }
}
