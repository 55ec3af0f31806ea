package io.peakgate.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The house rules on the source's import lines, so that even an import nothing uses (invisible in the
 * compiled classes) is refused: another domain is imported only from its root package (its front door
 * and the types it takes and returns; never its {@code service}, {@code repository}, {@code rest} or
 * other inner packages, never a repository), {@code platform} imports no domain, no cycle between domains.
 */
final class SourceImports {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);

    /** One source file: where it is and what it imports. */
    record Source(String name, String pkg, List<String> imports) {
    }

    private SourceImports() {
    }

    static List<Source> read(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> parse(root.relativize(p).toString(),
                    read(p.toString()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Source parse(String name, String text) {
        Matcher pkg = PACKAGE.matcher(text);
        List<String> imports = new ArrayList<>();
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
            String imported = m.group(2);
            if (m.group(1) != null && m.group(3) == null) {
                // a static import names a member: its class is what is imported
                imported = imported.substring(0, imported.lastIndexOf('.'));
            }
            imports.add(imported);
        }
        return new Source(name, pkg.find() ? pkg.group(1) : "", imports);
    }

    /** The domain of a package or class name under io.peakgate ({@code platform} included), or "" for none. */
    static String domain(String name) {
        if (!name.startsWith("io.peakgate.")) {
            return "";
        }
        String rest = name.substring("io.peakgate.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        // a class at the root (io.peakgate.PeakgateMain) belongs to no domain
        return !first.isEmpty() && Character.isLowerCase(first.charAt(0)) ? first : "";
    }

    /** Every import line that breaks a rule, and every cycle between domains, as readable lines. */
    static List<String> violations(List<Source> sources) {
        List<String> found = new ArrayList<>();
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Source s : sources) {
            String from = domain(s.pkg() + ".");
            for (String imported : s.imports()) {
                String to = domain(imported);
                if (from.isEmpty() || to.isEmpty() || to.equals(from)) {
                    continue;
                }
                String simple = imported.substring(imported.lastIndexOf('.') + 1);
                if (!to.equals("platform") && !packageOf(imported).equals("io.peakgate." + to)
                        || simple.endsWith("Repository")) {
                    found.add(s.name() + " imports " + imported + ": another domain's insides (use its front door)");
                }
                if (from.equals("platform")) {
                    found.add(s.name() + " imports " + imported + ": platform imports no domain");
                }
                edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            }
        }
        found.addAll(cycles(edges));
        return found;
    }

    /** The package of an imported type, nested types included ({@code a.b.Outer.Inner} is in {@code a.b}). */
    private static String packageOf(String imported) {
        String[] parts = imported.split("\\.");
        int end = parts.length;
        while (end > 0 && Character.isUpperCase(parts[end - 1].charAt(0))) {
            end--;
        }
        return String.join(".", java.util.Arrays.copyOf(parts, end));
    }

    private static List<String> cycles(Map<String, Set<String>> edges) {
        Set<String> reported = new TreeSet<>();
        for (String start : edges.keySet()) {
            walk(start, start, new LinkedHashSet<>(List.of(start)), edges, reported);
        }
        return reported.stream().map(c -> "cycle between domains: " + c).toList();
    }

    private static void walk(String start, String at, LinkedHashSet<String> path, Map<String, Set<String>> edges,
                             Set<String> reported) {
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                // one line per cycle whatever domain it was found from: start it at its smallest name
                int first = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
                List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
                rotated.addAll(cycle.subList(0, first));
                rotated.add(rotated.getFirst());
                reported.add(String.join(" -> ", rotated));
            } else if (!path.contains(next)) {
                path.add(next);
                walk(start, next, path, edges, reported);
                path.remove(next);
            }
        }
    }
}
