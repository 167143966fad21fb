package com.allinone.commerce.axonconfig.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class NodeEnvironmentDefaultsTest {

    @TempDir
    Path dataDir;

    private final NodeEnvironmentDefaults defaults = new NodeEnvironmentDefaults();

    @Test
    void usesJacksonForEveryAxonSerializer() {
        MockEnvironment env = environment();
        defaults.apply(env, true);
        assertThat(env.getProperty("axon.serializer.general")).isEqualTo("jackson");
        assertThat(env.getProperty("axon.serializer.events")).isEqualTo("jackson");
        assertThat(env.getProperty("axon.serializer.messages")).isEqualTo("jackson");
    }

    @Test
    void switchesTheAxonServerConnectorOffWhenNoServersAreNamed() {
        MockEnvironment env = environment();
        defaults.apply(env, true);
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("false");
    }

    @Test
    void switchesTheAxonServerConnectorOnWhenServersAreNamed() {
        MockEnvironment env = environment().withProperty("axon.axonserver.servers", "axonserver:8124");
        defaults.apply(env, true);
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("true");
    }

    @Test
    void putsAnH2FileInTheDataFolderWhenNoDatabaseIsConfigured() {
        MockEnvironment env = environment();
        defaults.apply(env, true);
        assertThat(env.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:async:" + dataDir.resolve("commerce") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=100;QUERY_CACHE_SIZE=256");
        assertThat(env.getProperty("spring.autoconfigure.exclude")).isNull();
    }

    @Test
    void keepsAConfiguredDatabase() {
        MockEnvironment env = environment().withProperty("spring.datasource.url", "jdbc:postgresql://db/commerce");
        defaults.apply(env, true);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/commerce");
    }

    @Test
    void aNodeWithoutH2AndWithoutADatabaseHasNoSqlAtAll() {
        MockEnvironment env = environment();
        defaults.apply(env, false);
        assertThat(env.getProperty("spring.datasource.url")).isNull();
        assertThat(env.getProperty("spring.autoconfigure.exclude"))
                .contains("DataSourceAutoConfiguration", "FlywayAutoConfiguration");
    }

    @Test
    void explicitSettingsWinOverDefaults() {
        MockEnvironment env = environment().withProperty("axon.serializer.events", "cbor");
        defaults.apply(env, true);
        assertThat(env.getProperty("axon.serializer.events")).isEqualTo("cbor");
    }

    private MockEnvironment environment() {
        return new MockEnvironment().withProperty("DATA_DIR", dataDir.toString());
    }
}
