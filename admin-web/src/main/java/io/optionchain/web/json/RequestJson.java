package io.optionchain.web.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of JSON request bodies: strict where a lenient parser would let two readers of the same body
 * disagree. A key given twice ({@code {"lots":1,"lots":500}}) is refused rather than resolved to the last,
 * and a parse error quotes at most 64 characters of the body.
 */
public final class RequestJson {
    private static final int QUOTED_CHARACTERS = 64;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(QUOTED_CHARACTERS).maxRawContentLength(QUOTED_CHARACTERS).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RequestJson() {
    }

    /**
     * @return the body's top-level object
     * @throws IllegalArgumentException when the body is not one JSON object, or repeats a key; the message names
     *                                  the key, or says where the JSON breaks
     */
    public static JsonNode object(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            Matcher duplicate = DUPLICATE.matcher(reason == null ? "" : reason);
            if (duplicate.matches()) {
                throw new IllegalArgumentException("body gives the key " + InputText.shown(duplicate.group(1))
                        + " more than once; give each key once");
            }
            throw new IllegalArgumentException("body must be JSON: " + reason
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return node;
    }
}
