package io.peakgate.payments.provider;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one HTTP client (and connection pool) the gateway calls providers with; closed at shutdown. */
public class ProviderHttp {

    @Produces
    @Singleton
    WebClient client(Vertx vertx) {
        return WebClient.create(vertx);
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
