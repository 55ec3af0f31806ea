package io.peakgate.review.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/admin/review/{id}}: the decision, why, and who took it; where money goes for a credit. */
public record ResolveRequest(
        @Schema(description = "credit, refund_to_payer or dismiss (payments); accept or reject (readings); credit or dismiss (SMS)",
                examples = "dismiss")
        @NotBlank @Size(max = 32) String resolution,
        @Schema(description = "Why: kept in the audit trail, and told to billing with a credit or a rejection")
        @NotBlank @Size(max = 500) String reason,
        @Schema(description = "The person who decided (the API key names the client)")
        @Size(max = 100) String operator,
        @Schema(description = "For a credit of an item that names no supplier: the supplier of the account")
        @Size(max = 64) String supplier,
        @Schema(description = "For a credit: the account to credit (an SMS's corrected account, or one for an item that names none)")
        @Size(max = 64) String account) {
}
