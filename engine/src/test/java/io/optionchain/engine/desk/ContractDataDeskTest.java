package io.optionchain.engine.desk;

import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The desk checks, slices and prices positions by the contract data their chain opened with (the server's), not by
 * the configured fallback: the rig's config still has the seed's NIFTY lot of 75, the exchange lists 65.
 */
class ContractDataDeskTest {
    /** The expiry of {@link RiskRig#CE}. */
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);

    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldAcceptSixtyFiveNiftyUnitsOnceTheChainSaysSixtyFiveAndRefuseThemWhileTheLotIsSeventyFive() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        assertThatThrownBy(() -> rig.open("a", ExitRules.stopAt(80), LONG, 65, 100, CE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity 65 of " + CE + " is not a whole number of lots of 75");

        rig.contracts.record("NIFTY", EXPIRY, new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));

        Position opened = rig.open("a", ExitRules.stopAt(80), LONG, 65, 100, CE);
        assertThat(opened.legs().get(0).lots()).isEqualTo(1);
        assertThat(rig.desk.lotSize(CE)).isEqualTo(65);
        assertThat(rig.desk.lotSize("NIFTY30DEC2524500CE")).as("an expiry no chain watches: the nearest one's")
                .isEqualTo(65);
        assertThatThrownBy(() -> rig.open("b", ExitRules.stopAt(80), LONG, 75, 100, CE))
                .hasMessageContaining("not a whole number of lots of 65");
    }

    @Test
    void shouldSliceAnExitByTheFreezeQuantityTheChainOpenedWith() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.contracts.record("NIFTY", EXPIRY, new ContractSpec(65, 0.05, 650, ContractSource.SERVER));
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_365, 100, CE).id(); // 21 lots: 10 + 10 + 1

        assertThat(rig.position(id).legs().get(0).slices()).extracting(Position.Slice::quantity)
                .containsExactly(650L, 650L, 65L);
        rig.quote(CE, 80, 80.5);
        rig.work(6, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).extracting(o -> o.placed.quantity()).containsExactly(650L, 650L, 65L);
    }

    @Test
    void shouldPriceAnExitLimitOnTheTickTheChainOpenedWith() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.contracts.record("NIFTY", EXPIRY, new ContractSpec(75, 0.10, 1_800, ContractSource.SERVER));
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();

        rig.quote(CE, 79.95, 80.45); // bid − the 1-rupee buffer is 78.95: on a 0.10 grid, 78.90
        rig.work();

        assertThat(rig.broker.orders()).extracting(o -> o.placed.price()).containsExactly(78.9);
        assertThat(rig.position(id).state()).isIn(PositionState.EXITING, PositionState.CLOSED);
    }
}
