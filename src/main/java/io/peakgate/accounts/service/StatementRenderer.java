package io.peakgate.accounts.service;

import io.peakgate.platform.money.Money;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders a statement as PDF (Apache PDFBox) or CSV (Apache Commons CSV). CPU work: call it on a worker. */
public final class StatementRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] HEADER = {"time", "kind", "status", "amount", "currency", "payment id",
            "payment number", "method", "provider", "provider reference"};

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
        List<String> lines = new ArrayList<>();
        lines.add("Statement of account " + s.account() + " - " + s.supplierName() + " (" + s.supplier() + ")");
        lines.add("Holder: " + s.holder() + "    Period: " + s.from() + " to " + s.to());
        lines.add("");
        lines.add("Time              Kind     Status              Amount  Payment id / number / provider reference");
        for (OperationsPage.Item l : s.lines()) {
            lines.add(String.format("%-17s %-8s %-15s %10s %s  %s / %s / %s", TIME.format(l.at()), l.kind(), l.status(),
                    Money.decimal(l.amount().value()), l.amount().currency(), l.paymentId(), l.paymentNumber(),
                    l.providerReference() == null ? "-" : l.providerReference()));
        }
        lines.add("");
        lines.add("Total paid: " + Money.decimal(s.paid().value()) + " " + s.paid().currency());
        lines.add("Total refunded: " + Money.decimal(s.refunded().value()) + " " + s.refunded().currency());
        lines.add("Net: " + Money.decimal(s.net().value()) + " " + s.net().currency());
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.COURIER);
            int perPage = 60;
            for (int start = 0; start < lines.size(); start += perPage) {
                PDPage page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(font, 7.5f);
                    text.setLeading(9f);
                    text.newLineAtOffset(30, page.getMediaBox().getHeight() - 35);
                    for (String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
                        text.showText(latin1(line));
                        text.newLine();
                    }
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard PDF fonts cover Latin-1 only; anything else is shown as '?'. */
    private static String latin1(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 32 && c <= 126 || c >= 160 && c <= 255 ? c : '?');
        }
        return out.toString();
    }
}
