package io.peakgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU seconds and resident memory of the processes under test, read from /proc. */
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

    static long rssKb(String spec, String name) {
        String pids = parse(spec).get(name);
        if (pids == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pids.split("\\+")[0] + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
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
