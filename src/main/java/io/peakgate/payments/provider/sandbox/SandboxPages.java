package io.peakgate.payments.provider.sandbox;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.payments.FailureCode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox issuer's pages a payer is redirected to: a 3-D Secure challenge for cards (code
 * 111111 passes) and a confirmation page for wallets. Submitting one decides the payment and
 * sends the provider's callback to the gateway; then the payer goes back to the return URL.
 */
@Path("/sandbox")
@Tag(name = "Sandbox provider")
public class SandboxPages {

    @Inject
    SandboxSessions sessions;

    @Inject
    SandboxCallbacks callbacks;

    @Inject
    SandboxConfig sandbox;

    @GET
    @Path("/3ds/{session}")
    @Produces(MediaType.TEXT_HTML)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "Unknown or expired session",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Operation(operationId = "sandboxChallengePage", summary = "The sandbox 3-D Secure challenge page")
    public Uni<Response> challenge(@PathParam("session") String id) {
        return page(id, s -> """
                <h1>Sandbox bank: 3-D Secure</h1>
                <p>Confirm the payment of <b>%s</b> with card <b>%s</b>.</p>
                <p>Enter the one-time code sent to your phone (sandbox: <code>111111</code> passes).</p>
                <form method="post">
                  <label>Code <input id="code" name="code" autocomplete="one-time-code" autofocus></label>
                  %s
                  <button id="confirm" type="submit">Confirm</button>
                </form>""".formatted(amount(s), escape(s.label()), options()));
    }

    @POST
    @Path("/3ds/{session}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "Unknown or expired session",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Operation(operationId = "answerSandboxChallenge", summary = "The payer's answer to the sandbox challenge (111111 passes)")
    public Uni<Response> answerChallenge(@PathParam("session") String id, @FormParam("code") String code,
                                        @FormParam("duplicates") @DefaultValue("0") int duplicates,
                                        @FormParam("delayMs") @DefaultValue("0") long delayMs,
                                        @FormParam("outOfOrder") @DefaultValue("false") boolean outOfOrder) {
        return complete(id, s -> {
            if (!SandboxCards.CHALLENGE_CODE.equals(code)) {
                return s.complete("failed", FailureCode.THREE_DS_FAILED);
            }
            return s.outcome() == SandboxCards.Outcome.SUCCEED ? s.complete("succeeded", null)
                    : s.complete("failed", s.outcome().failure);
        }, new SandboxCallbacks.Behaviour(clamp(duplicates, 100), clamp(delayMs, 60_000), outOfOrder));
    }

    @GET
    @Path("/wallet/{session}")
    @Produces(MediaType.TEXT_HTML)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "Unknown or expired session",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Operation(operationId = "sandboxWalletPage", summary = "The sandbox wallet confirmation page")
    public Uni<Response> wallet(@PathParam("session") String id) {
        return page(id, s -> """
                <h1>Sandbox wallet: %s</h1>
                <p>Pay <b>%s</b> from your %s wallet?</p>
                <form method="post">
                  %s
                  <button id="approve" name="decision" value="approve" type="submit">Pay</button>
                  <button id="decline" name="decision" value="decline" type="submit">Cancel</button>
                </form>""".formatted(escape(s.label()), amount(s), escape(s.label()), options()));
    }

    @POST
    @Path("/wallet/{session}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "Unknown or expired session",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @Operation(operationId = "answerSandboxWallet", summary = "The payer's answer on the sandbox wallet page")
    public Uni<Response> answerWallet(@PathParam("session") String id, @FormParam("decision") String decision,
                                      @FormParam("duplicates") @DefaultValue("0") int duplicates,
                                      @FormParam("delayMs") @DefaultValue("0") long delayMs,
                                      @FormParam("outOfOrder") @DefaultValue("false") boolean outOfOrder) {
        return complete(id, s -> "approve".equals(decision) ? s.complete("succeeded", null)
                        : s.complete("failed", FailureCode.WALLET_DECLINED),
                new SandboxCallbacks.Behaviour(clamp(duplicates, 100), clamp(delayMs, 60_000), outOfOrder));
    }

    private Uni<Response> page(String id, java.util.function.Function<SandboxSession, String> body) {
        if (!sandbox.enabled()) {
            return Uni.createFrom().item(html(404, "<h1>Not found</h1>"));
        }
        return sessions.find(id).map(s -> {
            if (s == null) {
                return html(404, "<h1>Unknown or expired session</h1>");
            }
            if (s.completed()) {
                return html(409, "<h1>Already answered</h1><p id=\"result\">" + s.finalStatus() + "</p>");
            }
            return html(200, body.apply(s));
        });
    }

    private Uni<Response> complete(String id, java.util.function.UnaryOperator<SandboxSession> decide,
                                   SandboxCallbacks.Behaviour behaviour) {
        if (!sandbox.enabled()) {
            return Uni.createFrom().item(html(404, "<h1>Not found</h1>"));
        }
        return sessions.find(id).chain(s -> {
            if (s == null) {
                return Uni.createFrom().item(html(404, "<h1>Unknown or expired session</h1>"));
            }
            if (s.completed()) {
                return Uni.createFrom().item(html(409, "<h1>Already answered</h1><p id=\"result\">" + s.finalStatus() + "</p>"));
            }
            SandboxSession done = decide.apply(s);
            Uni<Void> delivery = callbacks.deliver(done, behaviour);
            // a delayed delivery goes on after the payer has been sent back, as a provider's would
            Uni<Void> sent = behaviour.delayMs() > 0
                    ? Uni.createFrom().voidItem().invoke(() -> delivery.subscribe().with(ok -> { }, e -> { }))
                    : delivery;
            return sessions.save(done).chain(() -> sent).replaceWith(back(done));
        });
    }

    /** Back to the portal's returnUrl, or a plain page when there is none or it cannot be followed. */
    private static Response back(SandboxSession s) {
        String done = "<h1>Payment " + s.finalStatus() + "</h1><p id=\"result\">" + s.finalStatus() + "</p>";
        if (s.returnUrl() == null) {
            return html(200, done);
        }
        String sep = s.returnUrl().contains("?") ? "&" : "?";
        try {
            return Response.seeOther(new URI(s.returnUrl() + sep + "paymentId=" + s.paymentId() + "&status="
                    + URLEncoder.encode(s.finalStatus(), StandardCharsets.UTF_8))).build();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return html(200, done);
        }
    }

    private static String options() {
        return """
                <details><summary>Sandbox delivery options</summary>
                  <label>Duplicate callbacks <input name="duplicates" value="0" size="3"></label>
                  <label>Delay (ms) <input name="delayMs" value="0" size="6"></label>
                  <label><input type="checkbox" name="outOfOrder" value="true"> out of order</label>
                </details>""";
    }

    private static String amount(SandboxSession s) {
        return String.format("%d.%02d %s", s.amount() / 100, s.amount() % 100, s.currency());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sandbox</title></head><body>"
                        + body + "</body></html>").build();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }
}
