package io.optionchain.benchmarks.soak;

import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakConfigTest {
    private static final Path SHIPPED = Path.of("..", "config");

    @Test
    void shouldChangeOnlyTheExpiriesAndTheSpareStrikesOfTheShippedConfig(@TempDir Path target) throws IOException {
        SoakConfig.write(SHIPPED, target);

        String underlyings = Files.readString(target.resolve("underlyings.yaml"));
        assertThat(underlyings.indexOf("expiries: 9")).isGreaterThan(underlyings.indexOf("name: NIFTY"))
                .isLessThan(underlyings.indexOf("name: BANKNIFTY"));
        assertThat(underlyings.indexOf("expiries: 3")).isGreaterThan(underlyings.indexOf("name: BANKNIFTY"));
        assertThat(Files.readString(target.resolve("application.yaml"))).contains("spare_strikes: 20");
        assertThat(changedLines("underlyings.yaml", target)).allMatch(line -> line.contains("expiries:"));
        assertThat(changedLines("application.yaml", target)).singleElement().asString().contains("spare_strikes:");
        // the application refuses to start without the template it follows (the soak names always-open)
        assertThat(Files.readString(target.resolve("trading-hours/always-open.json")))
                .isEqualTo(Files.readString(SHIPPED.resolve("trading-hours/always-open.json")));
        assertThat(target.resolve("trading-hours/nse-fo.json")).exists();
        // 12 chains of 162 options and the two indices: about the 2,000 instruments
        assertThat(SoakConfig.INSTRUMENTS).isEqualTo(1_946);
    }

    @Test
    void shouldRunTheSeparateMarketWithTheSeedAndPaceTheShippedConfigGivesTheEmbeddedOne() {
        SimulatorConfig market = SoakConfig.market(SHIPPED, "soak-key");

        assertThat(market.seed()).isEqualTo(42);
        assertThat(market.ticksPerSecond()).isEqualTo(400);
        assertThat(market.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldReadTheMarketsValuesFromTheSimulatorSectionOnly() {
        String yaml = "engine:\n  seed: 7\nsimulator:\n  # a comment\n  ticks_per_second: 250\n  seed: 9\n"
                + "dashboard:\n  ticks_per_second: 4\n";
        assertThat(SoakConfig.simulatorValue(yaml, "seed")).isEqualTo(9);
        assertThat(SoakConfig.simulatorValue(yaml, "ticks_per_second")).isEqualTo(250);
        assertThatThrownBy(() -> SoakConfig.simulatorValue("simulator:\n  seed: 9\ndashboard:\n  ticks_per_second: 4\n",
                "ticks_per_second"))
                .hasMessage("application.yaml has no 'ticks_per_second:' under 'simulator:', which the soak's "
                        + "separate market copies");
    }

    private static List<String> changedLines(String file, Path target) throws IOException {
        List<String> shipped = Files.readAllLines(SHIPPED.resolve(file));
        List<String> written = Files.readAllLines(target.resolve(file));
        assertThat(written).hasSameSizeAs(shipped);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < shipped.size(); i++) {
            if (!shipped.get(i).equals(written.get(i))) {
                changed.add(written.get(i));
            }
        }
        return changed;
    }

    @Test
    void shouldRefuseAConfigThatNoLongerHasTheShapeTheSoakExpects() {
        assertThatThrownBy(() -> SoakConfig.set("underlyings:\n  - name: NIFTY\n    expiries: 1\n", "underlyings.yaml",
                "expiries", List.of(9, 3)))
                .hasMessage("underlyings.yaml holds 1 'expiries:' lines, the soak expects 2 (NIFTY then BANKNIFTY"
                        + " where there are two)");
    }
}
