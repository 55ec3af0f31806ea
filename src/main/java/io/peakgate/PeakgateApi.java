package io.peakgate;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI description of the gateway's HTTP API. */
@OpenAPIDefinition(info = @Info(title = "Peakgate", version = "v1",
        description = "Payment and meter-reading gateway. Errors are application/problem+json with a stable code."))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The portal client's API key")
public class PeakgateApi extends Application {
}
