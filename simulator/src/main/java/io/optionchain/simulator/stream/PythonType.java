package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Python calls a parsed JSON value, and whether Python would find it truthy: OpenAlgo's messages
 * quote both ("got float", {@code data.get("action") or data.get("type")}).
 */
final class PythonType {
    private PythonType() {
    }

    static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "NoneType";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isIntegralNumber()) {
            return "int";
        }
        if (value.isNumber()) {
            return "float";
        }
        if (value.isTextual()) {
            return "str";
        }
        return value.isArray() ? "list" : "dict";
    }

    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0.0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return value.size() > 0;
    }

    /** {@code str(value)} for the scalars that reach messages; JSON text for containers. */
    static String str(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
