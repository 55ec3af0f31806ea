package io.peakgate.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the real local services through bin/peakgate, for outage tests. */
public final class Services {

    private Services() {
    }

    public static void down(String service) {
        run("down", service);
    }

    /** Stops whatever Redis listens on 6379, as an outage would (bin/peakgate only stops its own). */
    public static void crashRedis() {
        try {
            Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && listening(6379); i++) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
