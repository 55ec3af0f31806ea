package io.peakgate.platform.security;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks portal clients up by the hash of their secret or publishable key. */
@ApplicationScoped
public class ApiClientRepository implements PanacheRepositoryBase<ApiClient, String> {

    @WithSession
    public Uni<ApiClient> findActiveByKeyHash(String keyHash) {
        return find("(keyHash = ?1 or publishableKeyHash = ?1) and active = true", keyHash).firstResult();
    }
}
