package io.peakgate.accounts.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an account import did, counted in accounts. */
@Schema(name = "AccountImportSummary", description = "What the import did, counted in accounts")
public record AccountImportSummary(
        String supplier,
        @Schema(description = "Accounts in the file") long received,
        @Schema(description = "Accounts that did not exist before") long created,
        @Schema(description = "Existing accounts of which something changed (holder, address, last payment, closure, "
                + "a meter or a register)") long updated,
        @Schema(description = "Accounts the import left as they were: identical, or billing's time for them (billing_as_of) "
                + "is later than the import's as-of time") long unchanged,
        @Schema(description = "Accounts this import closed (included in created or updated)") long closed) {
}
