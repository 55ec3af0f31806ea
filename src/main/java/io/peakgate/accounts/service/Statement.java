package io.peakgate.accounts.service;

import io.peakgate.accounts.BalanceLedger;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.platform.money.Money;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The printable statement of an account over a date range (the supplier's days, both ends included): its
 * money operations (newest first) with totals, its readings (oldest first), and the balance at the
 * period's start and end from billing's snapshots ({@code null}: billing had sent none by then).
 */
public record Statement(String supplier, SuppliersConfig.Supplier config, String account, String holder,
                        String address, LocalDate from, LocalDate to, BalanceLedger.Past opening,
                        BalanceLedger.Past closing, List<OperationsPage.Item> lines, List<Reading> readings,
                        Money paid, Money refunded, Money net, OffsetDateTime issuedAt) {

    /** A reading: its meter, billing period (first day of the month) and each register's consumption. */
    public record Reading(OffsetDateTime at, String status, String meter, String service, LocalDate period,
                          boolean late, List<Register> registers) {
    }

    /** One register of a reading; {@code previous} and {@code consumption} are null for a meter's first reading. */
    public record Register(String register, Long previous, long current, Long consumption, boolean rollover) {
    }
}
