package io.peakgate.clients;

import io.peakgate.accounts.Suppliers;
import io.peakgate.clients.service.ClientService;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.Scope;
import io.peakgate.platform.security.Secret;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * The front door of API clients and their keys: the admin API acts for an admin key (within its suppliers),
 * {@code bin/peakgate clients} and the demo's data set for the gateway's operator (every supplier). A key is
 * shown once, in what create and rotate return, and stored only as its SHA-256 hash.
 */
@ApplicationScoped
public class Clients {

    @Inject
    ClientService service;

    @Inject
    Suppliers suppliers;

    /** Creates a client with new keys, for an admin key (which grants only suppliers it holds). */
    public Uni<IssuedKeys> create(Caller admin, ClientSpec spec) {
        return service.create(spec, reach(admin), known(), null, null);
    }

    /** Creates a client with new keys, for the gateway's operator (the command line). */
    public Uni<IssuedKeys> create(ClientSpec spec) {
        return service.create(spec, known(), known(), null, null);
    }

    /**
     * Creates a client with the keys given (the demo's fixed keys) unless it exists; an existing client is left
     * as it is. {@code publishableKey} may be null.
     */
    public Uni<Void> createIfAbsent(ClientSpec spec, Secret secretKey, Secret publishableKey) {
        return service.create(spec, known(), known(), secretKey, publishableKey).replaceWithVoid()
                .onFailure(e -> e instanceof ProblemException p && p.code() == ErrorCode.CLIENT_EXISTS).recoverWithNull();
    }

    public Uni<List<ClientView>> list(Caller admin) {
        return service.list(reach(admin));
    }

    public Uni<List<ClientView>> list() {
        return service.list(known());
    }

    public Uni<ClientView> get(Caller admin, String id) {
        return service.get(id, reach(admin));
    }

    /** A new key of {@code kind} (secret when null); the client's current one works for {@code grace} more. */
    public Uni<IssuedKeys> rotate(Caller admin, String id, String kind, String grace) {
        return service.rotate(id, reach(admin), kind, grace);
    }

    public Uni<IssuedKeys> rotate(String id, String kind, String grace) {
        return service.rotate(id, known(), kind, grace);
    }

    public Uni<ClientView> revoke(Caller admin, String id) {
        return service.revoke(id, reach(admin));
    }

    public Uni<ClientView> revoke(String id) {
        return service.revoke(id, known());
    }

    /** An admin key reaches the clients of its own suppliers only. */
    private static Set<String> reach(Caller admin) {
        admin.requireScope(Scope.ADMIN);
        return admin.suppliers();
    }

    private Set<String> known() {
        return suppliers.all().keySet();
    }
}
