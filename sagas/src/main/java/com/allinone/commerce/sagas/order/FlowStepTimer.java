package com.allinone.commerce.sagas.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * {@value #METER}: how long each step of the order flow takes, tagged with the event it handled and whether it went
 * through. A handler interceptor on the saga's processor, so it times the step itself (finding the saga, its
 * decision, the commands it sends), not the batch's commit.
 */
public class FlowStepTimer implements MessageHandlerInterceptor<EventMessage<?>> {

    public static final String METER = "commerce.flow.steps";

    private final MeterRegistry registry;

    public FlowStepTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            Object result = interceptorChain.proceed();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(METER)
                    .description("Order flow steps: one saga handler per event")
                    .tag("event", unitOfWork.getMessage().getPayloadType().getSimpleName())
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
