package io.peakgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of a fault scenario: submits readings at a constant rate while a fault is injected,
 * then retries every request that was not acknowledged, with the same Idempotency-Key, until it is
 * (for at most {@code --retry-seconds}, 90). The accounts are the scenario's own fresh ones, registers at
 * {@code --start-value}: each reading is one above its register's last, so none can be refused as lower.
 * Writes what the client saw: the acknowledged reading ids, failures, and the longest failure window.
 * {@code Chaos --url U --key K --first-account A --accounts N --start-value V --rate R --seconds S --out F}
 */
public final class Chaos {

    private record Attempt(String key, String path, String body, long sentAtMillis) {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Retries.args(argv);
        String url = args.get("url");
        String key = args.getOrDefault("key", "bench-key");
        int accounts = Integer.parseInt(args.getOrDefault("accounts", "10000"));
        long firstAccount = Long.parseLong(args.getOrDefault("first-account", "3300000003"));
        long base = Long.parseLong(args.getOrDefault("start-value", "1000"));
        int rate = Integer.parseInt(args.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(128).setConnectTimeout(1000));
        ConcurrentLinkedQueue<Attempt> failed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastFailure = new AtomicLong(0);
        AtomicLong slowestFailure = new AtomicLong(0);
        Map<String, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long total = (long) rate * seconds;
        long start = System.currentTimeMillis();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * 1000 / rate;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long account = firstAccount + i % accounts;
            Attempt a = new Attempt(UUID.randomUUID().toString(), "/v1/suppliers/esplus/accounts/" + account + "/readings",
                    "{\"meter\":\"E-" + account + "\",\"values\":[{\"register\":\"T1\",\"value\":" + (base + i / accounts + 1)
                            + "}],\"source\":\"chaos\"}", System.currentTimeMillis());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            send(client, url, key, a).onComplete(ar -> {
                String status = ar.succeeded() ? Integer.toString(ar.result().statusCode()) : "io-error";
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                    acknowledged.add(ar.result().bodyAsJsonObject().getString("id"));
                } else {
                    failed.add(a);
                    long now = System.currentTimeMillis();
                    firstFailure.accumulateAndGet(a.sentAtMillis(), Math::min);
                    lastFailure.accumulateAndGet(now, Math::max);
                    // how long a refused request kept its caller waiting (answers, not connection errors)
                    if (ar.succeeded()) {
                        slowestFailure.accumulateAndGet(now - a.sentAtMillis(), Math::max);
                    }
                }
                done.complete(null);
            });
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long firstTry = acknowledged.size();
        // every unacknowledged request again, same key and body, until acknowledged (bounded)
        var retried = Retries.untilDone(new ArrayList<>(failed),
                Duration.ofSeconds(Long.parseLong(args.getOrDefault("retry-seconds", "90"))), Duration.ofMillis(500), a -> {
                    HttpResponse<Buffer> r = Retries.await(send(client, url, key, a));
                    Retries.Verdict verdict = Retries.ofStatus(r.statusCode());
                    if (verdict == Retries.Verdict.DONE) {
                        acknowledged.add(r.bodyAsJsonObject().getString("id"));
                    }
                    return verdict;
                });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", total);
        result.put("acknowledgedFirstTry", firstTry);
        result.put("failedFirstTry", failed.size());
        result.put("recoveredByRetry", retried.done());
        result.put("refusedOnRetry", retried.refused());
        result.put("neverAcknowledged", retried.left().size());
        result.put("statusesFirstTry", statuses);
        result.put("longestFailureWindowMs", failed.isEmpty() ? 0 : lastFailure.get() - firstFailure.get());
        result.put("slowestRefusalMs", slowestFailure.get());
        Files.writeString(Path.of(args.getOrDefault("out", "chaos.json")),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        Files.write(Path.of(args.getOrDefault("out", "chaos.json") + ".ids"), new ArrayList<>(acknowledged));
        System.out.println(result);
        client.close();
        vertx.close();
    }

    private static io.vertx.core.Future<HttpResponse<Buffer>> send(WebClient client, String url,
                                                                                          String key, Attempt a) {
        return client.postAbs(url + a.path()).timeout(10_000)
                .putHeader("content-type", "application/json")
                .putHeader("authorization", "Bearer " + key)
                .putHeader("idempotency-key", a.key())
                .sendBuffer(Buffer.buffer(a.body()));
    }
}
