package com.allinone.commerce.commandside.common;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * An unknown aggregate id surfaces from the repository before any handler runs; as a plain exception it would lose
 * its meaning on the way back through Axon Server. Turned into a rejection it stays a 404 everywhere.
 */
public class RejectionTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException notFound) {
            throw RejectedCommand.notFound("not-found", "No such " + describe(unitOfWork.getMessage()));
        }
    }

    private static String describe(CommandMessage<?> command) {
        String name = command.getPayloadType().getPackageName();
        return name.substring(name.lastIndexOf('.') + 1).replace("shipping", "shipment").replace("catalog", "product");
    }
}
