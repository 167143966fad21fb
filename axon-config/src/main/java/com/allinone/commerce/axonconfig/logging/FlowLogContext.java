package com.allinone.commerce.axonconfig.logging;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts the flow a message belongs to (its {@code correlationId}: the orderId, or the SKU of a catalog change) and the
 * user who started it into the logging context while a command handler, saga step, projector or query handler runs,
 * so every line logged there names them. Both travel as message metadata ({@link FlowCorrelationDataProvider}), also
 * through Axon Server. Registered by Axon's Spring Boot support on the command bus, the query bus and every event
 * processor, for any {@link MessageHandlerInterceptor} bean.
 *
 * <p>With the logger {@value #LOGGER} at DEBUG every handled message is logged once: a flow can then be followed
 * message by message in the log without a tracing backend.
 */
public class FlowLogContext implements MessageHandlerInterceptor<Message<?>> {

    public static final String FLOW = FlowCorrelationDataProvider.CORRELATION_ID;
    public static final String USER = FlowCorrelationDataProvider.USER;
    public static final String LOGGER = "com.allinone.commerce.flow";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Map<String, Object> metaData = message.getMetaData();
        // A handler may send a command that is handled on this very thread (a saga on the local bus): give the
        // outer handler its context back afterwards rather than clearing it.
        try (MdcEntry flow = MdcEntry.put(FLOW, metaData.get(FLOW));
             MdcEntry user = MdcEntry.put(USER, metaData.get(USER))) {
            log.debug("Handling {}", message.getPayloadType().getSimpleName());
            return interceptorChain.proceed();
        }
    }

    /** One MDC key set for a while, then back to what it was. */
    private record MdcEntry(String key, String previous) implements AutoCloseable {

        static MdcEntry put(String key, Object value) {
            MdcEntry entry = new MdcEntry(key, MDC.get(key));
            if (value != null) {
                MDC.put(key, value.toString());
            } else {
                MDC.remove(key);
            }
            return entry;
        }

        @Override
        public void close() {
            if (previous != null) {
                MDC.put(key, previous);
            } else {
                MDC.remove(key);
            }
        }
    }
}
