package io.peakgate;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI description of the gateway's HTTP API. Portal operations come first; the formats of payment
 * providers, SMS aggregators and payment agents, and the sandbox's pages, are grouped apart (x-tagGroups).
 */
@OpenAPIDefinition(
        info = @Info(title = "Peakgate", version = "v1",
                description = "Payment and meter-reading gateway. Portal operations authenticate with an API key "
                        + "(Authorization: Bearer). Refusals are application/problem+json (RFC 9457) with a stable "
                        + "`code`; `type` is the code's page under /problems, `instance` names the request id "
                        + "(X-Request-Id). Creations take an Idempotency-Key.",
                license = @License(name = "Proprietary: the supplier's agreement with the gateway's operator")),
        servers = @Server(url = "/", description = "This gateway"),
        tags = {
                @Tag(name = "Readings", description = "Meter readings: check, submit, batches of many accounts"),
                @Tag(name = "Payments", description = "Card, card-token and wallet payments, their status and refunds"),
                @Tag(name = "Cards", description = "One-use card tokens and the subscriber's saved cards"),
                @Tag(name = "Accounts", description = "Balance, history and statement, verification, linked accounts, "
                        + "autopay and the promised payment"),
                @Tag(name = "Reconciliation", description = "Providers' settlement registries matched against payments"),
                @Tag(name = "API clients", description = "API clients and their keys (scope admin): create, rotate, revoke"),
                @Tag(name = "Administration", description = "A supplier's operators: the bulk import of accounts"),
                @Tag(name = "Provider callbacks", description = "Payment providers' notifications, in each provider's "
                        + "own format and signature (LiqPay, T-Bank, YooMoney, WebMoney, sandbox)"),
                @Tag(name = "SMS", description = "Short-number payments forwarded by SMS aggregators (signed JSON); "
                        + "every answer, refusals included, is the reply to send"),
                @Tag(name = "Payment agents", description = "Payment agents' check/pay protocol (XML with a numeric "
                        + "result code), idempotent on txn_id"),
                @Tag(name = "Sandbox provider", description = "The embedded sandbox provider's payer pages (demo, dev "
                        + "and tests only; absent from this document elsewhere)"),
                @Tag(name = "Problems", description = "A page per problem code: what it means, what to do")},
        extensions = @Extension(name = "x-tagGroups", parseValue = true, value = """
                [{"name": "Portal API", "tags": ["Readings", "Payments", "Cards", "Accounts"]},
                 {"name": "Supplier operations", "tags": ["Reconciliation", "API clients", "Administration"]},
                 {"name": "Partner protocols", "tags": ["Provider callbacks", "SMS", "Payment agents"]},
                 {"name": "Sandbox", "tags": ["Sandbox provider"]},
                 {"name": "Reference", "tags": ["Problems"]}]"""))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The client's API key (secret or publishable) or a verification token")
public class PeakgateApi extends Application {
}
