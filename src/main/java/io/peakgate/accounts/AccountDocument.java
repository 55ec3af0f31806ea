package io.peakgate.accounts;

import java.time.Instant;
import java.util.List;

/**
 * One account as billing describes it: the line of an NDJSON import, and the data of a
 * {@code billing.account.upserted} event on {@code billing.accounts.v1}. The meters listed are the account's
 * complete list; amounts are minor units. {@code closed} is the import's (the feed closes by its own event).
 */
public record AccountDocument(String account, String holder, String address, LastPayment lastPayment, Boolean closed,
                              List<Meter> meters) {

    /** Billing's last payment of the account (suppliers that verify by it). */
    public record LastPayment(Long amount, Instant at) {
    }

    /** A meter with its digit capacity and registers (one, or T1 and T2 for a day/night meter). */
    public record Meter(String meter, String service, Integer digits, List<Register> registers) {
    }

    /** A register's last billed value (optional) and its usual monthly consumption (the plausibility rule's base). */
    public record Register(String register, Long lastValue, Long usualConsumption) {
    }
}
