package io.peakgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU seconds and memory of the processes under test: /proc, and the gateway's JVM from its metrics. */
final class Processes {

    /** Linux's USER_HZ on every mainstream kernel. */
    private static final double TICKS = 100.0;

    private Processes() {
    }

    /** {@code name=pid+pid,...} to CPU seconds used so far per name (children included). */
    static Map<String, Double> cpuSeconds(String spec) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (var entry : parse(spec).entrySet()) {
            double total = 0;
            for (String pid : entry.getValue().split("\\+")) {
                total += ticks(pid) / TICKS;
            }
            out.put(entry.getKey(), total);
        }
        out.put("load-generator", ticks(Long.toString(ProcessHandle.current().pid())) / TICKS);
        return out;
    }

    /** A kB field of /proc/PID/status ({@code VmRSS}, {@code VmHWM}) of the first pid named {@code name}; -1 if unknown. */
    static long status(String spec, String name, String field) {
        String pids = parse(spec).get(name);
        if (pids == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pids.split("\\+")[0] + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The JVM's memory and threads from a Prometheus scrape of Micrometer's JVM binders: heap used and
     * committed (all heap pools), metaspace used and committed, direct and mapped buffer pools, live threads.
     */
    static Map<String, Object> jvm(String prometheus) {
        double heapUsed = 0, heapCommitted = 0, metaspaceUsed = -1, metaspaceCommitted = -1, direct = -1, mapped = -1,
                nonHeapUsed = 0, threads = -1;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int exemplar = line.indexOf(" # "); // OpenMetrics: an exemplar after the value
            if (exemplar > 0) {
                line = line.substring(0, exemplar);
            }
            int space = line.lastIndexOf(' ');
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (RuntimeException e) {
                continue;
            }
            String series = line.substring(0, Math.max(0, space));
            boolean heap = series.contains("area=\"heap\"");
            boolean metaspace = series.contains("id=\"Metaspace\"");
            if (series.startsWith("jvm_memory_used_bytes{")) {
                if (heap) {
                    heapUsed += value;
                } else {
                    nonHeapUsed += value;
                }
                if (metaspace) {
                    metaspaceUsed = value;
                }
            } else if (series.startsWith("jvm_memory_committed_bytes{")) {
                if (heap) {
                    heapCommitted += value;
                }
                if (metaspace) {
                    metaspaceCommitted = value;
                }
            } else if (series.startsWith("jvm_buffer_memory_used_bytes{")) {
                if (series.contains("id=\"direct\"")) {
                    direct = value;
                } else if (series.contains("id=\"mapped\"")) {
                    mapped = value;
                }
            } else if (series.startsWith("jvm_threads_live_threads")) {
                threads = value;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heapUsedBytes", (long) heapUsed);
        out.put("heapCommittedBytes", (long) heapCommitted);
        out.put("nonHeapUsedBytes", (long) nonHeapUsed);
        out.put("metaspaceUsedBytes", (long) metaspaceUsed);
        out.put("metaspaceCommittedBytes", (long) metaspaceCommitted);
        out.put("directBufferBytes", (long) direct);
        out.put("mappedBufferBytes", (long) mapped);
        out.put("liveThreads", (long) threads);
        return out;
    }

    private static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid.trim() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14-17 (indexes 11-14 after the command)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, String> parse(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && eq < part.length() - 1) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
