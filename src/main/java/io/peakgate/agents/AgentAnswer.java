package io.peakgate.agents;

/**
 * An answer in the OSMP layout. Result codes: 0 OK, 1 temporary error (retry later), 4 invalid
 * account format, 5 account not found, 7 payment forbidden, 8 agent not allowed (authentication),
 * 79 account not active (billing closed it), 241 sum too small, 242 sum too large, 300 other error (bad request).
 */
public record AgentAnswer(String osmpTxnId, Long prvTxn, String sum, int result, String comment) {

    public static final int OK = 0;
    public static final int TEMPORARY = 1;
    public static final int BAD_ACCOUNT = 4;
    public static final int ACCOUNT_NOT_FOUND = 5;
    public static final int FORBIDDEN = 7;
    public static final int NOT_ALLOWED = 8;
    public static final int ACCOUNT_INACTIVE = 79;
    public static final int SUM_TOO_SMALL = 241;
    public static final int SUM_TOO_LARGE = 242;
    public static final int OTHER = 300;

    public String xml() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n");
        out.append("  <osmp_txn_id>").append(escape(osmpTxnId)).append("</osmp_txn_id>\n");
        if (prvTxn != null) {
            out.append("  <prv_txn>").append(prvTxn).append("</prv_txn>\n");
        }
        if (sum != null) {
            out.append("  <sum>").append(escape(sum)).append("</sum>\n");
        }
        out.append("  <result>").append(result).append("</result>\n");
        out.append("  <comment>").append(escape(comment)).append("</comment>\n");
        return out.append("</response>\n").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
