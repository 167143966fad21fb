package com.allinone.commerce.readmodels.common;

import com.mongodb.MongoBulkWriteException;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each batch of a projector's processor one {@link ProjectionBatch} and flushes it after the batch's last
 * event, still inside the unit of work and before it commits. Not in a prepare-commit handler: the processor
 * registers its token write there first, and a token store without transactions (MongoDB) would then store the token
 * before the read models, losing the batch if the flush failed. Here a failed flush fails the batch instead, and the
 * processor redelivers it whole.
 *
 * <p>Interceptors see every event of the batch, also those no handler of the projector takes, so the batch's last
 * event always passes here. When an event of the batch failed without being parked (an event a handler failed on
 * and the dead-letter queue took is not a failure of the batch), nothing is flushed.
 *
 * <p>A document MongoDB refuses to write (a bulk write error, not an outage) would fail its batch again on every
 * redelivery and hold up every other flow of the segment. So the flows of a batch whose flush was refused are
 * remembered, and a batch holding any of them is handled one event at a time: each event's write is then done inside
 * its handler, where a refused one parks only its own flow in the dead-letter queue, as without batching.
 */
public class ProjectionBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatchInterceptor.class);

    private final Set<String> refusedFlows = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final Runnable beforeWrite;

    /** For a processor whose writes nothing holds back (a rebuild's own projector). */
    public ProjectionBatchInterceptor() {
        this(() -> { });
    }

    /** @param beforeWrite runs before each flush and may refuse it by throwing (a read model being switched) */
    public ProjectionBatchInterceptor(Runnable beforeWrite) {
        this.beforeWrite = beforeWrite;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        ProjectionBatch batch = ProjectionBatch.openIn(unitOfWork, refusedFlows);
        Object result;
        try {
            result = interceptorChain.proceed();
        } catch (Exception | Error failed) {
            batch.fail();
            throw failed;
        }
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> events) || events.isLastMessage()) {
            flush(batch);
        }
        return result;
    }

    private void flush(ProjectionBatch batch) {
        if (batch.hasWrites()) {
            beforeWrite.run();
        }
        try {
            batch.flush();
            if (batch.isEventByEvent()) {
                refusedFlows.removeAll(batch.documentIds());
            }
        } catch (MongoBulkWriteException refused) {
            log.warn("A read-model write was refused; the batch's {} flows will be retried one event at a time: {}",
                    batch.documentIds().size(), refused.getMessage());
            refusedFlows.addAll(batch.documentIds());
            throw refused;
        }
    }
}
