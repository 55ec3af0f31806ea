package io.peakgate.platform.error;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The HTML of the problem pages, from the {@link ErrorCode} catalogue: one short page per code (what
 * it means, what the caller should do) and an index of them all. Every text is escaped.
 */
final class ProblemPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}td,th{padding:.2em .6em;"
            + "text-align:left;vertical-align:top}";

    private ProblemPages() {
    }

    static String page(ErrorCode code) {
        return document(code.code() + ": " + code.title(), """
                <p><a href="%s">All problem codes</a></p>
                <h1>%s</h1>
                <table>
                  <tr><th>Code</th><td><code id="code">%s</code></td></tr>
                  <tr><th>HTTP status</th><td id="status">%d</td></tr>
                </table>
                <h2>What it means</h2>
                <p id="meaning">%s</p>
                <h2>What to do</h2>
                <p id="action">%s</p>
                <p>A problem's <code>instance</code> is its request's id, also sent in <code>X-Request-Id</code>: \
                quote it to the gateway's operator, who finds the request in the logs by it.</p>
                """.formatted(escape(ProblemTypes.index()), escape(code.title()), escape(code.code()), code.status(),
                escape(code.meaning()), escape(code.action())));
    }

    static String index() {
        String rows = Arrays.stream(ErrorCode.values())
                .map(c -> "  <tr><td><a href=\"%s\"><code>%s</code></a></td><td>%d</td><td>%s</td></tr>".formatted(
                        escape(ProblemTypes.of(c)), escape(c.code()), c.status(), escape(c.title())))
                .collect(Collectors.joining("\n"));
        return document("Problem codes", """
                <h1>Problem codes</h1>
                <p>Every refusal of the gateway is an <code>application/problem+json</code> body (RFC 9457) whose \
                <code>code</code> is one of these, and whose <code>type</code> is the address of its page here.</p>
                <table>
                <tr><th>Code</th><th>Status</th><th>Title</th></tr>
                %s
                </table>
                """.formatted(rows));
    }

    private static String document(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - Peakgate</title><style>" + STYLE + "</style></head>\n<body>\n"
                + body + "</body></html>\n";
    }

    /** The text as HTML character data or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
