package com.allinone.commerce.axonconfig.commands;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The local command bus, as Axon's auto-configuration builds it, but with each command in a <em>nested</em>
 * transaction (a savepoint) when one is already running.
 *
 * <p>Why: the saga sends commands from inside its own event-handling transaction, so that the step, its commands'
 * events, its new state and its deadlines commit together. With Axon's default (join the running transaction) a
 * command the aggregate refuses marks the whole saga transaction rollback-only, and a refusal the saga expects and
 * handles (CancelShipment after dispatch) would then fail the step forever. A savepoint rolls back only the refused
 * command. Without a running transaction (HTTP requests) a nested transaction is an ordinary one.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class SavepointCommandBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    @ConditionalOnMissingBean(value = CommandBus.class, ignoredType = {
            "org.axonframework.axonserver.connector.command.AxonServerCommandBus",
            "org.axonframework.commandhandling.distributed.DistributedCommandBus"})
    public SimpleCommandBus commandBus(TransactionManager axonTransactionManager,
                                       ObjectProvider<PlatformTransactionManager> platformTransactionManager,
                                       org.axonframework.config.Configuration axonConfiguration,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        PlatformTransactionManager sql = platformTransactionManager.getIfUnique();
        TransactionManager perCommand = sql == null ? axonTransactionManager
                : new SpringTransactionManager(sql,
                        new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .transactionManager(perCommand)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(
                axonConfiguration.correlationDataProviders()));
        return commandBus;
    }
}
