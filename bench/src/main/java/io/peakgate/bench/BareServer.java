package io.peakgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP ceiling: a bare Vert.x server (no Quarkus, no I/O) that reads a JSON POST and answers
 * a 201 of the size of an accepted reading. Run as its own process, one event loop per core.
 */
public final class BareServer {

    static final String ANSWER = "{\"id\":\"01a20665-6a62-7a7f-affc-0f1a0115b779\",\"supplier\":\"esplus\",\"account\":\"3300000001\","
            + "\"meter\":\"E-1\",\"service\":\"electricity\",\"period\":\"2026-11\",\"status\":\"accepted\",\"late\":false,"
            + "\"dryRun\":false,\"submittedAt\":\"2026-11-23T03:13:59.368333Z\",\"registers\":[{\"register\":\"T1\","
            + "\"previous\":12000,\"current\":12345,\"consumption\":345,\"rollover\":false}],\"estimatedCharge\":"
            + "{\"value\":223215,\"currency\":\"RUB\"},\"warnings\":[]}";

    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "18080");
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                    .requestHandler(req -> req.body().onSuccess(body -> req.response().setStatusCode(201)
                            .putHeader("content-type", "application/json").end(ANSWER)))
                    .listen();
        }
        System.out.println("bare server on 127.0.0.1:" + port);
    }
}
