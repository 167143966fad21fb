package com.allinone.commerce.axonconfig.correlation;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Carries the order flow's identity from each message to everything it causes (DESIGN §3).
 *
 * <p>Axon's own {@code MessageOriginProvider} would set {@code correlationId} to the id of the causing message; here
 * it is the business flow (the orderId) instead, set explicitly by whoever starts the flow and then inherited, so an
 * auditor can pull a whole order timeline across aggregates by one key. The causal chain is kept too: {@code
 * causationId} is the causing message and {@code traceId} the first message of the chain. The acting user travels
 * the same way. Declaring a provider replaces Axon's default one, which is why this one covers every key.
 */
public class FlowCorrelationDataProvider implements CorrelationDataProvider {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String TRACE_ID = "traceId";
    public static final String USER = "user";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        if (correlationId != null) {
            data.put(CORRELATION_ID, correlationId);
        }
        data.put(CAUSATION_ID, message.getIdentifier());
        data.put(TRACE_ID, message.getMetaData().getOrDefault(TRACE_ID, message.getIdentifier()));
        Object user = message.getMetaData().get(USER);
        if (user != null) {
            data.put(USER, user);
        }
        return data;
    }
}
