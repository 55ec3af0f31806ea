package io.peakgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of a payments fault scenario: card payments through the sandbox's 3-D Secure page
 * (a payer answering the challenge) and saved-card repeat charges (the provider charges at once, the
 * gateway records after), at a constant rate while a fault is injected. Every payment that was not
 * acknowledged is retried with its Idempotency-Key, every challenge that was not answered is answered
 * again, until acknowledged. Each phase has its own deadline: re-creating payments
 * ({@code --recreate-seconds}, 90: longer than the 60 s idempotency lease a request cut off by a kill
 * holds, during which the same key answers 409), then answering the challenges ({@code --answer-seconds},
 * 60), so waiting out the lease never leaves the challenges unanswered. Whether the money was credited
 * is checked afterwards against the provider's own records, not from here. The accounts are the
 * scenario's own fresh ones: {@code --first-account} onwards, the first {@code --saved} for the
 * subscribers who save a card, then {@code --accounts} paid into.
 * {@code ChaosPayments --url U --key K --first-account A --accounts N --rate R --seconds S --saved K --out F}
 * Over 250 lines on purpose: the payments fault run and its reconciliation against the provider's records belong together.
 */
public final class ChaosPayments {

    private static final String CARD = "4111111111111111";

    private record Attempt(String key, String body, String subscriber) {
    }

    private final WebClient client;
    private final String url;
    private final String key;
    private final long firstAccount;
    private final Duration recreatePhase;
    private final Duration answerPhase;
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();

    private ChaosPayments(WebClient client, Map<String, String> args) {
        this.client = client;
        this.url = args.get("url");
        this.key = args.getOrDefault("key", "bench-key");
        this.firstAccount = Long.parseLong(args.getOrDefault("first-account", "3300000003"));
        this.recreatePhase = Duration.ofSeconds(Long.parseLong(args.getOrDefault("recreate-seconds", "90")));
        this.answerPhase = Duration.ofSeconds(Long.parseLong(args.getOrDefault("answer-seconds", "60")));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Retries.args(argv);
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(64).setConnectTimeout(1000)
                .setFollowRedirects(false));
        ChaosPayments run = new ChaosPayments(client, args);
        Map<String, Object> result = run.run(Integer.parseInt(args.getOrDefault("accounts", "1000")),
                Integer.parseInt(args.getOrDefault("rate", "20")), Integer.parseInt(args.getOrDefault("seconds", "30")),
                Integer.parseInt(args.getOrDefault("saved", "10")));
        Files.writeString(Path.of(args.getOrDefault("out", "chaos-payments.json")),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(result);
        client.close();
        vertx.close();
    }

    private Map<String, Object> run(int accounts, int rate, int seconds, int savedSubscribers)
            throws Exception {
        List<String[]> saved = saveCards(savedSubscribers);
        ConcurrentLinkedQueue<Attempt> failed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> challenges = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        AtomicLong answeredAtOnce = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        long total = (long) rate * seconds;
        long start = System.currentTimeMillis();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long wait = start + i * 1000 / rate - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String account = Long.toString(firstAccount + savedSubscribers + i % accounts);
            // every other payment a saved-card repeat charge: the provider takes the money before the gateway records it
            Attempt a = i % 2 == 1 && !saved.isEmpty() ? savedCharge(saved.get((int) (i / 2 % saved.size())), i)
                    : new Attempt(UUID.randomUUID().toString(), cardBody(account, 10_000 + i % 1000, null), null);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            create(a).onComplete(ar -> {
                if (!acknowledgedWith(ar)) {
                    failed.add(a);
                    done.complete(null);
                    return;
                }
                acknowledged.incrementAndGet();
                var action = actionOf(ar.result());
                if (action.isEmpty()) {
                    done.complete(null);
                    return;
                }
                // the payer answers the challenge at once: the provider's callback arrives during the fault
                challenges.add(action.get());
                answer(action.get()).onComplete(answered -> {
                    if (answered.succeeded() && answeredStatus(answered.result().statusCode())) {
                        answeredAtOnce.incrementAndGet();
                    } else {
                        unanswered.add(action.get());
                    }
                    done.complete(null);
                });
            });
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long firstTry = acknowledged.get();
        // phase 1, its own deadline: every payment not acknowledged again, same key, until it is
        var recreated = Retries.untilDone(new ArrayList<>(failed), recreatePhase, Duration.ofMillis(500), a -> {
            HttpResponse<Buffer> r = Retries.await(create(a));
            count(Integer.toString(r.statusCode()));
            Retries.Verdict verdict = Retries.ofStatus(r.statusCode());
            if (verdict == Retries.Verdict.DONE) {
                actionOf(r).ifPresent(action -> {
                    challenges.add(action);
                    unanswered.add(action);
                });
            }
            return verdict;
        });
        // phase 2, a deadline of its own from now: every challenge not answered, like the payer's browser again
        var answered = Retries.untilDone(new ArrayList<>(unanswered), answerPhase, Duration.ofMillis(500),
                action -> answeredStatus(Retries.await(answer(action)).statusCode())
                        ? Retries.Verdict.DONE : Retries.Verdict.AGAIN);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("savedCards", saved.size());
        result.put("sent", total);
        result.put("acknowledgedFirstTry", firstTry);
        result.put("failedFirstTry", failed.size());
        result.put("recoveredByRetry", recreated.done());
        result.put("refusedOnRetry", recreated.refused());
        result.put("neverAcknowledged", recreated.left().size());
        result.put("challenges", challenges.size());
        result.put("challengesAnswered", answeredAtOnce.get() + answered.done());
        result.put("challengesUnanswered", answered.left().size());
        result.put("statuses", statuses);
        return result;
    }

    /** Subscribers with a card saved by a first payment through the challenge: {subscriber, token}. */
    private List<String[]> saveCards(int n) throws Exception {
        List<String[]> saved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subscriber = "chaos-" + UUID.randomUUID();
            String account = Long.toString(firstAccount + i);
            HttpResponse<Buffer> r = create(new Attempt(UUID.randomUUID().toString(), cardBody(account, 10_000, subscriber),
                    subscriber)).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            if (r.statusCode() != 201) {
                continue;
            }
            answer(r.bodyAsJsonObject().getJsonObject("action").getString("url")).toCompletionStage().toCompletableFuture()
                    .get(15, TimeUnit.SECONDS);
            for (int tries = 0; tries < 50; tries++) {
                HttpResponse<Buffer> cards = client.getAbs(url + "/v1/subscribers/" + subscriber + "/cards")
                        .putHeader("authorization", "Bearer " + key).putHeader("x-subscriber", subscriber)
                        .send().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
                if (cards.statusCode() == 200 && !cards.bodyAsJsonArray().isEmpty()) {
                    saved.add(new String[]{subscriber, cards.bodyAsJsonArray().getJsonObject(0).getString("token"), account});
                    break;
                }
                Thread.sleep(100);
            }
        }
        return saved;
    }

    private static Attempt savedCharge(String[] saved, long i) {
        return new Attempt(UUID.randomUUID().toString(), """
                {"supplier":"esplus","account":"%s","amount":{"value":%d,"currency":"RUB"},"subscriber":"%s",
                 "method":{"type":"card_token","token":"%s"}}""".formatted(saved[2], 10_000 + i % 1000, saved[0], saved[1]),
                saved[0]);
    }

    private static String cardBody(String account, long amount, String saveFor) {
        return """
                {"supplier":"esplus","account":"%s","amount":{"value":%d,"currency":"RUB"},%s
                 "method":{"type":"card","card":{"number":"%s","expMonth":12,"expYear":2030,"cvc":"123"}}}"""
                .formatted(account, amount, saveFor == null ? "" : "\"saveCard\":true,\"subscriber\":\"" + saveFor + "\",",
                        CARD);
    }

    private Future<HttpResponse<Buffer>> create(Attempt a) {
        var request = client.postAbs(url + "/v1/payments").timeout(10_000)
                .putHeader("content-type", "application/json")
                .putHeader("authorization", "Bearer " + key)
                .putHeader("idempotency-key", a.key());
        if (a.subscriber() != null) {
            request.putHeader("x-subscriber", a.subscriber());
        }
        return request.sendBuffer(Buffer.buffer(a.body()));
    }

    private boolean acknowledgedWith(io.vertx.core.AsyncResult<HttpResponse<Buffer>> ar) {
        String status = ar.succeeded() ? Integer.toString(ar.result().statusCode()) : "io-error";
        count(status);
        return ar.succeeded() && ar.result().statusCode() / 100 == 2;
    }

    private void count(String status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    private static java.util.Optional<String> actionOf(HttpResponse<Buffer> r) {
        JsonObject body = r.bodyAsJsonObject();
        return "requires_action".equals(body.getString("status")) && body.getJsonObject("action") != null
                ? java.util.Optional.of(body.getJsonObject("action").getString("url")) : java.util.Optional.empty();
    }

    /** The page took the answer (sent back, or a plain page) or had it already (409). */
    private static boolean answeredStatus(int status) {
        return status == 200 || status == 303 || status == 409;
    }

    private Future<HttpResponse<Buffer>> answer(String actionUrl) {
        return client.postAbs(actionUrl).timeout(10_000).sendForm(MultiMap.caseInsensitiveMultiMap().add("code", "111111"));
    }
}
