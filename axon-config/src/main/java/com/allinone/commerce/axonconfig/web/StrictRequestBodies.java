package com.allinone.commerce.axonconfig.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Request bodies are read strictly, so that what a client meant is never guessed:
 * <ul>
 * <li>an unknown field (a price, total, owner or status a client tries to send) is a 400 naming it rather than
 * silently dropped;</li>
 * <li>a field sent twice is a 400, not "the last one wins";</li>
 * <li>anything after the JSON document (garbage, a second document) is a 400, not ignored;</li>
 * <li>a number must be a JSON number and a text a JSON string: {@code "1"} is not a quantity, {@code 1.5} is not
 * quietly truncated to 1, and {@code 123} is not a name;</li>
 * <li>text holds no {@link ControlCharacters control characters}.</li>
 * </ul>
 * Only the HTTP decoder is strict, and these checks live here rather than in the value types: Axon's serializer keeps
 * the shared, tolerant mapper, and the value types also rebuild stored events, which must stay readable.
 */
public class StrictRequestBodies implements CodecCustomizer {

    private final ObjectMapper strict;

    public StrictRequestBodies(ObjectMapper shared) {
        this.strict = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new PlainText()));
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setAcceptBlankAsEmpty(false);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }

    /** The mapper request bodies are read with (for tests of what it refuses). */
    ObjectMapper mapper() {
        return strict;
    }

    /** Text is a JSON string (not a number or boolean turned into one) without control characters. */
    private static final class PlainText extends StdScalarDeserializer<String> {

        /** Prose a shop writes in paragraphs: line breaks and tabs are text there, every other control is not. */
        private static final Set<String> MULTI_LINE_FIELDS = Set.of("description");
        private static final Pattern LINE_BREAKS_AND_TABS = Pattern.compile("[\\r\\n\\t]");

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            // Set.of refuses contains(null), and text in an array has no field name.
            String field = parser.currentName();
            boolean multiLine = field != null && MULTI_LINE_FIELDS.contains(field);
            if (ControlCharacters.foundIn(multiLine ? LINE_BREAKS_AND_TABS.matcher(text).replaceAll("") : text)) {
                throw new ControlCharactersInText(parser);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Jackson adds the JSON path of the field to it on the way out, so the 400 can name the field. */
    static final class ControlCharactersInText extends MismatchedInputException {

        ControlCharactersInText(JsonParser parser) {
            super(parser, "text with control characters", String.class);
        }
    }
}
