package io.peakgate.bench;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latency-vs-rate chart of one run: a panel per scenario, p50 and p99 (log scale) against the
 * offered rate (dashed) and the achieved rate of claimed outcomes (solid: accepted readings for the
 * reading paths, the intended answers otherwise), FAILED steps crossed out in red. Drawn once through a
 * small pen, as self-contained SVG inside chart.html (no script, no CDN) and as chart.png with Java2D.
 */
final class Chart {

    private static final int PANEL_W = 600;
    private static final int PANEL_H = 330;
    private static final int COLUMNS = 2;
    private static final int TOP = 70;
    private static final double MIN_MS = 0.1;
    private static final double MAX_MS = 10_000;
    private static final String P99 = "#d62728";
    private static final String P50 = "#1f77b4";

    private Chart() {
    }

    /** Drawing operations both outputs share. */
    interface Pen {
        void line(double x1, double y1, double x2, double y2, String colour, float width, boolean dashed);

        void polyline(List<double[]> points, String colour, float width, boolean dashed);

        void dot(double x, double y, double r, String colour);

        /** A FAILED step's mark: two strokes through (x, y). */
        default void cross(double x, double y, double r, String colour) {
            line(x - r, y - r, x + r, y + r, colour, 2.5f, false);
            line(x - r, y + r, x + r, y - r, colour, 2.5f, false);
        }

        void text(double x, double y, String text, String colour, int size, String anchor, boolean bold);
    }

    static void write(Map<String, JsonNode> sweeps, Path html, Path png) throws Exception {
        int rows = Math.max(1, (sweeps.size() + COLUMNS - 1) / COLUMNS);
        int width = PANEL_W * COLUMNS;
        int height = TOP + rows * PANEL_H;
        Svg svg = new Svg();
        draw(sweeps, svg);
        Files.writeString(html, "<!doctype html><meta charset=utf-8><title>Peakgate: latency vs rate</title>"
                + "<style>body{font:14px sans-serif;margin:16px}</style><h1>Peakgate: latency vs rate</h1>"
                + "<p>Each panel one scenario of the run. p50 (blue) and p99 (red) in ms, log scale, against the offered "
                + "rate (dashed) and the achieved rate of the outcomes each request claims (solid: accepted readings/s for "
                + "readings, batches and overload; the intended answers/s otherwise). A red cross is a FAILED step (refused "
                + "share above 0.1%); dotted lines mark 50 ms and 100 ms. Batches are plotted in readings/s.</p>"
                + "<svg xmlns='http://www.w3.org/2000/svg' width=" + width + " height=" + height
                + " style='font-family:sans-serif;background:#fff'>" + svg.out + "</svg>");
        png(width, height, png, pen -> draw(sweeps, pen));
    }

    /** A white width x height canvas drawn through the Java2D pen, written as PNG (Dashboard draws through it too). */
    static void png(int width, int height, Path png, Consumer<Pen> drawing) throws java.io.IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawing.accept(new Java2d(g));
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void draw(Map<String, JsonNode> sweeps, Pen pen) {
        pen.text(20, 28, "Peakgate: p50 (blue) and p99 (red) latency vs rate; dashed = offered, solid = achieved "
                + "(claimed outcomes); red x = FAILED step", "#000000", 15, "start", true);
        pen.line(20, 45, 50, 45, "#555555", 2, true);
        pen.text(55, 50, "vs offered rate", "#555555", 12, "start", false);
        pen.line(170, 45, 200, 45, "#555555", 2, false);
        pen.text(205, 50, "vs achieved rate", "#555555", 12, "start", false);
        int i = 0;
        for (var entry : sweeps.entrySet()) {
            panel(pen, entry.getKey(), entry.getValue(), (i % COLUMNS) * PANEL_W, TOP + (i / COLUMNS) * PANEL_H);
            i++;
        }
    }

    private static void panel(Pen pen, String scenario, JsonNode sweep, double ox, double oy) {
        double left = ox + 70;
        double right = ox + PANEL_W - 20;
        double top = oy + 30;
        double bottom = oy + PANEL_H - 50;
        double scale = "batch".equals(scenario) ? 100 : 1;
        String unit = "batch".equals(scenario) ? "readings/s" : "requests/s";
        List<double[]> data = new ArrayList<>();
        double maxRate = 1;
        for (JsonNode step : sweep.path("steps")) {
            JsonNode l = "overload".equals(scenario) ? step.path("latencyMs").path("reading") : step.path("latencyMs").path("all");
            double offered = step.path("offered").asDouble() * scale;
            double completed = Math.max(1, step.path("completed").asDouble());
            double achieved = step.path("accepted").asLong() > 0 && ("batch".equals(scenario) || "overload".equals(scenario)
                    || "readings".equals(scenario)) ? step.path("acceptedPerSecond").asDouble()
                    : step.path("achieved").asDouble() * step.path("ok").asDouble() / completed * scale;
            data.add(new double[]{offered, achieved, l.path("p50").asDouble(), l.path("p99").asDouble(),
                    step.path("failed").asBoolean() ? 1 : 0});
            maxRate = Math.max(maxRate, Math.max(offered, achieved));
        }
        maxRate = niceCeiling(maxRate);
        pen.text(ox + PANEL_W / 2.0, oy + 18, scenario + (sweep.path("steps").isEmpty() ? " (no steps)" : ""), "#000000", 14,
                "middle", true);
        // axes, decades and the 50 / 100 ms marks
        pen.line(left, bottom, right, bottom, "#000000", 1, false);
        pen.line(left, top, left, bottom, "#000000", 1, false);
        for (double ms = MIN_MS; ms <= MAX_MS; ms *= 10) {
            double y = y(ms, top, bottom);
            pen.line(left, y, right, y, "#dddddd", 1, false);
            pen.text(left - 6, y + 4, ms < 1 ? "0.1" : String.format(Locale.ROOT, "%.0f", ms), "#333333", 11, "end", false);
        }
        for (double ms : new double[]{50, 100}) {
            double y = y(ms, top, bottom);
            pen.line(left, y, right, y, "#999999", 1, true);
            pen.text(right - 2, y - 3, String.format(Locale.ROOT, "%.0f ms", ms), "#777777", 10, "end", false);
        }
        for (int t = 0; t <= 5; t++) {
            double rate = maxRate * t / 5;
            double x = left + (right - left) * t / 5;
            pen.line(x, bottom, x, bottom + 4, "#000000", 1, false);
            pen.text(x, bottom + 17, new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", rate)).stripTrailingZeros()
                    .toPlainString(), "#333333", 11, "middle", false);
        }
        pen.text((left + right) / 2, bottom + 36, unit, "#333333", 12, "middle", false);
        pen.text(ox + 14, (top + bottom) / 2, "ms", "#333333", 12, "middle", false);
        // each step's offered and achieved points joined (thin grey), so a step that falls short shows how far
        for (double[] d : data) {
            pen.line(left + (right - left) * d[0] / maxRate, y(d[3], top, bottom), left + (right - left) * d[1] / maxRate,
                    y(d[3], top, bottom), "#bbbbbb", 1, false);
        }
        for (int series = 0; series < 2; series++) {
            for (int pct = 2; pct <= 3; pct++) {
                List<double[]> points = new ArrayList<>();
                for (double[] d : data) {
                    points.add(new double[]{left + (right - left) * d[series] / maxRate, y(d[pct], top, bottom)});
                }
                String colour = pct == 3 ? P99 : P50;
                pen.polyline(points, colour, pct == 3 ? 2.2f : 1.4f, series == 0);
                for (int k = 0; k < points.size(); k++) {
                    double[] p = points.get(k);
                    if (data.get(k)[4] > 0) {
                        pen.cross(p[0], p[1], 6, "#e00000");
                    } else {
                        pen.dot(p[0], p[1], series == 1 ? 3.2 : 2.2, colour);
                    }
                }
            }
        }
    }

    private static double y(double ms, double top, double bottom) {
        double v = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        return bottom - (bottom - top) * (Math.log10(v) - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS));
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^n at or above v (an axis' top). */
    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** SVG elements as text. */
    private static final class Svg implements Pen {
        final StringBuilder out = new StringBuilder();

        @Override
        public void line(double x1, double y1, double x2, double y2, String colour, float width, boolean dashed) {
            out.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='%.1f'%s/>",
                    x1, y1, x2, y2, colour, width, dashed ? " stroke-dasharray='6,4'" : ""));
        }

        @Override
        public void polyline(List<double[]> points, String colour, float width, boolean dashed) {
            StringBuilder p = new StringBuilder();
            points.forEach(xy -> p.append(String.format(Locale.ROOT, "%.1f,%.1f ", xy[0], xy[1])));
            out.append(String.format(Locale.ROOT, "<polyline fill='none' points='%s' stroke='%s' stroke-width='%.1f'%s/>",
                    p.toString().trim(), colour, width, dashed ? " stroke-dasharray='6,4'" : ""));
        }

        @Override
        public void dot(double x, double y, double r, String colour) {
            out.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='%.1f' fill='%s'/>", x, y, r, colour));
        }

        @Override
        public void text(double x, double y, String text, String colour, int size, String anchor, boolean bold) {
            out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' fill='%s' font-size='%d' text-anchor='%s'%s>%s</text>",
                    x, y, colour, size, anchor, bold ? " font-weight='bold'" : "",
                    text.replace("&", "&amp;").replace("<", "&lt;")));
        }
    }

    /** The same on a Java2D canvas. */
    private static final class Java2d implements Pen {
        private final Graphics2D g;

        Java2d(Graphics2D g) {
            this.g = g;
        }

        private void stroke(String colour, float width, boolean dashed) {
            g.setColor(Color.decode(colour));
            g.setStroke(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[]{6, 4}, 0)
                    : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String colour, float width, boolean dashed) {
            stroke(colour, width, dashed);
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void polyline(List<double[]> points, String colour, float width, boolean dashed) {
            if (points.isEmpty()) {
                return;
            }
            stroke(colour, width, dashed);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(points.get(0)[0], points.get(0)[1]);
            points.stream().skip(1).forEach(p -> path.lineTo(p[0], p[1]));
            g.draw(path);
        }

        @Override
        public void dot(double x, double y, double r, String colour) {
            stroke(colour, 1, false);
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        @Override
        public void text(double x, double y, String text, String colour, int size, String anchor, boolean bold) {
            stroke(colour, 1, false);
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
            double w = g.getFontMetrics().stringWidth(text);
            double at = switch (anchor) {
                case "middle" -> x - w / 2;
                case "end" -> x - w;
                default -> x;
            };
            g.drawString(text, (float) at, (float) y);
        }
    }
}
