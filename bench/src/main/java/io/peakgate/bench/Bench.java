package io.peakgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.HdrHistogram.Histogram;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load generator: requests leave at a constant arrival rate whatever the server does,
 * and each latency is measured from the request's intended send time (no coordinated omission).
 * Sweeps the offered rates given, each step bounded in time, and writes one JSON result.
 *
 * <pre>java io.peakgate.bench.Bench --scenario readings --url http://127.0.0.1:8080 --rates 500,1000
 *      --step-seconds 10 --accounts 100000 --key KEY --out results.json --pids gateway=123,redis=456</pre>
 * Over 250 lines on purpose: the open-model generator and the request shape of every scenario, so each sweep is measured the same way.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_ACCOUNT = 3_300_000_003L;
    private static final int MAX_IN_FLIGHT = 8192;

    private final Map<String, String> args;
    private final Vertx vertx = Vertx.vertx();
    private final WebClient client;
    private final String scenario;
    private final String key;
    private final int accounts;
    private final long readingBase;
    private final long accountOffset;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentLinkedQueue<String> waitingPayments = new ConcurrentLinkedQueue<>();

    private Bench(Map<String, String> args) {
        this.args = args;
        this.scenario = args.getOrDefault("scenario", "readings");
        this.key = args.getOrDefault("key", "bench-key");
        this.accounts = Integer.parseInt(args.getOrDefault("accounts", "100000"));
        this.readingBase = Long.parseLong(args.getOrDefault("reading-base", "2000"));
        this.accountOffset = Long.parseLong(args.getOrDefault("account-offset", "0"));
        this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(256).setKeepAlive(true)
                .setConnectTimeout(2000).setIdleTimeout(30).setTryUseCompression(false));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        Bench bench = new Bench(args);
        try {
            bench.run();
        } finally {
            bench.vertx.close();
        }
    }

    /** What one request is, and under which name its latency is counted. */
    private record Call(String name, HttpMethod method, String url, MultiMap headers, Buffer body) {
    }

    private record Step(double offered, double achieved, long completed, Map<String, Long> outcomes,
                        Map<String, Map<String, Double>> latencyMs, Map<String, Double> cpuSeconds, long gatewayRssKb) {
    }

    private void run() throws Exception {
        String base = args.getOrDefault("url", "http://127.0.0.1:8080");
        int seconds = Integer.parseInt(args.getOrDefault("step-seconds", "10"));
        double stopP99 = Double.parseDouble(args.getOrDefault("stop-p99-ms", "1000"));
        List<Step> steps = new ArrayList<>();
        String[] rates = args.getOrDefault("rates", "500,1000").split(",");
        int warmup = Integer.parseInt(args.getOrDefault("warmup-seconds", "6"));
        if (warmup > 0) {
            // JIT, connection pools and caches warm up at the first rate; this step is not reported
            Step warm = step(base, Double.parseDouble(rates[0].trim()), warmup);
            System.out.printf("%s warm-up @ %s/s: p99 %.1f ms (not reported)%n", scenario, rates[0],
                    warm.latencyMs().get("all").get("p99"));
        }
        for (String r : rates) {
            double rate = Double.parseDouble(r.trim());
            if ("callbacks".equals(scenario)) {
                prepareWaitingPayments(base, (int) Math.min(3000, rate * seconds * 0.2 + 50));
            }
            Step step = step(base, rate, seconds);
            steps.add(step);
            System.out.printf("%s @ %.0f/s: achieved %.0f/s, p50 %.1f ms, p99 %.1f ms, outcomes %s%n", scenario, rate,
                    step.achieved(), step.latencyMs().get("all").get("p50"), step.latencyMs().get("all").get("p99"),
                    step.outcomes());
            long errors = step.outcomes().entrySet().stream().filter(e -> !expected(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            if (step.latencyMs().get("all").get("p99") > stopP99 || errors > step.completed() / 20) {
                break;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        result.put("url", base);
        result.put("stepSeconds", seconds);
        result.put("steps", steps);
        Files.writeString(Path.of(args.getOrDefault("out", "bench-result.json")),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private Step step(String base, double rate, int seconds) throws InterruptedException {
        Map<String, Histogram> histograms = new ConcurrentHashMap<>();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        Map<String, Double> cpuBefore = Processes.cpuSeconds(args.getOrDefault("pids", ""));
        long total = (long) (rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + 50_000_000L;
        AtomicLong sent = new AtomicLong();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (sent.get() < total) {
                long intended = start + sent.get() * intervalNanos;
                if (intended > now) {
                    break;
                }
                sent.incrementAndGet();
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    count(outcomes, "generator-overload");
                    if (done.incrementAndGet() == total) {
                        finished.countDown();
                    }
                    continue;
                }
                fire(base, next(base), intended, histograms, outcomes, () -> {
                    if (done.incrementAndGet() == total) {
                        finished.countDown();
                    }
                });
            }
        });
        finished.await(seconds + 30L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = Processes.cpuSeconds(args.getOrDefault("pids", ""));
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((name, after) -> cpu.put(name, after - cpuBefore.getOrDefault(name, 0.0)));
        Map<String, Map<String, Double>> latencies = new LinkedHashMap<>();
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.values().forEach(all::add);
        latencies.put("all", summary(all));
        histograms.forEach((name, h) -> latencies.put(name, summary(h)));
        Map<String, Long> counted = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.get()));
        long completed = all.getTotalCount();
        return new Step(rate, completed / elapsed, completed, counted, latencies, cpu,
                Processes.rssKb(args.getOrDefault("pids", ""), "gateway"));
    }

    /** Whether a status is the scenario's intended answer (the validation path is meant to refuse). */
    private boolean expected(String status) {
        return status.startsWith("2") || "validation".equals(scenario) && status.equals("400")
                || "verify".equals(scenario) && status.equals("422");
    }

    private static Map<String, Double> summary(Histogram h) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("count", (double) h.getTotalCount());
        s.put("p50", h.getValueAtPercentile(50) / 1000.0);
        s.put("p99", h.getValueAtPercentile(99) / 1000.0);
        s.put("p999", h.getValueAtPercentile(99.9) / 1000.0);
        s.put("max", h.getMaxValue() / 1000.0);
        return s;
    }

    private void fire(String base, Call call, long intended, Map<String, Histogram> histograms,
                      Map<String, AtomicLong> outcomes, Runnable finished) {
        inFlight.incrementAndGet();
        var request = client.requestAbs(call.method(), call.url()).timeout(10_000);
        request.headers().addAll(call.headers());
        Future<HttpResponse<Buffer>> response = call.body() == null ? request.send() : request.sendBuffer(call.body());
        response.onComplete(ar -> {
            long micros = (System.nanoTime() - intended) / 1000;
            inFlight.decrementAndGet();
            histograms.computeIfAbsent(call.name(), n -> new Histogram(3_600_000_000L, 3)).recordValue(Math.max(1, micros));
            if (ar.succeeded()) {
                int status = ar.result().statusCode();
                count(outcomes, Integer.toString(status));
                if (call.name().equals("card-payment") && status == 201) {
                    String url = ar.result().bodyAsJsonObject().getJsonObject("action").getString("url");
                    fire(base, new Call("challenge", HttpMethod.POST, url, MultiMap.caseInsensitiveMultiMap()
                            .add("content-type", "application/x-www-form-urlencoded"), Buffer.buffer("code=111111")),
                            System.nanoTime(), histograms, outcomes, () -> { });
                }
            } else {
                count(outcomes, ar.cause() instanceof java.util.concurrent.TimeoutException ? "timeout" : "io-error");
            }
            finished.run();
        });
    }

    private static void count(Map<String, AtomicLong> outcomes, String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    /** The next request of the scenario's mix. */
    private Call next(String base) {
        return switch (scenario) {
            case "readings", "overload" -> reading(base);
            case "batch" -> batch(base);
            case "bare" -> new Call("bare", HttpMethod.POST, base + "/v1/readings", json(), Buffer.buffer(
                    "{\"meter\":\"E-3300000003\",\"values\":[{\"register\":\"T1\",\"value\":1234}]}"));
            // the same JSON POST through auth, parsing and validation, refused before any I/O (400)
            case "validation" -> new Call("validation", HttpMethod.POST, base
                    + "/v1/suppliers/esplus/accounts/3300000003/readings", write(), Buffer.buffer(
                    "{\"meter\":\"\",\"values\":[{\"register\":\"T1\",\"value\":1234}]}"));
            case "verify" -> verify(base);
            case "callbacks" -> ThreadLocalRandom.current().nextInt(100) < 20 && !waitingPayments.isEmpty()
                    ? callback(base, waitingPayments.poll()) : reading(base);
            case "month-end" -> {
                int roll = ThreadLocalRandom.current().nextInt(100);
                yield roll < 80 ? reading(base) : roll < 90 ? balance(base) : roll < 97 ? cardPayment(base) : sms(base);
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /** Readings go round-robin over the accounts, each one a unit above the last, so none is refused. */
    private Call reading(String base) {
        long i = sequence.getAndIncrement();
        long account = FIRST_ACCOUNT + accountOffset + i % accounts;
        long value = readingBase + i / accounts + 1;
        return new Call("reading", HttpMethod.POST, base + "/v1/suppliers/esplus/accounts/" + account + "/readings",
                write(), Buffer.buffer("{\"meter\":\"E-" + account + "\",\"values\":[{\"register\":\"T1\",\"value\":"
                + value + "}]" + source() + "}"));
    }

    private String source() {
        return args.containsKey("source") ? ",\"source\":\"" + args.get("source") + "\"" : "";
    }

    /**
     * Verification without registration, half on real accounts with a wrong surname, half on accounts
     * that do not exist: both must answer alike, in the same time. Each account is tried once and each
     * request claims its own end-user address, so the rate limits stay out of the measurement.
     */
    private Call verify(String base) {
        long i = sequence.getAndIncrement();
        boolean existing = i % 2 == 0;
        long account = existing ? FIRST_ACCOUNT + (i / 2) % accounts : 3_400_000_000L + i;
        MultiMap headers = json().add("authorization", "Bearer " + key)
                .add("x-forwarded-for", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        return new Call(existing ? "verify-wrong-surname" : "verify-missing-account", HttpMethod.POST,
                base + "/v1/suppliers/esplus/verify", headers,
                Buffer.buffer("{\"account\":\"" + account + "\",\"surname\":\"Nobody\"}"));
    }

    private Call batch(String base) {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int k = 0; k < 100; k++) {
            long i = sequence.getAndIncrement();
            long account = FIRST_ACCOUNT + i % accounts;
            body.append(k == 0 ? "" : ",").append("{\"account\":\"").append(account).append("\",\"meter\":\"E-")
                    .append(account).append("\",\"values\":[{\"register\":\"T1\",\"value\":")
                    .append(readingBase + i / accounts + 1).append("}]}");
        }
        return new Call("batch", HttpMethod.POST, base + "/v1/suppliers/esplus/readings/batch", write(),
                Buffer.buffer(body.append("]}").toString()));
    }

    private Call balance(String base) {
        long account = FIRST_ACCOUNT + ThreadLocalRandom.current().nextInt(accounts);
        return new Call("balance", HttpMethod.GET, base + "/v1/suppliers/esplus/accounts/" + account + "/balance",
                MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer " + key), null);
    }

    private Call cardPayment(String base) {
        long account = FIRST_ACCOUNT + ThreadLocalRandom.current().nextInt(accounts);
        return new Call("card-payment", HttpMethod.POST, base + "/v1/payments", write(), Buffer.buffer(
                "{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"amount\":{\"value\":42500,\"currency\":\"RUB\"},"
                        + "\"method\":{\"type\":\"card\",\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,"
                        + "\"expYear\":2030,\"cvc\":\"123\"}}}"));
    }

    private Call sms(String base) {
        long account = FIRST_ACCOUNT + ThreadLocalRandom.current().nextInt(accounts);
        String body = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"from\":\"+7" + (9_000_000_000L + sequence.getAndIncrement())
                + "\",\"to\":\"3116\",\"text\":\"esplus " + account + " 10\",\"receivedAt\":\"" + Instant.now() + "\"}";
        return new Call("sms", HttpMethod.POST, base + "/v1/sms/bench-sms/inbound", json()
                .add("x-signature", "sha256=" + hmac(args.getOrDefault("sms-secret", "bench-sms-secret"), body)),
                Buffer.buffer(body));
    }

    private Call callback(String base, String paymentId) {
        String body = "{\"eventId\":\"bench-" + UUID.randomUUID() + "\",\"paymentId\":\"" + paymentId
                + "\",\"status\":\"succeeded\",\"amount\":42500,\"currency\":\"RUB\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        return new Call("callback", HttpMethod.POST, base + "/v1/callbacks/sandbox", json()
                .add("x-sandbox-timestamp", ts)
                .add("x-sandbox-signature", "sha256=" + hmac(args.getOrDefault("sandbox-secret", "bench-sandbox-secret"),
                        ts + "." + body)), Buffer.buffer(body));
    }

    /** Card payments waiting for their callback, made before the step (not measured). */
    private void prepareWaitingPayments(String base, int count) throws InterruptedException {
        CountDownLatch made = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Call call = cardPayment(base);
            var request = client.requestAbs(call.method(), call.url());
            request.headers().addAll(call.headers());
            request.sendBuffer(call.body()).onComplete(ar -> {
                if (ar.succeeded() && ar.result().statusCode() == 201) {
                    waitingPayments.add(ar.result().bodyAsJsonObject().getString("id"));
                }
                made.countDown();
            });
            if (i % 50 == 49) {
                Thread.sleep(20);
            }
        }
        made.await(60, TimeUnit.SECONDS);
    }

    private MultiMap json() {
        return MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
    }

    private MultiMap write() {
        return json().add("authorization", "Bearer " + key).add("idempotency-key", UUID.randomUUID().toString());
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
