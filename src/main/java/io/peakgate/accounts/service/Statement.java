package io.peakgate.accounts.service;

import io.peakgate.platform.money.Money;

import java.time.LocalDate;
import java.util.List;

/** The printable statement of an account's money operations over a date range, with totals. */
public record Statement(String supplier, String supplierName, String account, String holder, LocalDate from,
                        LocalDate to, List<OperationsPage.Item> lines, Money paid, Money refunded, Money net) {
}
