package io.peakgate.platform.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets are compared in constant time: no signature, hash, MAC, secret, password or key is
 * compared with equals (which stops at the first difference) anywhere in the gateway's code; such
 * checks go through {@link Signatures#same} or {@link Secret#matches} (MessageDigest.isEqual).
 */
class ConstantTimeComparisonTest {

    private static final String SECRETISH = "(?i)\\w*(signature|hash|hmac|digest|secret|password|apikey|privatekey|secretkey)\\w*";
    private static final Pattern EQUALS = Pattern.compile(
            "(" + SECRETISH + "(\\(\\))?\\s*\\.\\s*(equals|equalsIgnoreCase|contentEquals)\\s*\\("
                    + "|\\.\\s*(equals|equalsIgnoreCase|contentEquals)\\s*\\(\\s*" + SECRETISH
                    + "|Arrays\\s*\\.\\s*equals\\s*\\()");

    @Test
    void noSecretIsComparedWithEquals() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EQUALS.matcher(lines.get(i));
                    if (m.find()) {
                        hits.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(hits).as("secret comparisons not in constant time").isEmpty();
    }

    @Test
    void theGuardRecognisesAPlainComparison() {
        assertThat(EQUALS.matcher("if (!expected.equals(signature)) {").find()).isTrue();
        assertThat(EQUALS.matcher("return hash.equals(received);").find()).isTrue();
        assertThat(EQUALS.matcher("Arrays.equals(hmac, other)").find()).isTrue();
        assertThat(EQUALS.matcher("if (!Signatures.same(expected, signature)) {").find()).isFalse();
    }
}
