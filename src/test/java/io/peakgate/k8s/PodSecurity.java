package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards' "restricted" profile (which includes "baseline"), as Kubernetes publishes it
 * (kubernetes.io/docs/concepts/security/pod-security-standards), checked on the pod templates of our own
 * workloads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob):
 * <ul>
 * <li>baseline: no hostNetwork/hostPID/hostIPC, no Windows hostProcess, no privileged container, no hostPath
 * volume, no hostPort, procMount Default, seccomp not Unconfined, AppArmor RuntimeDefault/Localhost,
 * SELinux type among the container ones and no user/role, only the safe sysctls;</li>
 * <li>restricted: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and
 * secret volumes; allowPrivilegeEscalation false on every container; runAsNonRoot true (pod, or each
 * container) and never false on a container; runAsUser never 0; seccompProfile RuntimeDefault or Localhost
 * (pod, or each container); capabilities drop ALL and add nothing but NET_BIND_SERVICE.</li>
 * </ul>
 * Operator-managed objects (Strimzi Kafka/KafkaNodePool, CloudNativePG Cluster/Pooler) have their pods made
 * and secured by the operator; only the security contexts they set in their templates are checked, and
 * only for what they must not weaken.
 */
final class PodSecurity {

    static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> OPERATOR_GROUPS = Set.of("kafka.strimzi.io", "core.strimzi.io", "postgresql.cnpg.io");
    private static final Set<String> SECCOMP_RESTRICTED = Set.of("RuntimeDefault", "Localhost");
    private static final Map<String, String> POD_TEMPLATE = Map.of("Deployment", "spec.template",
            "StatefulSet", "spec.template", "DaemonSet", "spec.template", "ReplicaSet", "spec.template",
            "Job", "spec.template", "CronJob", "spec.jobTemplate.spec.template", "Pod", "");

    private PodSecurity() {
    }

    /** Every breach of the restricted profile by {@code object} (named {@code label}), with its JSON path. */
    static List<String> restricted(String label, JsonNode object) {
        String kind = object.path("kind").asText();
        List<String> found = new ArrayList<>();
        if (POD_TEMPLATE.containsKey(kind)) {
            String at = POD_TEMPLATE.get(kind);
            JsonNode template = at(object, at);
            pod(label + " at $" + (at.isEmpty() ? "" : "." + at), template.path("metadata"), template.path("spec"), found);
        } else if (OPERATOR_GROUPS.stream().anyMatch(g -> object.path("apiVersion").asText().startsWith(g + "/"))) {
            operatorTemplates(label + " at $.spec", object.path("spec"), found);
        }
        return found;
    }

    private static void pod(String at, JsonNode meta, JsonNode spec, List<String> found) {
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(host).asBoolean(false)) {
                found.add(at + ".spec." + host + ": must not be true");
            }
        }
        JsonNode psc = spec.path("securityContext");
        String pscAt = at + ".spec.securityContext";
        context(pscAt, psc, found);
        for (JsonNode s : psc.path("sysctls")) {
            if (!SAFE_SYSCTLS.contains(s.path("name").asText())) {
                found.add(pscAt + ".sysctls: " + s.path("name").asText() + " is not a safe sysctl");
            }
        }
        int i = 0;
        for (JsonNode v : spec.path("volumes")) {
            String name = v.path("name").asText();
            int index = i++;
            v.fieldNames().forEachRemaining(type -> {
                if (!type.equals("name") && !VOLUME_TYPES.contains(type)) {
                    found.add(at + ".spec.volumes[" + index + "] (" + name + "): a " + type + " volume is not allowed");
                }
            });
        }
        meta.path("annotations").properties().forEach(a -> {
            if (a.getKey().startsWith("container.apparmor.security.beta.kubernetes.io/")
                    && !a.getValue().asText().equals("runtime/default") && !a.getValue().asText().startsWith("localhost/")) {
                found.add(at + ".metadata.annotations." + a.getKey() + ": AppArmor must be runtime/default or localhost/*");
            }
        });
        boolean podNonRoot = psc.path("runAsNonRoot").asBoolean(false);
        boolean podSeccomp = SECCOMP_RESTRICTED.contains(psc.path("seccompProfile").path("type").asText());
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            int n = 0;
            for (JsonNode c : spec.path(list)) {
                String cAt = at + ".spec." + list + "[" + n++ + "] (" + c.path("name").asText() + ")";
                JsonNode sc = c.path("securityContext");
                String scAt = cAt + ".securityContext";
                context(scAt, sc, found);
                container(scAt, sc, found);
                if (!podNonRoot && !sc.path("runAsNonRoot").asBoolean(false)) {
                    found.add(scAt + ".runAsNonRoot: must be true (here or in the pod's securityContext)");
                }
                if (!podSeccomp && !SECCOMP_RESTRICTED.contains(sc.path("seccompProfile").path("type").asText())) {
                    found.add(scAt + ".seccompProfile.type: must be RuntimeDefault or Localhost (here or in the pod's securityContext)");
                }
                int p = 0;
                for (JsonNode port : c.path("ports")) {
                    if (port.path("hostPort").asInt(0) != 0) {
                        found.add(cAt + ".ports[" + p + "].hostPort: must be unset or 0");
                    }
                    p++;
                }
            }
        }
    }

    /** The checks a pod's and a container's securityContext share: what either must not set. */
    private static void context(String at, JsonNode sc, List<String> found) {
        if (sc.path("runAsNonRoot").isBoolean() && !sc.path("runAsNonRoot").asBoolean()) {
            found.add(at + ".runAsNonRoot: must not be false");
        }
        if (sc.has("runAsUser") && sc.path("runAsUser").asLong(-1) == 0) {
            found.add(at + ".runAsUser: must not be 0 (root)");
        }
        String seccomp = sc.path("seccompProfile").path("type").asText("");
        if (!seccomp.isEmpty() && !SECCOMP_RESTRICTED.contains(seccomp)) {
            found.add(at + ".seccompProfile.type: " + seccomp + " is not RuntimeDefault or Localhost");
        }
        String apparmor = sc.path("appArmorProfile").path("type").asText("");
        if (!apparmor.isEmpty() && !Set.of("RuntimeDefault", "Localhost").contains(apparmor)) {
            found.add(at + ".appArmorProfile.type: " + apparmor + " is not RuntimeDefault or Localhost");
        }
        JsonNode se = sc.path("seLinuxOptions");
        if (!SELINUX_TYPES.contains(se.path("type").asText(""))) {
            found.add(at + ".seLinuxOptions.type: " + se.path("type").asText() + " is not a container type");
        }
        if (se.has("user") || se.has("role")) {
            found.add(at + ".seLinuxOptions: user and role must not be set");
        }
        if (sc.path("windowsOptions").path("hostProcess").asBoolean(false)) {
            found.add(at + ".windowsOptions.hostProcess: must not be true");
        }
    }

    /** What only a container's securityContext must say. */
    private static void container(String at, JsonNode sc, List<String> found) {
        if (sc.path("privileged").asBoolean(false)) {
            found.add(at + ".privileged: must not be true");
        }
        if (!(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())) {
            found.add(at + ".allowPrivilegeEscalation: must be false");
        }
        if (!sc.path("procMount").asText("Default").equals("Default")) {
            found.add(at + ".procMount: must be Default");
        }
        List<String> drop = new ArrayList<>();
        sc.path("capabilities").path("drop").forEach(c -> drop.add(c.asText()));
        if (!drop.contains("ALL")) {
            found.add(at + ".capabilities.drop: must contain ALL");
        }
        sc.path("capabilities").path("add").forEach(c -> {
            if (!c.asText().equals("NET_BIND_SERVICE")) {
                found.add(at + ".capabilities.add: " + c.asText() + " is not allowed (only NET_BIND_SERVICE)");
            }
        });
    }

    /**
     * Strimzi's {@code template.pod} and {@code template.*Container}, CloudNativePG's {@code podSecurityContext},
     * {@code securityContext} and a Pooler's pod template: wherever such a context is set (at any depth, the
     * operator's free-form {@code config}/{@code parameters} aside), it must not weaken what the operator secures.
     */
    private static void operatorTemplates(String at, JsonNode node, List<String> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                operatorTemplates(at + "[" + i + "]", node.get(i), found);
            }
            return;
        }
        node.properties().forEach(e -> {
            String path = at + "." + e.getKey();
            JsonNode v = e.getValue();
            if ((e.getKey().equals("securityContext") || e.getKey().equals("podSecurityContext")) && v.isObject()) {
                context(path, v, found);
                if (v.path("privileged").asBoolean(false)) {
                    found.add(path + ".privileged: must not be true");
                }
                if (v.path("allowPrivilegeEscalation").asBoolean(false)) {
                    found.add(path + ".allowPrivilegeEscalation: must not be true");
                }
                v.path("capabilities").path("add").forEach(c -> {
                    if (!c.asText().equals("NET_BIND_SERVICE")) {
                        found.add(path + ".capabilities.add: " + c.asText() + " is not allowed (only NET_BIND_SERVICE)");
                    }
                });
            } else if (v.isContainerNode() && !e.getKey().equals("config") && !e.getKey().equals("parameters")) {
                operatorTemplates(path, v, found);
            }
        });
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.isEmpty() ? new String[0] : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }
}
