package io.peakgate.accounts.service;

import io.peakgate.accounts.BalanceLedger;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.text.Texts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a statement as PDF (Apache PDFBox) or CSV (Apache Commons CSV). The PDF is A4 in the supplier's
 * language, set in DejaVu Sans (bundled: the production image has no system fonts) embedded as a subset,
 * so Cyrillic prints as written; tables flow over pages with their header repeated, and every page is
 * numbered. CPU work: call it on a worker.
 */
public final class StatementRenderer {

    private static final String[] HEADER = {"time", "kind", "status", "amount", "currency", "payment id",
            "payment number", "method", "provider", "provider reference"};
    /** The font files, read from the classpath once; each document embeds the subset it uses. */
    private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");

    private StatementRenderer() {
    }

    public static String csv(Statement s) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (OperationsPage.Item l : s.lines()) {
                csv.printRecord(l.at(), l.kind(), l.status(), Money.decimal(l.amount().value()), l.amount().currency(),
                        l.paymentId(), l.paymentNumber(), l.method(), l.provider(), l.providerReference());
            }
            csv.printRecord("total paid", "", "", Money.decimal(s.paid().value()), s.paid().currency());
            csv.printRecord("total refunded", "", "", Money.decimal(s.refunded().value()), s.refunded().currency());
            csv.printRecord("net", "", "", Money.decimal(s.net().value()), s.net().currency());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] pdf(Statement s) {
        Texts t = Texts.of("statement", s.config().language().locale());
        try (TrueTypeFont regular = parse(REGULAR); TrueTypeFont bold = parse(BOLD);
             PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = new Sheet(doc, PDType0Font.load(doc, regular, true), PDType0Font.load(doc, bold, true));
            new Sections(s, t, sheet).write();
            sheet.finish(t.get("title") + " · " + s.account() + " · " + s.config().localName(),
                    (page, pages) -> t.get("page", page, pages));
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The font for one document, without glyph substitution: a ligature would print "ff" in a provider's
     * reference as one glyph that copies (and reads back) as "ﬀ", so the reference could not be found.
     */
    private static TrueTypeFont parse(byte[] font) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
        ttf.setEnableGsub(false);
        return ttf;
    }

    private static byte[] font(String resource) {
        try (InputStream in = StatementRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The statement's font " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the statement says, section by section, in its language. */
    private record Sections(Statement s, Texts t, Sheet sheet) {

        private static final float BODY = 9f;
        private static final float CELL = 8f;

        void write() throws IOException {
            ZoneId zone = s.config().timeZone();
            DateTimeFormatter day = DateTimeFormatter.ofPattern("dd.MM.yyyy");
            DateTimeFormatter time = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
            sheet.line(t.get("title"), sheet.bold, 16f);
            sheet.gap(4);
            SuppliersConfig.Supplier c = s.config();
            sheet.line(c.localName(), sheet.bold, 11f);
            Optional<String> address = c.letterhead().flatMap(SuppliersConfig.Letterhead::address);
            if (address.isPresent()) {
                sheet.paragraph(address.get(), sheet.regular, BODY);
            }
            List<String> contacts = new ArrayList<>();
            c.letterhead().flatMap(SuppliersConfig.Letterhead::taxId).ifPresent(id -> contacts.add(t.get("supplier.tax-id", id)));
            c.letterhead().flatMap(SuppliersConfig.Letterhead::phone).ifPresent(p -> contacts.add(t.get("supplier.phone", p)));
            c.letterhead().flatMap(SuppliersConfig.Letterhead::website).ifPresent(contacts::add);
            if (!contacts.isEmpty()) {
                sheet.paragraph(String.join(" · ", contacts), sheet.regular, BODY);
            }
            sheet.gap(10);
            sheet.field(t.get("account"), s.account(), BODY);
            sheet.field(t.get("holder"), s.holder(), BODY);
            if (s.address() != null && !s.address().isBlank()) {
                sheet.field(t.get("address"), s.address(), BODY);
            }
            sheet.field(t.get("period"), t.get("period.value", day.format(s.from()), day.format(s.to())), BODY);
            sheet.field(t.get("issued"), time.format(s.issuedAt().atZoneSameInstant(zone)), BODY);
            sheet.gap(8);
            balance(t.get("balance.opening", day.format(s.from())), s.opening(), time, zone);
            balance(t.get("balance.closing", day.format(s.to())), s.closing(), time, zone);
            sheet.gap(4);
            sheet.field(t.get("totals.paid"), t.money(s.paid()), BODY);
            sheet.field(t.get("totals.refunded"), t.money(s.refunded()), BODY);
            sheet.field(t.get("totals.net"), t.money(s.net()), BODY);

            sheet.section(t.get("payments.title"));
            if (s.lines().isEmpty()) {
                sheet.paragraph(t.get("payments.none"), sheet.regular, BODY);
            } else {
                List<Row> rows = new ArrayList<>();
                for (OperationsPage.Item l : s.lines().reversed()) {
                    String method = t.getOrDefault("method." + l.method(), l.method())
                            + (l.provider() == null || l.provider().equals(l.method()) ? "" : ", " + l.provider());
                    // the provider's reference is what a dispute quotes: a line of its own, never cut in a narrow cell
                    rows.add(new Row(new String[]{time.format(l.at().atZoneSameInstant(zone)), t.get("kind." + l.kind()),
                            l.paymentNumber() == null ? "" : l.paymentNumber().toString(), method,
                            t.getOrDefault("status." + l.kind() + "." + l.status(), l.status()), t.money(l.amount())},
                            l.providerReference() == null ? null : t.get("col.reference") + ": " + l.providerReference()));
                }
                sheet.table(new Column[]{new Column(t.get("col.date"), 62, false),
                        new Column(t.get("col.operation"), 70, false), new Column(t.get("col.number"), 60, false),
                        new Column(t.get("col.method"), 118, false), new Column(t.get("col.status"), 115, false),
                        new Column(t.get("col.amount"), 90, true)}, rows, CELL);
            }

            sheet.section(t.get("readings.title"));
            if (s.readings().isEmpty()) {
                sheet.paragraph(t.get("readings.none"), sheet.regular, BODY);
            } else {
                DateTimeFormatter month = DateTimeFormatter.ofPattern("MM.yyyy");
                List<Row> rows = new ArrayList<>();
                for (Statement.Reading r : s.readings()) {
                    String status = t.getOrDefault("status.reading." + r.status(), r.status())
                            + (r.late() ? ", " + t.get("reading.late") : "");
                    for (Statement.Register g : r.registers()) {
                        rows.add(new Row(new String[]{time.format(r.at().atZoneSameInstant(zone)),
                                r.meter() + " " + t.getOrDefault("service." + r.service(), r.service()),
                                month.format(r.period()), g.register(),
                                g.previous() == null ? "—" : g.previous().toString(), Long.toString(g.current()),
                                g.consumption() == null ? "—" : g.consumption().toString(),
                                status + (g.rollover() ? ", " + t.get("reading.rollover") : "")}, null));
                    }
                }
                sheet.table(new Column[]{new Column(t.get("col.date"), 56, false),
                        new Column(t.get("col.meter"), 84, false), new Column(t.get("col.billing-period"), 44, false),
                        new Column(t.get("col.register"), 42, false), new Column(t.get("col.previous"), 74, true),
                        new Column(t.get("col.current"), 64, true), new Column(t.get("col.consumption"), 64, true),
                        new Column(t.get("col.status"), 87, false)}, rows, CELL);
            }

            sheet.section(t.get("chart.title"));
            chart();
        }

        private void balance(String label, BalanceLedger.Past past, DateTimeFormatter time, ZoneId zone) throws IOException {
            if (past == null) {
                sheet.field(label, t.get("balance.none"), BODY);
                return;
            }
            long debt = past.debt().value();
            String figure = debt > 0 ? t.get("balance.debt", t.money(past.debt()))
                    : debt < 0 ? t.get("balance.credit", t.money(new Money(-debt, past.debt().currency())))
                    : t.get("balance.settled");
            sheet.field(label, figure + " (" + t.get("balance.source",
                    time.format(past.snapshotAsOf().atZoneSameInstant(zone))) + ")", BODY);
        }

        /** Consumption per billing month, one bar per meter, over every month of the period. */
        private void chart() throws IOException {
            Map<String, String> meters = new LinkedHashMap<>();
            YearMonth first = YearMonth.from(s.from());
            YearMonth last = YearMonth.from(s.to());
            for (Statement.Reading r : s.readings()) {
                meters.putIfAbsent(r.meter(), r.service());
                YearMonth p = YearMonth.from(r.period());
                first = p.isBefore(first) ? p : first;
                last = p.isAfter(last) ? p : last;
            }
            if (meters.isEmpty()) {
                sheet.paragraph(t.get("chart.none"), sheet.regular, BODY);
                return;
            }
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
            List<String> series = new ArrayList<>(meters.keySet());
            long[][] values = new long[series.size()][months.size()];
            for (Statement.Reading r : s.readings()) {
                int m = months.indexOf(YearMonth.from(r.period()));
                for (Statement.Register g : r.registers()) {
                    values[series.indexOf(r.meter())][m] += g.consumption() == null ? 0 : g.consumption();
                }
            }
            List<String> legend = series.stream()
                    .map(code -> code + " · " + t.getOrDefault("service." + meters.get(code), meters.get(code))).toList();
            sheet.barChart(months.stream().map(m -> DateTimeFormatter.ofPattern("MM.yy").format(m)).toList(),
                    values, legend);
        }
    }

    /** A table column: its header, width in points, and whether figures are aligned right. */
    private record Column(String header, float width, boolean right) {
    }

    /** A table row: a text per column, and an optional line under all columns but the first. */
    private record Row(String[] cells, String detail) {
    }

    /** Turns a page number and the page count into the footer's words. */
    private interface PageLabel {
        String of(int page, int pages);
    }

    /** A4 pages filled top to bottom: the cursor, page breaks, wrapping, tables and the chart. */
    private static final class Sheet {

        private static final float LEFT = 40f;
        private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;
        private static final float TOP = PDRectangle.A4.getHeight() - 48f;
        private static final float BOTTOM = 48f;
        private static final float PAD = 3f;
        private static final float[][] PALETTE = {{0.16f, 0.42f, 0.70f}, {0.90f, 0.49f, 0.13f}, {0.25f, 0.63f, 0.33f},
                {0.58f, 0.35f, 0.65f}, {0.55f, 0.55f, 0.55f}};

        private final PDDocument doc;
        private final PDFont regular;
        private final PDFont bold;
        private PDPageContentStream out;
        private float y;

        Sheet(PDDocument doc, PDFont regular, PDFont bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = TOP;
        }

        /** Starts a new page unless {@code height} still fits on this one; true when it started one. */
        private boolean ensure(float height) throws IOException {
            if (y - height < BOTTOM) {
                newPage();
                return true;
            }
            return false;
        }

        void gap(float points) {
            y -= points;
        }

        void line(String text, PDFont font, float size) throws IOException {
            ensure(size * 1.3f);
            y -= size * 1.3f;
            show(printable(text, font), font, size, LEFT, y);
        }

        void paragraph(String text, PDFont font, float size) throws IOException {
            for (String l : wrap(printable(text, font), font, size, WIDTH)) {
                line(l, font, size);
            }
        }

        /** "Label: value", the value wrapped beside its label. */
        void field(String label, String value, float size) throws IOException {
            String head = label + ": ";
            float indent = width(head, bold, size);
            List<String> lines = wrap(printable(value, regular), regular, size, WIDTH - indent);
            ensure(size * 1.35f * lines.size());
            for (int i = 0; i < lines.size(); i++) {
                y -= size * 1.35f;
                if (i == 0) {
                    show(head, bold, size, LEFT, y);
                }
                show(lines.get(i), regular, size, LEFT + indent, y);
            }
        }

        /** A section's heading, kept on the page with at least a few lines after it. */
        void section(String title) throws IOException {
            ensure(16f + 60f);
            y -= 16f;
            show(title, bold, 11f, LEFT, y);
            y -= 4f;
        }

        /** Rows flow over pages; each new page repeats the header row. A row never splits across pages. */
        void table(Column[] columns, List<Row> rows, float size) throws IOException {
            float leading = size * 1.25f;
            float detailWidth = WIDTH - columns[0].width() - 2 * PAD;
            header(columns, size, leading);
            boolean shaded = false;
            for (Row row : rows) {
                List<List<String>> cells = new ArrayList<>();
                int others = 1;
                for (int c = 0; c < columns.length; c++) {
                    List<String> lines = wrap(printable(row.cells()[c], regular), regular, size, columns[c].width() - 2 * PAD);
                    cells.add(lines);
                    others = c == 0 ? others : Math.max(others, lines.size());
                }
                List<String> detail = row.detail() == null ? List.of()
                        : wrap(printable(row.detail(), regular), regular, size, detailWidth);
                int height = Math.max(cells.getFirst().size(), others + detail.size());
                float rowHeight = height * leading + 2 * PAD;
                if (ensure(rowHeight)) {
                    header(columns, size, leading);
                }
                if (shaded) {
                    fill(LEFT, y - rowHeight, WIDTH, rowHeight, 0.95f);
                }
                shaded = !shaded;
                float x = LEFT;
                for (int c = 0; c < columns.length; c++) {
                    float lineY = y - PAD - size;
                    for (String l : cells.get(c)) {
                        float at = columns[c].right() ? x + columns[c].width() - PAD - width(l, regular, size) : x + PAD;
                        show(l, regular, size, at, lineY);
                        lineY -= leading;
                    }
                    x += columns[c].width();
                }
                float lineY = y - PAD - size - others * leading;
                for (String l : detail) {
                    show(l, regular, size, LEFT + columns[0].width() + PAD, lineY);
                    lineY -= leading;
                }
                y -= rowHeight;
            }
            rule(y, 0.5f);
        }

        private void header(Column[] columns, float size, float leading) throws IOException {
            int height = 1;
            List<List<String>> cells = new ArrayList<>();
            for (Column c : columns) {
                List<String> lines = wrap(c.header(), bold, size, c.width() - 2 * PAD);
                cells.add(lines);
                height = Math.max(height, lines.size());
            }
            float rowHeight = height * leading + 2 * PAD;
            ensure(rowHeight + leading * 2);
            fill(LEFT, y - rowHeight, WIDTH, rowHeight, 0.85f);
            float x = LEFT;
            for (int c = 0; c < columns.length; c++) {
                float lineY = y - PAD - size;
                for (String l : cells.get(c)) {
                    float at = columns[c].right() ? x + columns[c].width() - PAD - width(l, bold, size) : x + PAD;
                    show(l, bold, size, at, lineY);
                    lineY -= leading;
                }
                x += columns[c].width();
            }
            y -= rowHeight;
        }

        /** Bars per month (one per series, side by side), a value axis with round steps, and a legend. */
        void barChart(List<String> months, long[][] values, List<String> legend) throws IOException {
            float plot = 130f;
            float legendHeight = 12f * legend.size();
            ensure(plot + 30f + legendHeight);
            long max = 0;
            for (long[] s : values) {
                for (long v : s) {
                    max = Math.max(max, v);
                }
            }
            long step = step(max);
            long top = Math.max(step, (max + step - 1) / step * step);
            float axis = 44f;
            float x0 = LEFT + axis;
            float plotWidth = WIDTH - axis;
            float base = y - plot - 6f;
            for (long v = 0; v <= top; v += step) {
                float gy = base + plot * v / top;
                line(x0, gy, x0 + plotWidth, gy, v == 0 ? 0.3f : 0.8f, v == 0 ? 0.8f : 0.4f);
                String label = Long.toString(v);
                show(label, regular, 7f, x0 - 4f - width(label, regular, 7f), gy - 2.5f);
            }
            float group = plotWidth / months.size();
            float bar = Math.min(18f, group * 0.8f / values.length);
            float labelWidth = width("00.00", regular, 7f) + 4f;
            int every = (int) Math.ceil(labelWidth / group);
            for (int m = 0; m < months.size(); m++) {
                float gx = x0 + group * m + (group - bar * values.length) / 2;
                for (int s = 0; s < values.length; s++) {
                    float h = plot * values[s][m] / top;
                    if (h > 0) {
                        float[] c = PALETTE[s % PALETTE.length];
                        out.setNonStrokingColor(c[0], c[1], c[2]);
                        out.addRect(gx + bar * s, base, bar, h);
                        out.fill();
                        out.setNonStrokingColor(0f, 0f, 0f);
                        String v = Long.toString(values[s][m]);
                        float w = width(v, regular, 6f);
                        if (w <= group / values.length + 2f) {
                            show(v, regular, 6f, gx + bar * s + (bar - w) / 2, base + h + 2f);
                        }
                    }
                }
                if (m % every == 0) {
                    float w = width(months.get(m), regular, 7f);
                    show(months.get(m), regular, 7f, x0 + group * m + (group - w) / 2, base - 10f);
                }
            }
            y = base - 22f;
            for (int s = 0; s < legend.size(); s++) {
                float[] c = PALETTE[s % PALETTE.length];
                out.setNonStrokingColor(c[0], c[1], c[2]);
                out.addRect(x0, y - 1f, 8f, 8f);
                out.fill();
                out.setNonStrokingColor(0f, 0f, 0f);
                show(printable(legend.get(s), regular), regular, 8f, x0 + 12f, y);
                y -= 12f;
            }
        }

        /** A round axis step (1, 2 or 5 times a power of ten) giving about four gridlines up to {@code max}. */
        private static long step(long max) {
            double raw = Math.max(1, max) / 4.0;
            long magnitude = (long) Math.pow(10, Math.floor(Math.log10(raw)));
            for (long m : new long[]{1, 2, 5, 10}) {
                if (m * magnitude >= raw) {
                    return Math.max(1, m * magnitude);
                }
            }
            return 10 * magnitude;
        }

        /** Closes the last page, then writes every page's running header (after the first) and "page i of n". */
        void finish(String running, PageLabel label) throws IOException {
            out.close();
            int pages = doc.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(doc, doc.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    out = footer;
                    String number = label.of(i + 1, pages);
                    show(number, regular, 8f, LEFT + WIDTH - width(number, regular, 8f), 28f);
                    if (i > 0) {
                        String head = printable(running, regular);
                        show(head, regular, 8f, LEFT, PDRectangle.A4.getHeight() - 30f);
                        line(LEFT, PDRectangle.A4.getHeight() - 34f, LEFT + WIDTH, PDRectangle.A4.getHeight() - 34f,
                                0.5f, 0.6f);
                    }
                }
            }
        }

        private void show(String text, PDFont font, float size, float x, float at) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(text);
            out.endText();
        }

        private void fill(float x, float bottom, float w, float h, float grey) throws IOException {
            out.setNonStrokingColor(grey, grey, grey);
            out.addRect(x, bottom, w, h);
            out.fill();
            out.setNonStrokingColor(0f, 0f, 0f);
        }

        private void rule(float at, float widthPt) throws IOException {
            line(LEFT, at, LEFT + WIDTH, at, widthPt, 0.5f);
        }

        private void line(float x1, float y1, float x2, float y2, float widthPt, float grey) throws IOException {
            out.setStrokingColor(grey, grey, grey);
            out.setLineWidth(widthPt);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
            out.setStrokingColor(0f, 0f, 0f);
        }

        private static float width(String text, PDFont font, float size) throws IOException {
            return font.getStringWidth(text) / 1000f * size;
        }

        /**
         * The text as the font can show it: control characters become spaces, and a character the font has
         * no glyph for (an emoji in a holder's name) becomes '?', instead of failing the whole statement.
         */
        private static String printable(String text, PDFont font) {
            String flat = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
            try {
                font.encode(flat);
                return flat;
            } catch (IllegalArgumentException | IOException e) {
                StringBuilder out = new StringBuilder(flat.length());
                flat.codePoints().forEach(cp -> {
                    String c = new String(Character.toChars(cp));
                    try {
                        font.encode(c);
                        out.append(c);
                    } catch (IllegalArgumentException | IOException missing) {
                        out.append('?');
                    }
                });
                return out.toString();
            }
        }

        /** Greedy word wrap to {@code max} points; a word wider than a line (a long reference) is cut anywhere. */
        private static List<String> wrap(String text, PDFont font, float size, float max) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (width(candidate, font, size) <= max) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                String rest = word;
                while (width(rest, font, size) > max && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font, size) > max) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            lines.add(current.toString());
            return lines;
        }
    }
}
