package com.allinone.commerce.axonconfig.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Request bodies are read strictly: an unknown field (a price, total, owner or status a client tries to send) is a
 * 400 naming it rather than silently dropped, and 1.5 is not quietly truncated to a quantity of 1. Only the HTTP
 * decoder is strict; Axon's serializer keeps the shared mapper, which must stay tolerant for event upcasting.
 */
public class StrictRequestBodies implements CodecCustomizer {

    private final ObjectMapper strict;

    public StrictRequestBodies(ObjectMapper shared) {
        this.strict = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @Override
    public void customize(org.springframework.http.codec.CodecConfigurer configurer) {
        configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }
}
