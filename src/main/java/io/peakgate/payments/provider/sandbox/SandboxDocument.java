package io.peakgate.payments.provider.sandbox;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves the sandbox's pages out of the served document where the sandbox is off (production): they exist only in
 * demo, dev and tests. Runs when the gateway starts, as the switch is runtime configuration.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class SandboxDocument implements OASFilter {

    static final String TAG = "Sandbox provider";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue("peakgate.providers.sandbox.enabled", Boolean.class)
                .orElse(false);
        if (enabled) {
            return;
        }
        // the model's collections may be read-only: each is replaced by a filtered copy
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            Map<String, PathItem> kept = new LinkedHashMap<>(api.getPaths().getPathItems());
            kept.keySet().removeIf(p -> p.startsWith("/sandbox/"));
            api.getPaths().setPathItems(kept);
        }
        if (api.getTags() != null) {
            api.setTags(api.getTags().stream().filter(t -> !TAG.equals(t.getName())).toList());
        }
        if (api.getExtensions() != null && api.getExtensions().get("x-tagGroups") instanceof List<?> groups) {
            api.addExtension("x-tagGroups", groups.stream()
                    .filter(g -> !(g instanceof Map<?, ?> m && m.get("tags") instanceof List<?> tags && tags.contains(TAG)))
                    .toList());
        }
    }
}
