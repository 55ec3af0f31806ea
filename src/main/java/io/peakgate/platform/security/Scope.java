package io.peakgate.platform.security;

/** What a portal client may do; granted per API key. */
public enum Scope {
    READINGS_WRITE("readings:write"),
    READINGS_READ("readings:read"),
    PAYMENTS_WRITE("payments:write"),
    /** Back office: read any payment of the granted suppliers (a portal reads only the payments it created). */
    PAYMENTS_READ("payments:read"),
    PAYMENTS_REFUND("payments:refund"),
    CARDS_MANAGE("cards:manage"),
    ACCOUNTS_READ("accounts:read"),
    RECONCILIATION("reconciliation"),
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
