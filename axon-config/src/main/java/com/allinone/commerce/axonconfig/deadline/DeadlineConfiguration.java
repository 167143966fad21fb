package com.allinone.commerce.axonconfig.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Persistent deadlines (db-scheduler) wherever a node has a SQL database, built as Axon's own auto-configuration
 * builds them but tolerant of the cancel-while-firing race ({@link RaceTolerantDeadlineManager}). Axon's
 * configuration backs off because a DeadlineManager exists; its db-scheduler task finds this one by type.
 */
@AutoConfiguration(
        afterName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration",
        beforeName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
@ConditionalOnClass({Scheduler.class, DbSchedulerDeadlineManager.class})
@ConditionalOnBean(Scheduler.class)
public class DeadlineConfiguration {

    @Bean
    public DeadlineManager deadlineManager(Scheduler scheduler, Configuration configuration, Serializer serializer,
                                           TransactionManager transactionManager,
                                           DeadlineManagerSpanFactory spanFactory) {
        DbSchedulerDeadlineManager.Builder builder = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // The db-scheduler starter owns the scheduler's lifecycle.
                .startScheduler(false)
                .stopScheduler(false);
        return new RaceTolerantDeadlineManager(builder, scheduler);
    }
}
