package io.peakgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard (k8s/monitoring/grafana-dashboard.json) rendered without Grafana: every panel's
 * {@code targets[].expr} through Prometheus' {@code /api/v1/query_range} over a bench run's window, drawn in the
 * dashboard's gridPos layout (24 columns) through Chart's Java2D pen into one PNG, with a title, axes in the
 * panel's unit and a legend from {@code legendFormat} ({@code {{label}}} substituted). The datasource
 * ({@code ${datasource}}) is irrelevant here: every target goes to the one Prometheus named. A panel none of whose
 * targets returned a point says "no data", and the text file beside the picture names it with its expressions.
 *
 * <pre>java io.peakgate.bench.Dashboard --dashboard k8s/monitoring/grafana-dashboard.json --prometheus http://127.0.0.1:19090
 *      --start 1764858000 --end 1764858300 --step 5 --run-id 261204143000 --commit abc123 --prometheus-version 2.42.0
 *      --out docs/grafana-dashboard.png --txt docs/grafana-dashboard.txt</pre>
 */
public final class Dashboard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COLUMN = 75;
    private static final int ROW = 40;
    private static final int TOP = 64;
    private static final int MARGIN = 6;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private Dashboard() {
    }

    /** One series of a target: its legend and its points (epoch seconds, value; NaN is a gap). */
    record Series(String legend, List<double[]> points) {
    }

    /** One target's outcome: the series it returned, or why none ("empty result", "only NaN", an error). */
    record Target(String refId, String expr, List<Series> series, String missing) {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        JsonNode dashboard = JSON.readTree(Path.of(args.getOrDefault("dashboard", "k8s/monitoring/grafana-dashboard.json")).toFile());
        String prometheus = args.getOrDefault("prometheus", "http://127.0.0.1:9090").replaceAll("/$", "");
        long start = Long.parseLong(args.get("start"));
        long end = Long.parseLong(args.get("end"));
        int step = Integer.parseInt(args.getOrDefault("step", "5"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String version = args.getOrDefault("prometheus-version", "");
        if (version.isEmpty()) {
            JsonNode info = get(http, prometheus + "/api/v1/status/buildinfo");
            version = info.path("data").path("version").asText("unknown");
        }

        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        Map<Integer, List<Target>> results = new TreeMap<>();
        for (JsonNode panel : panels) {
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : panel.path("targets")) {
                targets.add(query(http, prometheus, t, start, end, step));
            }
            results.put(panel.path("id").asInt(), targets);
        }

        int width = 24 * COLUMN;
        int rows = 0;
        for (JsonNode panel : panels) {
            rows = Math.max(rows, panel.path("gridPos").path("y").asInt() + panel.path("gridPos").path("h").asInt());
        }
        int height = TOP + rows * ROW + 10;
        String runId = args.getOrDefault("run-id", "");
        String commit = args.getOrDefault("commit", "unknown");
        String window = STAMP.format(Instant.ofEpochSecond(start)) + " to " + STAMP.format(Instant.ofEpochSecond(end))
                .substring(11);
        String subtitle = String.format(Locale.ROOT, "bench run %s, %s (%d min %02d s), step %d s; Prometheus %s; gateway %s. "
                        + "Rendered from the dashboard JSON by bench/.../Dashboard.java (not Grafana).", runId, window,
                (end - start) / 60, (end - start) % 60, step, version, commit);
        final String version_ = version;
        Chart.png(width, height, Path.of(args.getOrDefault("out", "docs/grafana-dashboard.png")), pen -> {
            pen.text(MARGIN + 8, 28, dashboard.path("title").asText("dashboard"), "#000000", 20, "start", true);
            pen.text(MARGIN + 8, 50, subtitle, "#444444", 12, "start", false);
            for (JsonNode panel : panels) {
                panel(pen, panel, results.get(panel.path("id").asInt()), start, end);
            }
        });

        StringBuilder txt = new StringBuilder();
        txt.append("Rendering of ").append(args.getOrDefault("dashboard", "k8s/monitoring/grafana-dashboard.json"))
                .append(" from real metrics of a bench run (bin/peakgate bench dashboard)\n");
        txt.append("run id: ").append(runId).append('\n');
        txt.append("window: ").append(STAMP.format(Instant.ofEpochSecond(start))).append(" to ")
                .append(STAMP.format(Instant.ofEpochSecond(end))).append(" (").append(end - start).append(" s), step ")
                .append(step).append(" s\n");
        txt.append("prometheus: ").append(version_).append('\n');
        txt.append("gateway commit: ").append(commit).append('\n');
        if (args.containsKey("notes")) {
            txt.append(args.get("notes").replace("\\n", "\n")).append('\n');
        }
        txt.append("\npanels:\n");
        List<String> empty = new ArrayList<>();
        for (JsonNode panel : panels) {
            List<Target> targets = results.get(panel.path("id").asInt());
            long with = targets.stream().filter(t -> t.missing() == null).count();
            String state = with == targets.size() ? "data" : with == 0 ? "NO DATA" : "partly no data";
            txt.append(String.format(Locale.ROOT, "- %d %s: %s%n", panel.path("id").asInt(), panel.path("title").asText(), state));
            for (Target t : targets) {
                if (t.missing() != null) {
                    txt.append("    ").append(t.refId()).append(" no data (").append(t.missing()).append("): ")
                            .append(t.expr()).append('\n');
                    empty.add(panel.path("id").asInt() + "/" + t.refId() + " " + t.expr() + " (" + t.missing() + ")");
                } else {
                    txt.append("    ").append(t.refId()).append(' ').append(t.series().size()).append(" series: ")
                            .append(t.expr()).append('\n');
                }
            }
        }
        Files.writeString(Path.of(args.getOrDefault("txt", "docs/grafana-dashboard.txt")), txt.toString());
        System.out.println(empty.isEmpty() ? "every target returned data"
                : "targets with no data:\n  " + String.join("\n  ", empty));
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Grafana's own variables a panel may use, as Grafana would fill them at this step. */
    private static String expand(String expr, int step) {
        return expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", step + "s").replace("${__interval}", step + "s");
    }

    private static Target query(HttpClient http, String prometheus, JsonNode target, long start, long end, int step) {
        String expr = target.path("expr").asText();
        String refId = target.path("refId").asText("A");
        try {
            JsonNode r = get(http, prometheus + "/api/v1/query_range?query="
                    + URLEncoder.encode(expand(expr, step), StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end + "&step=" + step);
            if (!"success".equals(r.path("status").asText())) {
                return new Target(refId, expr, List.of(), "error: " + r.path("error").asText());
            }
            List<Series> series = new ArrayList<>();
            boolean any = false;
            for (JsonNode s : r.path("data").path("result")) {
                List<double[]> points = new ArrayList<>();
                for (JsonNode v : s.path("values")) {
                    double value = parse(v.get(1).asText());
                    any |= Double.isFinite(value);
                    points.add(new double[]{v.get(0).asDouble(), value});
                }
                series.add(new Series(legend(target.path("legendFormat").asText(""), s.path("metric")), points));
            }
            if (series.isEmpty()) {
                return new Target(refId, expr, series, "empty result");
            }
            return any ? new Target(refId, expr, series, null) : new Target(refId, expr, series, "only NaN");
        } catch (Exception e) {
            return new Target(refId, expr, List.of(), "error: " + e);
        }
    }

    private static double parse(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** legendFormat with {{label}} replaced by the series' label (empty when it has none), else the labels. */
    static String legend(String format, JsonNode metric) {
        if (format.isBlank() || "__auto".equals(format)) {
            StringBuilder s = new StringBuilder(metric.path("__name__").asText(""));
            StringBuilder labels = new StringBuilder();
            metric.fields().forEachRemaining(e -> {
                if (!"__name__".equals(e.getKey())) {
                    labels.append(labels.isEmpty() ? "" : ", ").append(e.getKey()).append("=\"").append(e.getValue().asText()).append('"');
                }
            });
            return labels.isEmpty() ? (s.isEmpty() ? "value" : s.toString()) : s + "{" + labels + "}";
        }
        Matcher m = LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(metric.path(m.group(1)).asText("")));
        }
        m.appendTail(out);
        return out.toString().trim();
    }

    private static void panel(Chart.Pen pen, JsonNode panel, List<Target> targets, long start, long end) {
        JsonNode grid = panel.path("gridPos");
        double ox = MARGIN + grid.path("x").asInt() * COLUMN;
        double oy = TOP + grid.path("y").asInt() * ROW;
        double w = grid.path("w").asInt(12) * COLUMN - 2 * MARGIN;
        double h = grid.path("h").asInt(8) * ROW - 2 * MARGIN;
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText("short");
        // frame and title
        pen.line(ox, oy, ox + w, oy, "#c8c8c8", 1, false);
        pen.line(ox, oy + h, ox + w, oy + h, "#c8c8c8", 1, false);
        pen.line(ox, oy, ox, oy + h, "#c8c8c8", 1, false);
        pen.line(ox + w, oy, ox + w, oy + h, "#c8c8c8", 1, false);
        pen.text(ox + 10, oy + 20, panel.path("title").asText(), "#000000", 14, "start", true);

        List<Series> shown = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Target t : targets) {
            if (t.missing() == null) {
                shown.addAll(t.series());
            } else {
                missing.add(t.refId() + ": " + t.expr() + " (" + t.missing() + ")");
            }
        }
        // legend rows at the bottom, entries side by side (widths estimated from the text)
        List<List<Integer>> legendRows = new ArrayList<>();
        double x = 0;
        List<Integer> row = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            double entry = 28 + shown.get(i).legend().length() * 6.6;
            if (x + entry > w - 80 && !row.isEmpty()) {
                legendRows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            row.add(i);
            x += entry;
        }
        if (!row.isEmpty()) {
            legendRows.add(row);
        }
        int missingLines = Math.min(missing.size(), 3);
        double left = ox + 78;
        double right = ox + w - 16;
        double top = oy + 34;
        double bottom = oy + h - 26 - 16 * legendRows.size() - (shown.isEmpty() ? 0 : 15 * missingLines);

        double max = 0;
        double min = 0;
        for (Series s : shown) {
            for (double[] p : s.points()) {
                if (Double.isFinite(p[1])) {
                    max = Math.max(max, p[1]);
                    min = Math.min(min, p[1]);
                }
            }
        }
        double[] axis = axis(unit, min, max);
        double lo = axis[0];
        double hi = axis[1];
        double tick = axis[2];
        // axes: horizontal lines at the value ticks, time ticks every minute (or five, or ten)
        int ticks = (int) Math.round((hi - lo) / tick);
        for (int k = 0; k <= ticks; k++) {
            double v = lo + tick * k;
            double y = bottom - (bottom - top) * k / ticks;
            pen.line(left, y, right, y, k == 0 ? "#000000" : "#e4e4e4", 1, false);
            pen.text(left - 6, y + 4, format(unit, v, tick), "#333333", 11, "end", false);
        }
        pen.line(left, top, left, bottom, "#000000", 1, false);
        long span = Math.max(1, end - start);
        long every = span <= 600 ? 60 : span <= 1800 ? 300 : 600;
        for (long t = (start + every - 1) / every * every; t <= end; t += every) {
            double tx = left + (right - left) * (t - start) / span;
            pen.line(tx, bottom, tx, bottom + 4, "#000000", 1, false);
            pen.line(tx, top, tx, bottom, "#f0f0f0", 1, false);
            if (tx < right - 40) { // the last label would run into "UTC"
                pen.text(tx, bottom + 16, CLOCK.format(Instant.ofEpochSecond(t)), "#333333", 11, "middle", false);
            }
        }
        pen.text(right, bottom + 16, "UTC", "#777777", 10, "end", false);

        if (shown.isEmpty()) {
            pen.text((left + right) / 2, (top + bottom) / 2, "no data", "#b00000", 26, "middle", true);
            for (int k = 0; k < missing.size() && k < 4; k++) {
                pen.text((left + right) / 2, (top + bottom) / 2 + 24 + 15 * k, clip(missing.get(k), (int) ((right - left) / 6.2)),
                        "#777777", 11, "middle", false);
            }
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            List<double[]> segment = new ArrayList<>();
            for (double[] p : shown.get(i).points()) {
                if (!Double.isFinite(p[1])) {
                    draw(pen, segment, colour);
                    segment = new ArrayList<>();
                    continue;
                }
                double px = left + (right - left) * (p[0] - start) / span;
                double py = bottom - (bottom - top) * (Math.max(lo, Math.min(hi, p[1])) - lo) / (hi - lo);
                segment.add(new double[]{px, py});
            }
            draw(pen, segment, colour);
        }
        double ly = bottom + 34;
        for (List<Integer> r : legendRows) {
            double lx = left;
            for (int i : r) {
                String colour = COLOURS[i % COLOURS.length];
                pen.line(lx, ly - 4, lx + 16, ly - 4, colour, 3, false);
                pen.text(lx + 21, ly, shown.get(i).legend(), "#222222", 11, "start", false);
                lx += 28 + shown.get(i).legend().length() * 6.6;
            }
            ly += 16;
        }
        // a target with nothing beside others with data: said under the legend, not hidden
        for (int k = 0; k < missingLines; k++) {
            pen.text(left, ly + 15 * k - 2, clip("no data " + missing.get(k), (int) ((right - left) / 6.2)), "#b00000", 11,
                    "start", false);
        }
    }

    private static void draw(Chart.Pen pen, List<double[]> segment, String colour) {
        if (segment.size() == 1) {
            pen.dot(segment.get(0)[0], segment.get(0)[1], 2, colour);
        } else if (segment.size() > 1) {
            pen.polyline(segment, colour, 1.6f, false);
        }
    }

    private static String clip(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(1, chars - 1)) + "…";
    }

    /**
     * The y axis: bottom (0, or below when a value is negative), top and the step between ticks, a round step
     * (Chart.niceCeiling of a fifth of the range; in KiB, MiB, ... for bytes) so that the ticks read as round numbers.
     */
    private static double[] axis(String unit, double min, double max) {
        double lo = Math.min(0, min);
        double hi = Math.max(max, lo + 1e-9);
        double range = hi - lo;
        if (max <= 0 && min >= 0) {
            return new double[]{0, 1, 0.25};
        }
        double base = "bytes".equals(unit) ? Math.pow(1024, Math.max(0, Math.floor(Math.log(range) / Math.log(1024)))) : 1;
        double step = Chart.niceCeiling(range * 1.05 / 5 / base) * base;
        return new double[]{Math.floor(lo / step) * step, Math.ceil(hi * 1.05 / step) * step, step};
    }

    /** A tick's value in the panel's Grafana unit (reqps, ops, s, bytes, short, percentunit, ...), the ticks step apart. */
    static String format(String unit, double v, double step) {
        return switch (unit) {
            case "reqps" -> number(v, step) + " req/s";
            case "ops" -> number(v, step) + " ops/s";
            case "s" -> step < 0.5 ? number(v * 1000, step * 1000) + " ms" : number(v, step) + " s";
            case "ms" -> number(v, step) + " ms";
            case "bytes" -> bytes(v, step);
            case "percentunit" -> number(v * 100, step * 100) + "%";
            case "percent" -> number(v, step) + "%";
            default -> number(v, step);
        };
    }

    private static String number(double v, double step) {
        if (step >= 1_000_000) {
            return trim(v / 1_000_000, step / 1_000_000) + "M";
        }
        if (step >= 1000) {
            return trim(v / 1000, step / 1000) + "k";
        }
        return trim(v, step);
    }

    /** v with as many decimals as the step between ticks needs (0.25 two, 2.5 one, 50 none). */
    private static String trim(double v, double step) {
        int decimals = 0;
        while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%." + decimals + "f", v)).stripTrailingZeros().toPlainString();
    }

    private static String bytes(double v, double step) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double scale = 1;
        while (u < units.length - 1 && step / (scale * 1024) >= 1) {
            scale *= 1024;
            u++;
        }
        return trim(v / scale, step / scale) + " " + units[u];
    }
}
