package io.peakgate.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the real local services through bin/peakgate, for outage tests. */
public final class Services {

    private Services() {
    }

    /**
     * Stops a service and proves it: throws when its port still answers afterwards. bin/peakgate only
     * stops what it started from the same state folder (PEAKGATE_STATE_DIR), so a service started by
     * something else would silently stay up and an outage test would test nothing.
     */
    public static void down(String service) {
        int port = port(service);
        run("down", service);
        if (!closedWithin(port, Duration.ofSeconds(30))) {
            throw new IllegalStateException("bin/peakgate services down " + service + " left 127.0.0.1:" + port
                    + " listening: it stops only a " + service + " started from the same PEAKGATE_STATE_DIR ("
                    + System.getenv().getOrDefault("PEAKGATE_STATE_DIR", "default") + ")");
        }
    }

    private static int port(String service) {
        return switch (service) {
            case "postgres" -> 5432;
            case "redis" -> 6379;
            case "kafka" -> 9092;
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    /** Stops whatever Redis listens on 6379, as an outage would (bin/peakgate only stops its own). */
    public static void crashRedis() {
        try {
            Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!closedWithin(6379, Duration.ofSeconds(10))) {
            throw new IllegalStateException("redis-cli shutdown left 127.0.0.1:6379 listening");
        }
    }

    /** Polls until nothing accepts connections on the port, or the time is up. */
    private static boolean closedWithin(int port, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (listening(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    private static boolean listening(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void up(String service) {
        run("up", service);
        if (!listening(port(service))) {
            throw new IllegalStateException("bin/peakgate services up " + service + " left 127.0.0.1:"
                    + port(service) + " closed");
        }
    }

    private static void run(String action, String service) {
        Path root = Path.of(System.getProperty("project.dir", "."));
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/peakgate").toString(), "services", action, service));
        try {
            Process p = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bin/peakgate services " + action + " " + service + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
