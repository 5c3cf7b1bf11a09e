package io.optionchain.benchmarks.soak;

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
        // 12 chains of 162 options and the two indices: about the 2,000 instruments
        assertThat(SoakConfig.INSTRUMENTS).isEqualTo(1_946);
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
