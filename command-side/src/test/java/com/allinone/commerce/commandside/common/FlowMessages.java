package com.allinone.commerce.commandside.common;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/** Expected events as {@link FlowEvents#applyInFlow} publishes them: tagged with the flow's correlation id. */
public final class FlowMessages {

    private FlowMessages() {
    }

    public static EventMessage<?> inFlow(String flowId, Object event) {
        return GenericEventMessage.asEventMessage(event)
                .withMetaData(MetaData.with(FlowCorrelationDataProvider.CORRELATION_ID, flowId));
    }
}
