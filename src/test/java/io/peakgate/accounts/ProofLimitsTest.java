package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Api;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proving knowledge of an account (verification, linking it to a portal subscriber) is limited per client
 * address, per account and per subscriber, on one set of budgets. The client address is what Quarkus makes
 * of the connection: the test profile trusts 127.0.0.2 as a proxy, so a request from there stands for the
 * address its X-Forwarded-For names, while one from 127.0.0.3 is its own address whatever it claims.
 * (These tests leave 127.0.0.1, the rest of the suite's address, with its budget untouched.)
 */
@QuarkusTest
class ProofLimitsTest {

    private static final String TRUSTED_PROXY = "127.0.0.2";
    private static final String UNTRUSTED_PEER = "127.0.0.3";
    private static final int PER_ADDRESS = 60;

    @Inject
    AgroalDataSource ds;

    private record Answer(int status, String body, String retryAfter) {
    }

    @Test
    void aForwardedAddressCountsOnlyFromATrustedProxy() {
        withinOneWindow(Duration.ofMinutes(1), () -> {
            String client = randomAddress();
            List<Integer> fromProxy = new ArrayList<>();
            for (int i = 0; i <= PER_ADDRESS; i++) {
                fromProxy.add(verify(TRUSTED_PROXY, client, missingAccount()).status());
            }
            assertThat(fromProxy.subList(0, PER_ADDRESS)).as("the forwarded client's own budget").containsOnly(422);
            assertThat(fromProxy.getLast()).isEqualTo(429);
            assertThat(link(TRUSTED_PROXY, client, "sub-" + UUID.randomUUID(), missingAccount()).status())
                    .as("linking draws on the same per-address budget").isEqualTo(429);
            assertThat(verify(TRUSTED_PROXY, randomAddress(), missingAccount()).status())
                    .as("another client behind the same proxy has a budget of its own").isEqualTo(422);
            return null;
        });
        withinOneWindow(Duration.ofMinutes(1), () -> {
            int passed = 0;
            while (passed <= PER_ADDRESS && verify(UNTRUSTED_PEER, null, missingAccount()).status() == 422) {
                passed++;
            }
            assertThat(passed).as("the untrusted peer's budget").isLessThanOrEqualTo(PER_ADDRESS);
            for (int i = 0; i < 5; i++) {
                Answer spoofed = verify(UNTRUSTED_PEER, randomAddress(), missingAccount());
                assertThat(spoofed.status()).as("a spoofed X-Forwarded-For is no fresh budget: " + spoofed.body()).isEqualTo(429);
                assertThat(spoofed.body()).contains("\"code\":\"rate.limited\"");
                assertThat(spoofed.retryAfter()).isEqualTo("1");
            }
            assertThat(link(UNTRUSTED_PEER, randomAddress(), "sub-" + UUID.randomUUID(), missingAccount()).status())
                    .isEqualTo(429);
            return null;
        });
    }

    @Test
    void linkingAndVerificationShareOneBudgetPerAccount() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String client = randomAddress();
        withinOneWindow(Duration.ofMinutes(15), () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(link(TRUSTED_PROXY, client, "sub-" + UUID.randomUUID(), account, "Wrong").status()).isEqualTo(422);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(verify(TRUSTED_PROXY, client, account, "Wrong").status()).isEqualTo(422);
            }
            String subscriber = "sub-" + UUID.randomUUID();
            Answer rightButLate = link(TRUSTED_PROXY, randomAddress(), subscriber, account, "Test");
            assertThat(rightButLate.status()).as(rightButLate.body()).isEqualTo(429);
            assertThat(rightButLate.body()).contains("\"code\":\"rate.limited\"");
            assertThat(rightButLate.retryAfter()).isEqualTo("1");
            assertThat(verify(TRUSTED_PROXY, randomAddress(), account, "Test").status()).isEqualTo(429);
            assertThat(Fixtures.count(ds, "SELECT count(*) FROM subscriber_account WHERE subscriber = ?", subscriber))
                    .as("nothing linked").isZero();
            return null;
        });
    }

    @Test
    void oneSubscriberCannotTryAccountAfterAccount() {
        String subscriber = "sub-" + UUID.randomUUID();
        withinOneWindow(Duration.ofMinutes(15), () -> {
            for (int i = 0; i < 10; i++) {
                assertThat(link(TRUSTED_PROXY, randomAddress(), subscriber, missingAccount()).status()).isEqualTo(422);
            }
            Answer eleventh = link(TRUSTED_PROXY, randomAddress(), subscriber, missingAccount());
            assertThat(eleventh.status()).as(eleventh.body()).isEqualTo(429);
            assertThat(link(TRUSTED_PROXY, randomAddress(), "sub-" + UUID.randomUUID(), missingAccount()).status())
                    .as("another subscriber of the same portal").isEqualTo(422);
            return null;
        });
    }

    /**
     * Runs {@code check} again when a fixed window of the limiter ended while it ran (the counts it saw
     * then span two windows and prove nothing); a run takes far less than a window.
     */
    private static <T> T withinOneWindow(Duration window, Supplier<T> check) {
        for (int attempt = 0; ; attempt++) {
            long slot = System.currentTimeMillis() / window.toMillis();
            try {
                T result = check.get();
                if (System.currentTimeMillis() / window.toMillis() == slot) {
                    return result;
                }
            } catch (AssertionError e) {
                if (System.currentTimeMillis() / window.toMillis() == slot || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private static String missingAccount() {
        return "39" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
    }

    private static Answer verify(String from, String forwardedFor, String account) {
        return verify(from, forwardedFor, account, "Nobody");
    }

    private static Answer verify(String from, String forwardedFor, String account, String surname) {
        return post(from, forwardedFor, "/v1/suppliers/esplus/verify",
                "{\"account\":\"" + account + "\",\"surname\":\"" + surname + "\"}");
    }

    private static Answer link(String from, String forwardedFor, String subscriber, String account) {
        return link(from, forwardedFor, subscriber, account, "Nobody");
    }

    private static Answer link(String from, String forwardedFor, String subscriber, String account, String surname) {
        return post(from, forwardedFor, "/v1/subscribers/" + subscriber + "/accounts",
                "{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"surname\":\"" + surname + "\"}");
    }

    /** A portal request from the given local address (a loopback alias), optionally naming a client it forwards for. */
    private static Answer post(String from, String forwardedFor, String path, String body) {
        try (HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                    .header("Authorization", "Bearer " + Api.DEMO_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            if (path.startsWith("/v1/subscribers/")) {
                // the portal links for the subscriber it authenticated
                request.header("X-Subscriber", path.split("/")[3]);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
