package io.optionchain.web.hours;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.json.InputText;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A template's JSON with the line each key and value starts on, so {@link TemplateReader} can say where a mistake
 * is. Strict where a lenient parser would let two readers disagree: a key given twice is refused, not resolved to
 * the last.
 */
final class TemplateText {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder(STRICT).build();

    private final String source;
    private final JsonNode root;
    /** Line of every key and value by its JSON pointer ("/weekdays/MON/normal/1"). */
    private final Map<String, Integer> lines;

    private TemplateText(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /**
     * @param source what errors call the text: its file, or "request body"
     * @throws ConfigException when the text is not one JSON value, or gives a key twice
     */
    static TemplateText parse(String source, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ConfigException(source + ": empty; a template is one JSON object", null);
            }
            return new TemplateText(source, root, lines(text));
        } catch (JsonParseException e) {
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
            String at = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            if (reason.startsWith("Duplicate field")) {
                String key = reason.replaceAll("^Duplicate field '(.*)'$", "$1");
                Where where = e.getProcessor() != null
                        ? Where.of(e.getProcessor().getParsingContext()).field(key) : Where.TOP.field(key);
                throw new ConfigException(source + at + ": " + where.dotted() + ": given twice; give each key once", e);
            }
            throw new ConfigException(source + at + ": not valid JSON: " + InputText.message(reason), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid JSON: " + InputText.message(e.getMessage()), e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The error for {@code where}, on its line, or on the nearest enclosing one when it is missing. */
    ConfigException fail(Where where, String problem) {
        Integer line = null;
        for (Where at = where; line == null && at != null; at = at.parent()) {
            line = lines.get(at.pointer());
        }
        return new ConfigException(source + (line == null ? "" : " line " + line) + ": " + where.dotted() + ": "
                + problem, null);
    }

    /** Where each key and value starts; read after the tree, so the text is known to be JSON. */
    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            return lines; // read whole once already; an error here would have been reported there
        }
        return lines;
    }
}
