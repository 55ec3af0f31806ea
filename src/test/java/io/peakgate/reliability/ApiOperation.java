package io.peakgate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One operation of the gateway's OpenAPI document, with its parameters and body schema ($refs resolved).
 * {@code errorsAs} is problem+json except for a page of the payer's browser (the sandbox's HTML) and a
 * protocol that answers in XML (the payment agents').
 */
record ApiOperation(String method, String path, List<Param> params, String mediaType, JsonNode bodySchema, boolean secured,
                    String errorsAs) {

    record Param(String name, String in, JsonNode schema) {
    }

    /** Every operation of every path in {@code doc}. */
    static List<ApiOperation> all(JsonNode doc) {
        List<ApiOperation> out = new ArrayList<>();
        boolean securedByDefault = doc.path("security").size() > 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    params.add(new Param(p.path("name").asText(), p.path("in").asText(), resolve(doc, p.path("schema"))));
                }
                String mediaType = null;
                JsonNode schema = MissingNode.getInstance();
                Iterator<Map.Entry<String, JsonNode>> content = op.getValue().path("requestBody").path("content").fields();
                if (content.hasNext()) {
                    Map.Entry<String, JsonNode> first = content.next();
                    mediaType = first.getKey();
                    schema = resolve(doc, first.getValue().path("schema"));
                }
                // secured: it takes the API key (partners prove themselves otherwise: agentBasic, smsSignature; [{}] is none)
                JsonNode security = op.getValue().path("security");
                boolean secured = security.isMissingNode() ? securedByDefault
                        : java.util.stream.StreamSupport.stream(security.spliterator(), false).anyMatch(r -> r.has("apiKey"));
                List<String> produces = new ArrayList<>();
                op.getValue().path("responses").path("200").path("content").fieldNames().forEachRemaining(produces::add);
                out.add(new ApiOperation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), params,
                        mediaType, schema, secured, produces.equals(List.of("text/html")) || produces.equals(List.of("application/xml"))
                        ? produces.getFirst() : "application/problem+json"));
            }
        }
        return out;
    }

    List<Param> in(String where) {
        return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** A body the document describes as a JSON object (as opposed to raw bytes or a form). */
    boolean takesJsonObject() {
        return "application/json".equals(mediaType) && "object".equals(bodySchema.path("type").asText());
    }

    boolean takesBody() {
        return mediaType != null;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** The schema with every {@code $ref} replaced by its target, to any depth. */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        return resolve(doc, schema, 0);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema, int depth) {
        if (depth > 32 || schema == null || schema.isMissingNode()) {
            return schema == null ? MissingNode.getInstance() : schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return resolve(doc, doc.at(ref.substring(1)), depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        var copy = schema.deepCopy();
        var obj = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
        if (schema.has("properties")) {
            var props = obj.putObject("properties");
            schema.get("properties").fields().forEachRemaining(e -> props.set(e.getKey(), resolve(doc, e.getValue(), depth + 1)));
        }
        if (schema.has("items")) {
            obj.set("items", resolve(doc, schema.get("items"), depth + 1));
        }
        return copy;
    }
}
