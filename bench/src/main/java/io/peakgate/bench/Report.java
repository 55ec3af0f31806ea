package io.peakgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one bench run's results (the sweeps as JSON, pgbench and redis-benchmark output, gateway
 * metrics) into report.md, report.json and chart.html, judging each target against its ceiling.
 * Usage: {@code Report <results dir> <machine description>}.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String machine = args.length > 1 ? args[1] : "";
        Map<String, JsonNode> sweeps = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("sweep-")).sorted().toList()) {
                JsonNode node = JSON.readTree(f.toFile());
                sweeps.put(node.path("scenario").asText(), node);
            }
        }
        double pgbenchTps = number(read(dir.resolve("pgbench.txt")), "tps = ([0-9.]+)");
        double pgbenchLatency = number(read(dir.resolve("pgbench.txt")), "latency average = ([0-9.]+) ms");
        String redis = read(dir.resolve("redis.txt"));
        String metrics = read(dir.resolve("gateway-metrics.txt"));

        Map<String, Object> figures = new LinkedHashMap<>();
        List<String[]> targets = new ArrayList<>();
        double readings = sustained(sweeps.get("readings"), 50);
        figures.put("sustainedReadingsPerSecond", readings);
        figures.put("pgbenchTps", pgbenchTps);
        targets.add(target("Accepted readings/s at p99 <= 50 ms, no errors, vs pgbench of the same SQL",
                fmt(readings) + "/s", fmt(pgbenchTps) + " tps", ratio(readings, pgbenchTps), readings >= pgbenchTps));
        double batch = sustained(sweeps.get("batch"), 50) * 100;
        if (sweeps.containsKey("batch")) {
            figures.put("sustainedBatchReadingsPerSecond", batch);
            targets.add(target("Readings/s in batches of 100 (stretch: 1.5x pgbench)", fmt(batch) + "/s",
                    fmt(pgbenchTps) + " tps", ratio(batch, pgbenchTps), batch >= 1.5 * pgbenchTps));
        }
        double validation = peak(sweeps.get("validation"));
        double bare = peak(sweeps.get("bare"));
        figures.put("validationPathPerSecond", validation);
        figures.put("bareVertxPerSecond", bare);
        targets.add(target("Validation-only HTTP path vs a bare Vert.x endpoint (>= 0.6x)", fmt(validation) + "/s",
                fmt(bare) + "/s", ratio(validation, bare), validation >= 0.6 * bare));
        double lagP99 = number(metrics, "peakgate_outbox_lag_seconds\\{quantile=\"0\\.99\",?\\}\\s+([0-9.eE+-]+)");
        double backlog = number(metrics, "peakgate_outbox_backlog\\s+([0-9.eE+-]+)");
        double published = number(metrics, "peakgate_outbox_published_total\\s+([0-9.eE+-]+)");
        figures.put("outboxLagP99Seconds", lagP99);
        figures.put("outboxBacklogAfterRun", backlog);
        figures.put("eventsPublished", published);
        targets.add(target("Kafka relay: accept-to-Kafka p99 < 1 s, backlog flat after the run",
                fmt3(lagP99) + " s p99, backlog " + fmt(backlog), "-", "-", lagP99 < 1 && backlog < 100));
        double callbackP99 = latency(sweeps.get("callbacks"), "callback", "p99");
        figures.put("callbackP99Ms", callbackP99);
        targets.add(target("Provider callbacks acknowledged, p99 < 20 ms, readings alongside", fmt3(callbackP99) + " ms",
                "-", "-", callbackP99 > 0 && callbackP99 < 20));
        if (sweeps.containsKey("verify")) {
            for (JsonNode step : sweeps.get("verify").path("steps")) {
                JsonNode l = step.path("latencyMs");
                targets.add(target(String.format(Locale.ROOT, "Verification at %.0f/s: wrong surname vs missing account "
                                + "(same answer, same work)", step.path("offered").asDouble()),
                        "p50 " + fmt3(l.path("verify-wrong-surname").path("p50").asDouble()) + " / p99 "
                                + fmt3(l.path("verify-wrong-surname").path("p99").asDouble()) + " ms",
                        "p50 " + fmt3(l.path("verify-missing-account").path("p50").asDouble()) + " / p99 "
                                + fmt3(l.path("verify-missing-account").path("p99").asDouble()) + " ms", "-",
                        step.path("outcomes").size() == 1 && step.path("outcomes").has("422")));
            }
        }
        JsonNode overload = sweeps.containsKey("overload") ? sweeps.get("overload").path("steps").path(0) : null;
        String shedding = overload == null ? "not run" : overload.path("outcomes").toString() + ", p99 "
                + fmt3(overload.path("latencyMs").path("all").path("p99").asDouble()) + " ms";
        boolean shed = overload != null && (overload.path("outcomes").has("429") || overload.path("outcomes").has("503"))
                && overload.path("latencyMs").path("all").path("p99").asDouble() < 100;
        targets.add(target("At 2x the sustainable rate: sheds with 429/503, admitted p99 < 100 ms", shedding, "-", "-", shed));
        long rss = maxRss(sweeps);
        figures.put("gatewayPeakRssMiB", rss / 1024.0);
        targets.add(target("Gateway resident memory under peak <= 512 MiB", fmt(rss / 1024.0) + " MiB", "512 MiB", "-",
                rss > 0 && rss <= 512 * 1024));

        StringBuilder md = new StringBuilder("# Peakgate benchmark report\n\n");
        md.append("Machine: ").append(machine).append("\n\nCommand: `bin/peakgate bench ").append(String.join(" ",
                sweeps.keySet())).append("` (open model: constant arrival rate, latency from the intended send time, HdrHistogram)\n\n");
        md.append("## Targets\n\n| target | measured | ceiling | ratio | met |\n|---|---|---|---|---|\n");
        for (String[] t : targets) {
            md.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        md.append("\n## Ceilings measured in the same run\n\n");
        md.append("- pgbench, the gateway's SQL for one accepted reading in one transaction (idempotency claim, "
                + "register lock, reading, register update, outbox row, idempotency record), same durability, the same "
                + "client count as the gateway's pool (48): **").append(fmt(pgbenchTps)).append(" tps**, average latency ")
                .append(fmt3(pgbenchLatency)).append(" ms\n");
        md.append("- bare Vert.x JSON POST (no Quarkus, no I/O), same generator: **").append(fmt(bare)).append("/s**\n");
        md.append("- redis-benchmark of the gateway's commands:\n\n```\n").append(redis.strip()).append("\n```\n");
        for (var entry : sweeps.entrySet()) {
            md.append("\n## Sweep: ").append(entry.getKey()).append("\n\n| offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | outcomes | CPU s per 1000 ops |\n|---|---|---|---|---|---|---|---|\n");
            for (JsonNode step : entry.getValue().path("steps")) {
                JsonNode all = step.path("latencyMs").path("all");
                StringBuilder cpu = new StringBuilder();
                double ops = Math.max(1, step.path("completed").asDouble());
                step.path("cpuSeconds").fields().forEachRemaining(c -> cpu.append(c.getKey()).append(' ')
                        .append(fmt3(c.getValue().asDouble() * 1000 / ops)).append("; "));
                md.append(String.format(Locale.ROOT, "| %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %s |%n",
                        step.path("offered").asDouble(), step.path("achieved").asDouble(), all.path("p50").asDouble(),
                        all.path("p99").asDouble(), all.path("p999").asDouble(), all.path("max").asDouble(),
                        step.path("outcomes").toString().replace("|", "/"), cpu));
            }
        }
        Files.writeString(dir.resolve("report.md"), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("figures", figures);
        json.put("targets", targets.stream().map(t -> Map.of("target", t[0], "measured", t[1], "ceiling", t[2],
                "ratio", t[3], "met", t[4])).toList());
        json.put("sweeps", sweeps);
        Files.writeString(dir.resolve("report.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(dir.resolve("chart.html"), chart(sweeps));
        System.out.println(md);
    }

    /** The highest achieved rate whose p99 stayed within {@code p99Ms} with no error. */
    static double sustained(JsonNode sweep, double p99Ms) {
        double best = 0;
        if (sweep == null) {
            return 0;
        }
        for (JsonNode step : sweep.path("steps")) {
            boolean clean = true;
            for (var it = step.path("outcomes").fields(); it.hasNext(); ) {
                if (!it.next().getKey().startsWith("2")) {
                    clean = false;
                }
            }
            if (clean && step.path("latencyMs").path("all").path("p99").asDouble() <= p99Ms) {
                best = Math.max(best, step.path("achieved").asDouble());
            }
        }
        return best;
    }

    static double peak(JsonNode sweep) {
        double best = 0;
        if (sweep != null) {
            for (JsonNode step : sweep.path("steps")) {
                best = Math.max(best, step.path("achieved").asDouble());
            }
        }
        return best;
    }

    static double latency(JsonNode sweep, String op, String percentile) {
        double worst = -1;
        if (sweep != null) {
            for (JsonNode step : sweep.path("steps")) {
                worst = Math.max(worst, step.path("latencyMs").path(op).path(percentile).asDouble(-1));
            }
        }
        return worst;
    }

    static long maxRss(Map<String, JsonNode> sweeps) {
        long max = -1;
        for (JsonNode sweep : sweeps.values()) {
            for (JsonNode step : sweep.path("steps")) {
                max = Math.max(max, step.path("gatewayRssKb").asLong(-1));
            }
        }
        return max;
    }

    private static String chart(Map<String, JsonNode> sweeps) {
        StringBuilder svg = new StringBuilder("<!doctype html><meta charset=utf-8><title>Peakgate: p99 vs achieved rate</title>"
                + "<h1>p99 latency vs achieved rate</h1><svg width=900 height=520 style='font:12px sans-serif'>"
                + "<line x1=60 y1=460 x2=880 y2=460 stroke=black /><line x1=60 y1=20 x2=60 y2=460 stroke=black />"
                + "<text x=400 y=500>achieved requests/s (a batch request carries 100 readings)</text>"
                + "<text x=70 y=15>p99 ms (log scale)</text>");
        double maxRate = 1;
        for (JsonNode s : sweeps.values()) {
            maxRate = Math.max(maxRate, peak(s));
        }
        String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2",
                "#7f7f7f", "#bcbd22"};
        int c = 0;
        for (var entry : sweeps.entrySet()) {
            String colour = colours[c++ % colours.length];
            StringBuilder points = new StringBuilder();
            for (JsonNode step : entry.getValue().path("steps")) {
                double x = 60 + 800 * step.path("achieved").asDouble() / maxRate;
                double p99 = Math.max(0.1, step.path("latencyMs").path("all").path("p99").asDouble());
                double y = 460 - 110 * (Math.log10(p99) + 1);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, Math.max(20, y)));
            }
            svg.append("<polyline fill=none stroke-width=2 stroke='").append(colour).append("' points='").append(points).append("'/>")
                    .append("<text x=700 y=").append(30 + 16 * c).append(" fill='").append(colour).append("'>")
                    .append(entry.getKey()).append("</text>");
        }
        for (int decade = -1; decade <= 3; decade++) {
            double y = 460 - 110 * (decade + 1);
            svg.append(String.format(Locale.ROOT, "<text x=20 y=%.0f>%s</text>", y, decade < 0 ? "0.1" : Long.toString((long) Math.pow(10, decade))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=840 y=478>%.0f</text></svg>", maxRate));
        return svg.toString();
    }

    private static String[] target(String what, String measured, String ceiling, String ratio, boolean met) {
        return new String[]{what, measured, ceiling, ratio, met ? "met" : "**not met**"};
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        double value = -1;
        while (m.find()) {
            value = Double.parseDouble(m.group(1));
        }
        return value;
    }
}
