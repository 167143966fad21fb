package com.allinone.commerce.sagas.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

/**
 * {@value #METER}: how long each step of the order flow takes, tagged with what it handled (the event's type, or
 * {@code deadline:<name>}) and whether it went through. It wraps the saga's own handler methods, so it times only
 * steps a flow really took: a handler interceptor on the pooled processor would also time every segment that merely
 * looked for the event's saga and did not own it (one real step, and as many empty ones as the other segments).
 */
public class FlowStepTimer implements HandlerEnhancerDefinition {

    public static final String METER = "commerce.flow.steps";

    private final MeterRegistry registry;

    public FlowStepTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!OrderFulfillmentSaga.class.equals(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Timer.Sample sample = Timer.start(registry);
                String outcome = "failure";
                try {
                    Object result = super.handle(message, target);
                    outcome = "success";
                    return result;
                } finally {
                    sample.stop(Timer.builder(METER)
                            .description("Order flow steps: one saga handler call each")
                            .tag("event", handled(message))
                            .tag("outcome", outcome)
                            .register(registry));
                }
            }
        };
    }

    private static String handled(Message<?> message) {
        return message instanceof DeadlineMessage<?> deadline ? "deadline:" + deadline.getDeadlineName()
                : message.getPayloadType().getSimpleName();
    }
}
