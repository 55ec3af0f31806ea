package io.peakgate.bench;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the fault scenarios' clients share: their arguments, and retrying in rounds what was not
 * acknowledged until it is, each phase (re-sending requests, answering challenges, ...) with its own
 * deadline, so a phase that had to wait out a lease (409 while a killed request's idempotency claim
 * holds) does not eat the next phase's time.
 */
final class Retries {

    /** What one attempt came to: done, refused for good, or to be tried again next round. */
    enum Verdict { DONE, REFUSED, AGAIN }

    /** One attempt at one item; an exception (timeout, connection refused) means try again. */
    interface Attempt<T> {
        Verdict attempt(T item) throws Exception;
    }

    /** How a phase ended: items done, refused, and those still not done when its deadline passed. */
    record Outcome<T>(long done, long refused, List<T> left) {
    }

    private Retries() {
    }

    static Map<String, String> args(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        return args;
    }

    /**
     * An answer to a write sent again with its Idempotency-Key: 2xx done; 409 (the key's claim still held
     * by a request the fault cut off), 429 and 5xx again; any other 4xx is the gateway's final refusal.
     */
    static Verdict ofStatus(int status) {
        if (status / 100 == 2) {
            return Verdict.DONE;
        }
        return status / 100 == 4 && status != 409 && status != 429 ? Verdict.REFUSED : Verdict.AGAIN;
    }

    /** The answer of one request, waited for from a plain thread (never an event loop) for at most 15 s. */
    static <R> R await(Future<R> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    /** Rounds over what is left, {@code pause} apart, until nothing is left or {@code phase} has passed since the start. */
    static <T> Outcome<T> untilDone(List<T> todo, Duration phase, Duration pause, Attempt<T> attempt)
            throws InterruptedException {
        long deadline = System.nanoTime() + phase.toNanos();
        long done = 0;
        long refused = 0;
        List<T> left = new ArrayList<>(todo);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            List<T> again = new ArrayList<>();
            for (T item : left) {
                Verdict verdict;
                try {
                    verdict = attempt.attempt(item);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    verdict = Verdict.AGAIN;
                }
                switch (verdict) {
                    case DONE -> done++;
                    case REFUSED -> refused++;
                    case AGAIN -> again.add(item);
                }
            }
            left = again;
            if (!left.isEmpty()) {
                Thread.sleep(pause.toMillis());
            }
        }
        return new Outcome<>(done, refused, left);
    }
}
