package com.allinone.commerce.queryside.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StuckForTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT10M", "P1D", "P3650D"})
    void takesADurationFromNothingToTenYears(String stuckFor) {
        Duration duration = AdminQueryController.duration(stuckFor);

        assertThat(Instant.now().minus(duration)).isBefore(Instant.now().plusSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT99999999999999H", "P3651D", "-PT1S", "-PT99999999999999H", "PT9223372036854775807S"})
    void refusesADurationNoFlowCouldHaveBeenStuckFor(String stuckFor) {
        assertThatThrownBy(() -> AdminQueryController.duration(stuckFor))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("stuckFor");
                    assertThat(e.reason()).contains("P3650D");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ages", "10m", "PT", "PT99999999999999999999H"})
    void refusesWhatIsNotADuration(String stuckFor) {
        assertThatThrownBy(() -> AdminQueryController.duration(stuckFor))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("stuckFor"));
    }
}
