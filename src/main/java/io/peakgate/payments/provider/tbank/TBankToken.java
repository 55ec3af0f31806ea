package io.peakgate.payments.provider.tbank;

import com.fasterxml.jackson.databind.JsonNode;
import io.peakgate.platform.security.Signatures;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * T-Bank's request and notification token: the top-level scalar fields (not Token, not nested
 * objects or arrays) plus Password, sorted by name, their values concatenated, SHA-256 in hex.
 */
final class TBankToken {

    private TBankToken() {
    }

    static String of(JsonNode message, String password) {
        Map<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = message.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!field.getKey().equals("Token") && value.isValueNode() && !value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        fields.put("Password", password);
        return Signatures.sha256Hex(String.join("", fields.values()));
    }
}
