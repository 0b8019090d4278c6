package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        AnalysisSettings.RateSpike rate = AnalysisSettings.DEFAULTS.rateSpike();
        assertThat(rate.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rate.threshold()).isEqualTo(3.0);
        assertThat(rate.minSamples()).isEqualTo(10);
        assertThat(AnalysisSettings.DEFAULTS.withCooldown(Duration.ofSeconds(5)).cooldown()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aWrongValueIsNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> new AnalysisSettings.RateSpike(Duration.ofMillis(1500), 3.0, 10, 10))
                .hasMessage("rateSpike.window must be a whole number of seconds from 1 to 86400, not PT1.5S");
        assertThatThrownBy(() -> new AnalysisSettings.RateSpike(Duration.ofSeconds(60), -1, 10, 10))
                .hasMessage("rateSpike.threshold must be a positive number, not -1.0");
        assertThatThrownBy(() -> new AnalysisSettings.RateSpike(Duration.ofSeconds(5), 3.0, 10, 10))
                .hasMessage("rateSpike.minSamples (10) cannot exceed the window's 5 seconds");
        assertThatThrownBy(() -> new AnalysisSettings.SynFlood(Duration.ZERO, 100))
                .hasMessage("synFlood.window must be a positive duration, not PT0S");
        assertThatThrownBy(() -> new AnalysisSettings.PortScan(Duration.ofSeconds(60), 1, 100))
                .hasMessage("portScan.ports must be at least 2, not 1");
        assertThatThrownBy(() -> new AnalysisSettings.Dns(Duration.ofSeconds(60), 20, 1.5, 100, 4.0, 20))
                .hasMessage("dns.nxdomainRatio must be above 0 and at most 1, not 1.5");
        assertThatThrownBy(() -> new AnalysisSettings.Flows(0, Duration.ZERO))
                .hasMessage("flows.maxFlows must be at least 1, not 0");
        assertThatThrownBy(() -> AnalysisSettings.DEFAULTS.withCooldown(Duration.ofSeconds(-1)))
                .hasMessage("cooldown must be zero or positive, not PT-1S");
    }
}
