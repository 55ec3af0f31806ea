package io.peakgate.platform.error;

import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pages a problem's {@code type} points at: one per code of the {@link ErrorCode} catalogue and an
 * index. Public (not {@code @PortalApi}: no key is asked for) and outside {@code /v1}, so load shedding
 * does not count them; each is a string built from the catalogue, no database or cache is touched.
 */
@Path(ProblemTypes.PATH)
@Tag(name = "Problems")
@Produces(MediaType.TEXT_HTML)
public class ProblemResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @GET
    @NonBlocking
    @APIResponse(responseCode = "200", description = "The index of codes",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Operation(operationId = "problemIndex", summary = "Every problem code, with its status and title (HTML)")
    public Response index() {
        return html(ProblemPages.index());
    }

    @GET
    @Path("/{code}")
    @NonBlocking
    @APIResponse(responseCode = "200", description = "The code's page",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Extension(name = ContractFilter.REFUSALS, value = "route.not_found")
    @Operation(operationId = "problemPage",
            summary = "What a problem code means and what the caller should do (HTML); 404 route.not_found for an unknown code")
    public Response page(@PathParam("code") String code) {
        ErrorCode known = ErrorCode.byCode(code).orElseThrow(() -> new ProblemException(ErrorCode.ROUTE_NOT_FOUND,
                "No such problem code; the codes are listed at " + ProblemTypes.PATH));
        return html(ProblemPages.page(known));
    }

    private static Response html(String page) {
        return Response.ok(page, HTML)
                // the pages change only with a release of the gateway
                .header("Cache-Control", "public, max-age=3600")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
