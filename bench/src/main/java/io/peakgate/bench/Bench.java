package io.peakgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open-model load generator: requests leave at a constant arrival rate whatever the server does,
 * and each latency is measured from the request's intended send time (no coordinated omission).
 * Sweeps the offered rates given, each step bounded in time, and writes one JSON result.
 *
 * <p>A step counts only the outcome each request claims: a reading is accepted when answered 201, a
 * batch item when its own status says accepted (never the batch's outer 200). Every other answer,
 * timeout or connection error is refused; a step whose refused share exceeds {@code --max-refused-share}
 * (0.1%) is FAILED. Only the {@code overload} scenario expects shedding: there 429/503 with Retry-After
 * are counted as shed, apart from the refusals (a 503 without Retry-After is not shed).
 *
 * <p>Each step's readings carry the source {@code b<run id>-<scenario>-<step>} ({@code --source} sets one for
 * all), and the ids of those accepted are written to {@code <ids-dir>/ids-<source>.txt}, for KafkaCount.
 *
 * <p>Readings go to the run's own fresh accounts ({@code --first-account}, {@code --accounts}), whose
 * registers start at {@code --start-value}: each register gets start + 1, + 2, ... and an account is
 * not sent again while its previous request is in flight, so no reading can be "lower than the last".
 *
 * <pre>java io.peakgate.bench.Bench --scenario readings --url http://127.0.0.1:8080 --rates 500,1000
 *      --step-seconds 10 --first-account 4000000000 --accounts 10000 --run-id 261203142155 --key KEY
 *      --out results.json --pids gateway=123,redis=456 --metrics-url http://127.0.0.1:9000/q/metrics
 *      --backlog-cmd "psql ... -Atc 'SELECT count(*) FROM outbox WHERE sent_at IS NULL'"</pre>
 * Over 250 lines on purpose: the open-model generator and the request shape of every scenario, so each sweep is measured the same way.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IN_FLIGHT = 8192;
    private static final int BATCH_SIZE = 100;

    private final Map<String, String> args;
    private final Vertx vertx = Vertx.vertx();
    private final WebClient client;
    private final String scenario;
    private final String key;
    private final int accounts;
    private final long firstAccount;
    private final long startValue;
    private final String runId;
    private final double maxRefusedShare;
    /** Submissions per account so far (the sender's thread only) and whether one is in flight. */
    private final int[] submitted;
    private final AtomicIntegerArray busy;
    private long cursor;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentLinkedQueue<String> waitingPayments = new ConcurrentLinkedQueue<>();

    private Bench(Map<String, String> args) {
        this.args = args;
        this.scenario = args.getOrDefault("scenario", "readings");
        this.key = args.getOrDefault("key", "bench-key");
        this.accounts = Integer.parseInt(args.getOrDefault("accounts", "10000"));
        this.firstAccount = Long.parseLong(args.getOrDefault("first-account", "3300000003"));
        this.startValue = Long.parseLong(args.getOrDefault("start-value", "1000"));
        this.runId = args.getOrDefault("run-id", "");
        this.maxRefusedShare = Double.parseDouble(args.getOrDefault("max-refused-share", "0.001"));
        this.submitted = new int[accounts];
        this.busy = new AtomicIntegerArray(accounts);
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

    /** One request, the name its latency is counted under, and the accounts it holds until answered. */
    private record Call(String name, HttpMethod method, String url, MultiMap headers, Buffer body, int[] held) {
        Call(String name, HttpMethod method, String url, MultiMap headers, Buffer body) {
            this(name, method, url, headers, body, new int[0]);
        }
    }

    /** What one step counted; {@code accepted} is readings accepted (201s and accepted batch items). */
    record Step(double offered, int seconds, String source, long sent, long completed, double achieved,
                long accepted, double acceptedPerSecond, long ok, long shed, long refused, double refusedShare,
                boolean failed, String failure, Map<String, Long> outcomes, Map<String, Map<String, Double>> latencyMs,
                Map<String, Double> cpuSeconds, Map<String, Object> memory, double backlogDrainSeconds,
                long backlogAfterDrain) {
    }

    /** Counters of one step, shared by the callbacks. */
    private static final class Tally {
        final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong shed = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
        volatile String source;

        void count(String outcome) {
            outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        }

        void latency(String name, long micros) {
            histograms.computeIfAbsent(name, n -> new Histogram(3_600_000_000L, 3)).recordValue(Math.max(1, micros));
        }
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
            Step warm = step(base, Double.parseDouble(rates[0].trim()), warmup, "w");
            System.out.printf("%s warm-up @ %s/s: p99 %.1f ms, outcomes %s (not reported)%n", scenario, rates[0],
                    warm.latencyMs().get("all").get("p99"), warm.outcomes());
        }
        for (int i = 0; i < rates.length; i++) {
            double rate = Double.parseDouble(rates[i].trim());
            if ("callbacks".equals(scenario)) {
                prepareWaitingPayments(base, (int) Math.min(3000, rate * seconds * 0.2 + 50));
            }
            Step step = step(base, rate, seconds, Integer.toString(i));
            steps.add(step);
            System.out.printf("%s @ %.0f/s: %s achieved %.0f/s, accepted %.0f/s, p50 %.1f ms, p99 %.1f ms, refused %.3f%%, "
                            + "shed %d, drain %.1f s, outcomes %s%n", scenario, rate, step.failed() ? "FAILED" : "ok",
                    step.achieved(), step.acceptedPerSecond(), step.latencyMs().get("all").get("p50"),
                    step.latencyMs().get("all").get("p99"), step.refusedShare() * 100, step.shed(),
                    step.backlogDrainSeconds(), step.outcomes());
            if (step.failed() || step.latencyMs().get("all").get("p99") > stopP99) {
                break;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        result.put("url", base);
        result.put("runId", runId);
        result.put("firstAccount", firstAccount);
        result.put("accounts", accounts);
        result.put("startValue", startValue);
        result.put("stepSeconds", seconds);
        result.put("maxRefusedShare", maxRefusedShare);
        result.put("steps", steps);
        Files.writeString(Path.of(args.getOrDefault("out", "bench-result.json")),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private Step step(String base, double rate, int seconds, String tag) throws Exception {
        Tally tally = new Tally();
        // each step its own source, so its readings can be found on Kafka apart from every other step and run
        tally.source = args.containsKey("source") ? args.get("source")
                : runId.isEmpty() ? null : ("b" + runId + "-" + scenario + "-" + tag);
        String pids = args.getOrDefault("pids", "");
        Map<String, Double> cpuBefore = Processes.cpuSeconds(pids);
        long total = (long) (rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + 50_000_000L;
        AtomicLong sent = new AtomicLong();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        Runnable completed = () -> {
            if (done.incrementAndGet() == total) {
                finished.countDown();
            }
        };
        AtomicReference<Map<String, Object>> memory = new AtomicReference<>(Map.of());
        // memory is sampled once, 80% into the step: the load is at its height, the generator barely notices
        long sampler = vertx.setTimer(Math.max(1, seconds * 800L), id -> sampleMemory(pids, memory));
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (sent.get() < total) {
                long intended = start + sent.get() * intervalNanos;
                if (intended > now) {
                    break;
                }
                sent.incrementAndGet();
                Call call = inFlight.get() >= MAX_IN_FLIGHT ? null : next(base, tally.source);
                if (call == null) {
                    // the generator could not send (too many in flight, or every account still waiting): refused too
                    tally.count(inFlight.get() >= MAX_IN_FLIGHT ? "generator-overload" : "generator-no-free-account");
                    tally.refused.incrementAndGet();
                    completed.run();
                    continue;
                }
                fire(base, call, intended, tally, completed);
            }
        });
        boolean all = finished.await(seconds + 30L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        vertx.cancelTimer(sampler);
        // rates over the step's own duration, or longer when answers came late (never above the offered rate)
        double elapsed = Math.max(seconds, (System.nanoTime() - start) / 1e9);
        Map<String, Double> cpuAfter = Processes.cpuSeconds(pids);
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((name, after) -> cpu.put(name, after - cpuBefore.getOrDefault(name, 0.0)));
        double[] drain = drainBacklog();
        Map<String, Map<String, Double>> latencies = new LinkedHashMap<>();
        Histogram everything = new Histogram(3_600_000_000L, 3);
        tally.histograms.values().forEach(everything::add);
        latencies.put("all", summary(everything));
        tally.histograms.forEach((name, h) -> latencies.put(name, summary(h)));
        Map<String, Long> counted = new LinkedHashMap<>();
        tally.outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counted.put(e.getKey(), e.getValue().get()));
        long unanswered = total - done.get();
        long refused = tally.refused.get() + unanswered;
        if (unanswered > 0) {
            counted.put("unanswered", unanswered);
        }
        long answers = everything.getTotalCount();
        double share = total == 0 ? 0 : (double) refused / total;
        String failure = !all ? "not every request was answered within the step + 30 s"
                : share > maxRefusedShare ? String.format(java.util.Locale.ROOT, "refused share %.3f%% > %.3f%%",
                share * 100, maxRefusedShare * 100) : "";
        if (tally.source != null && !tally.acceptedIds.isEmpty()) {
            Path dir = Path.of(args.getOrDefault("ids-dir", "."));
            Files.write(dir.resolve("ids-" + tally.source + ".txt"), new ArrayList<>(tally.acceptedIds));
        }
        return new Step(rate, seconds, tally.source, total, answers, answers / elapsed, tally.accepted.get(),
                tally.accepted.get() / elapsed, tally.ok.get(), tally.shed.get(), refused, share, !failure.isEmpty(),
                failure, counted, latencies, cpu, memory.get(), drain[0], (long) drain[1]);
    }

    /**
     * Waits until the gateway's outbox has no unsent row (the command prints the count), polling every
     * 200 ms for at most 30 s from the step's end: {seconds it took, count left}; {-1, -1} without a command.
     */
    private double[] drainBacklog() {
        String command = args.get("backlog-cmd");
        if (command == null || command.isBlank()) {
            return new double[]{-1, -1};
        }
        long from = System.nanoTime();
        long left = -1;
        while (System.nanoTime() - from < 30_000_000_000L) {
            try {
                Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor(10, TimeUnit.SECONDS);
                left = Long.parseLong(out.lines().reduce((a, b) -> b).orElse("-1").trim());
            } catch (Exception e) {
                left = -1;
            }
            if (left == 0) {
                return new double[]{(System.nanoTime() - from) / 1e9, 0};
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new double[]{-1, left};
    }

    /** The gateway's RSS from /proc and its JVM memory and threads from /q/metrics on the management port (Micrometer's names). */
    private void sampleMemory(String pids, AtomicReference<Map<String, Object>> memory) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rssKb", Processes.status(pids, "gateway", "VmRSS"));
        m.put("hwmKb", Processes.status(pids, "gateway", "VmHWM"));
        memory.set(m);
        String url = args.get("metrics-url");
        if (url == null || url.isBlank()) {
            return;
        }
        client.getAbs(url).timeout(5000).send().onSuccess(r -> {
            Map<String, Object> all = new LinkedHashMap<>(m);
            all.putAll(Processes.jvm(r.bodyAsString()));
            memory.set(all);
        });
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

    /** The answer each request claims: a reading 201, a balance 200, a refusal of the validation path 400, ... */
    private static boolean claimed(String name, int status) {
        return switch (name) {
            case "reading", "card-payment", "bare" -> status == 201;
            case "validation" -> status == 400;
            case "verify-wrong-surname", "verify-missing-account" -> status == 422;
            case "challenge" -> status == 200 || status == 303;
            default -> status == 200;
        };
    }

    private void fire(String base, Call call, long intended, Tally tally, Runnable finished) {
        inFlight.incrementAndGet();
        var request = client.requestAbs(call.method(), call.url()).timeout(10_000);
        request.headers().addAll(call.headers());
        Future<HttpResponse<Buffer>> response = call.body() == null ? request.send() : request.sendBuffer(call.body());
        response.onComplete(ar -> {
            long micros = (System.nanoTime() - intended) / 1000;
            inFlight.decrementAndGet();
            for (int account : call.held()) {
                busy.set(account, 0);
            }
            if (ar.failed()) {
                tally.latency(call.name(), micros);
                tally.count(call.name() + ":" + (ar.cause() instanceof java.util.concurrent.TimeoutException
                        ? "timeout" : "io-error"));
                tally.refused.incrementAndGet();
                finished.run();
                return;
            }
            HttpResponse<Buffer> r = ar.result();
            int status = r.statusCode();
            boolean retryAfter = r.getHeader("Retry-After") != null;
            if ((status == 429 || status == 503) && retryAfter) {
                // shed properly: an answer within milliseconds that tells the caller when to come back
                tally.latency("shed", micros);
                tally.count(call.name() + ":" + status + "+retry-after");
                if ("overload".equals(scenario)) {
                    tally.shed.incrementAndGet();
                } else {
                    tally.refused.incrementAndGet();
                }
                finished.run();
                return;
            }
            tally.latency(call.name(), micros);
            if (call.name().equals("batch") && status == 200) {
                countBatchItems(r.bodyAsJsonObject(), tally);
            } else if (claimed(call.name(), status)) {
                tally.count(call.name() + ":" + status);
                tally.ok.incrementAndGet();
                if (call.name().equals("reading")) {
                    tally.accepted.incrementAndGet();
                    tally.acceptedIds.add(r.bodyAsJsonObject().getString("id"));
                }
            } else {
                tally.count(call.name() + ":" + status);
                tally.refused.incrementAndGet();
            }
            JsonObject action = call.name().equals("card-payment") && status == 201
                    ? r.bodyAsJsonObject().getJsonObject("action") : null;
            if (action != null) {
                // a payment the provider decided at once (no challenge) has no action to answer
                String url = action.getString("url");
                fire(base, new Call("challenge", HttpMethod.POST, url, MultiMap.caseInsensitiveMultiMap()
                                .add("content-type", "application/x-www-form-urlencoded"), Buffer.buffer("code=111111")),
                        System.nanoTime(), tally, () -> { });
            }
            finished.run();
        });
    }

    /** Each item of a batch by its own status: only accepted items count, the outer 200 says nothing. */
    private static void countBatchItems(JsonObject body, Tally tally) {
        JsonArray results = body.getJsonArray("results", new JsonArray());
        boolean all = !results.isEmpty();
        for (int i = 0; i < results.size(); i++) {
            JsonObject item = results.getJsonObject(i);
            if ("accepted".equals(item.getString("status")) && item.getJsonObject("reading") != null) {
                tally.count("batch-item:accepted");
                tally.accepted.incrementAndGet();
                tally.acceptedIds.add(item.getJsonObject("reading").getString("id"));
            } else {
                JsonObject problem = item.getJsonObject("problem", new JsonObject());
                tally.count("batch-item:" + item.getString("status") + ":" + problem.getValue("status") + ":"
                        + problem.getString("code"));
                all = false;
            }
        }
        tally.count("batch:200");
        if (all) {
            tally.ok.incrementAndGet();
        } else {
            // one refused item refuses the request: the step's share counts requests, the items are counted above
            tally.refused.incrementAndGet();
        }
    }

    /** The next request of the scenario's mix; null when no account is free for a reading. */
    private Call next(String base, String source) {
        return switch (scenario) {
            case "readings", "overload" -> reading(base, source);
            case "batch" -> batch(base, source);
            case "bare" -> new Call("bare", HttpMethod.POST, base + "/v1/readings", json(), Buffer.buffer(
                    "{\"meter\":\"E-" + firstAccount + "\",\"values\":[{\"register\":\"T1\",\"value\":1234}]}"));
            // the same JSON POST through auth, parsing and validation, refused before any I/O (400)
            case "validation" -> new Call("validation", HttpMethod.POST, base
                    + "/v1/suppliers/esplus/accounts/" + firstAccount + "/readings", write(), Buffer.buffer(
                    "{\"meter\":\"\",\"values\":[{\"register\":\"T1\",\"value\":1234}]}"));
            case "verify" -> verify(base);
            case "callbacks" -> ThreadLocalRandom.current().nextInt(100) < 20 && !waitingPayments.isEmpty()
                    ? callback(base, waitingPayments.poll()) : reading(base, source);
            case "month-end" -> {
                int roll = ThreadLocalRandom.current().nextInt(100);
                yield roll < 80 ? reading(base, source) : roll < 90 ? balance(base) : roll < 97 ? cardPayment(base) : sms(base);
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /** The next account with nothing in flight, marked busy; -1 when every account is waiting for an answer. */
    private int freeAccount() {
        for (int tries = 0; tries < accounts; tries++) {
            int i = (int) (cursor++ % accounts);
            if (busy.compareAndSet(i, 0, 1)) {
                return i;
            }
        }
        return -1;
    }

    /** The register's next value: one above the last this run sent (the account's registers start at start-value). */
    private long nextValue(int account) {
        return startValue + ++submitted[account];
    }

    private Call reading(String base, String source) {
        int i = freeAccount();
        if (i < 0) {
            return null;
        }
        long account = firstAccount + i;
        return new Call("reading", HttpMethod.POST, base + "/v1/suppliers/esplus/accounts/" + account + "/readings",
                write(), Buffer.buffer("{\"meter\":\"E-" + account + "\",\"values\":[{\"register\":\"T1\",\"value\":"
                + nextValue(i) + "}]" + source(source) + "}"), new int[]{i});
    }

    private static String source(String source) {
        return source == null ? "" : ",\"source\":\"" + source + "\"";
    }

    /**
     * Verification without registration, half on real accounts with a wrong surname, half on accounts
     * that do not exist: both must answer alike, in the same time. Each account is tried once and each
     * request claims its own end-user address, so the rate limits stay out of the measurement.
     */
    private Call verify(String base) {
        long i = sequence.getAndIncrement();
        boolean existing = i % 2 == 0;
        long account = existing ? firstAccount + (i / 2) % accounts : 3_400_000_000L + i;
        MultiMap headers = json().add("authorization", "Bearer " + key)
                .add("x-forwarded-for", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        return new Call(existing ? "verify-wrong-surname" : "verify-missing-account", HttpMethod.POST,
                base + "/v1/suppliers/esplus/verify", headers,
                Buffer.buffer("{\"account\":\"" + account + "\",\"surname\":\"Nobody\"}"));
    }

    private Call batch(String base, String source) {
        int[] held = new int[BATCH_SIZE];
        for (int k = 0; k < BATCH_SIZE; k++) {
            held[k] = freeAccount();
            if (held[k] < 0) {
                for (int j = 0; j < k; j++) {
                    busy.set(held[j], 0);
                }
                return null;
            }
        }
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int k = 0; k < BATCH_SIZE; k++) {
            long account = firstAccount + held[k];
            body.append(k == 0 ? "" : ",").append("{\"account\":\"").append(account).append("\",\"meter\":\"E-")
                    .append(account).append("\",\"values\":[{\"register\":\"T1\",\"value\":")
                    .append(nextValue(held[k])).append("}]").append(source(source)).append('}');
        }
        return new Call("batch", HttpMethod.POST, base + "/v1/suppliers/esplus/readings/batch", write(),
                Buffer.buffer(body.append("]}").toString()), held);
    }

    private long randomAccount() {
        return firstAccount + ThreadLocalRandom.current().nextInt(accounts);
    }

    private Call balance(String base) {
        return new Call("balance", HttpMethod.GET, base + "/v1/suppliers/esplus/accounts/" + randomAccount() + "/balance",
                MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer " + key), null);
    }

    private Call cardPayment(String base) {
        return new Call("card-payment", HttpMethod.POST, base + "/v1/payments", write(), Buffer.buffer(
                "{\"supplier\":\"esplus\",\"account\":\"" + randomAccount() + "\",\"amount\":{\"value\":42500,\"currency\":\"RUB\"},"
                        + "\"method\":{\"type\":\"card\",\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,"
                        + "\"expYear\":2030,\"cvc\":\"123\"}}}"));
    }

    private Call sms(String base) {
        String body = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"from\":\"+7" + (9_000_000_000L + sequence.getAndIncrement())
                + "\",\"to\":\"3116\",\"text\":\"esplus " + randomAccount() + " 10\",\"receivedAt\":\"" + Instant.now() + "\"}";
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
