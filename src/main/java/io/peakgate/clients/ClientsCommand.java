package io.peakgate.clients;

import io.peakgate.Command;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code clients create|list|rotate|revoke}: API clients managed directly in the database, as the gateway's
 * operator (every supplier), so the first admin key can be made on an empty database. A key is printed once.
 */
@ApplicationScoped
class ClientsCommand implements Command {

    static final String USAGE = """
            usage: clients create ID --suppliers S[,S...] --scopes SCOPE[,SCOPE...] [--kind supplier|aggregator]
                                     [--origins ORIGIN[,ORIGIN...]] [--name NAME] [--description TEXT] [--publishable]
                   clients list
                   clients rotate ID [--grace PT24H] [--publishable]
                   clients revoke ID""";
    private static final Set<String> FLAGS = Set.of("--publishable");

    @Inject
    Clients clients;

    @Override
    public String name() {
        return "clients";
    }

    @Override
    public int run(List<String> args) {
        return run(args, System.out, System.err);
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                options.put(arg, args.get(++i));
            } else if (arg.startsWith("--")) {
                err.println(USAGE);
                return 2;
            } else {
                positional.add(arg);
            }
        }
        try {
            switch (args.getFirst()) {
                case "create" -> {
                    if (positional.size() != 1 || !options.containsKey("--suppliers") || !options.containsKey("--scopes")) {
                        err.println(USAGE);
                        return 2;
                    }
                    ClientSpec spec = new ClientSpec(positional.getFirst(), options.get("--name"), options.get("--description"),
                            list(options.get("--suppliers")), list(options.get("--scopes")), options.get("--kind"),
                            list(options.get("--origins")), options.containsKey("--publishable"), false);
                    // the command's main thread, never an event loop: it may wait
                    print(clients.create(spec).await().indefinitely(), out);
                }
                case "list" -> {
                    for (ClientView client : clients.list().await().indefinitely()) {
                        describe(client, out);
                    }
                }
                case "rotate" -> {
                    if (positional.size() != 1) {
                        err.println(USAGE);
                        return 2;
                    }
                    print(clients.rotate(positional.getFirst(), options.containsKey("--publishable") ? "publishable" : "secret",
                            options.get("--grace")).await().indefinitely(), out);
                }
                case "revoke" -> {
                    if (positional.size() != 1) {
                        err.println(USAGE);
                        return 2;
                    }
                    describe(clients.revoke(positional.getFirst()).await().indefinitely(), out);
                    out.println("revoked: every key of " + positional.getFirst() + " is refused from now on");
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (ProblemException e) {
            err.println("error: " + e.code().code() + ": " + e.getMessage());
            e.errors().forEach(f -> err.println("  " + f.field() + ": " + f.message()));
            return 1;
        }
        return 0;
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static void print(IssuedKeys keys, PrintStream out) {
        describe(keys.client(), out);
        if (keys.secretKey() != null) {
            out.println("secret key (shown once, store it now): " + keys.secretKey().reveal());
        }
        if (keys.publishableKey() != null) {
            out.println("publishable key (shown once, store it now): " + keys.publishableKey().reveal());
        }
    }

    private static void describe(ClientView c, PrintStream out) {
        out.printf("%s  kind=%s suppliers=%s scopes=%s origins=%s%s%s%n", c.id(), c.kind(), String.join(",", c.suppliers()),
                String.join(",", c.scopes()), String.join(",", c.returnOrigins()), c.demo() ? " demo" : "",
                c.revokedAt() == null ? "" : " revoked=" + c.revokedAt());
        for (ClientView.KeyView k : c.keys()) {
            out.printf("    key %d  %s %s created=%s%s%s%n", k.id(), k.kind(), k.prefix() == null ? "-" : k.prefix() + "...",
                    k.createdAt(), k.expiresAt() == null ? "" : " expires=" + k.expiresAt(),
                    k.revokedAt() == null ? "" : " revoked=" + k.revokedAt());
        }
    }
}
