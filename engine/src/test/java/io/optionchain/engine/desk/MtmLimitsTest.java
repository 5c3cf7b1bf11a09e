package io.optionchain.engine.desk;

import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LimitScope;
import io.optionchain.engine.positions.LimitState;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * MTM limits on the desk's ring, on its manual clock: the account's and a strategy's max loss, max profit and a
 * locked profit that trails, judged on realised plus unrealised P&amp;L at the exit side of the book; each fires
 * once, exits every open position of its scope with one order per leg, survives a restart, and refuses new
 * positions in its scope for the rest of the day.
 */
class MtmLimitsTest {
    private static final long LOT = 75;

    @TempDir
    Path data;
    private RiskRig rig;

    @BeforeEach
    void open() {
        rig = new RiskRig(data, RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)), new InMemoryBroker());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldExitEveryPositionOnceWhenTheAccountsMaxLossIsReachedAndRefuseNewOnesUntilTomorrow() {
        rig.desk.setLimits(new RiskLimits(new MtmLimit(5_000.0, null, null, null, null, null), Map.of()));
        long straddle = rig.open("straddle", ExitRules.stopAt(400), SHORT, LOT, 150, CE, PE).id();
        long hedge = rig.open("hedge", ExitRules.stopAt(5), LONG, LOT, 40, CE_OTM).id();
        rig.quote(CE, 140, 141);       // short CE: (150 - 141) × 75 = +675
        rig.quote(PE, 150, 151);       // short PE: −75
        rig.quote(CE_OTM, 38, 38.5);   // long OTM: (38 − 40) × 75 = −150
        assertThat(account().mtm()).isCloseTo(450, within(1e-6));

        rig.quote(PE, 209, 210);       // −4,500: −3,975 in all, short of the limit
        rig.work(2, 100);
        assertThat(rig.broker.orders()).isEmpty();
        assertThat(account().fired()).isNull();

        rig.quote(CE, 154, 155);       // −375 − 4,500 − 150 = −5,025
        rig.work(6, 300);
        assertThat(rig.position(straddle).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.position(hedge).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.position(straddle).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(hedge).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).as("one order per leg").hasSize(3);
        assertThat(rig.audit.of(AuditKind.LIMIT_FIRED)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(ExitReason.MAX_LOSS);
            assertThat(e.mark()).isCloseTo(-5_025, within(1e-6));
            assertThat(e.level()).isEqualTo(-5_000);
        });
        assertThat(account().fired()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(account().firedMtm()).isCloseTo(-5_025, within(1e-6));

        assertThatThrownBy(() -> rig.open("fresh", ExitRules.stopAt(400), SHORT, LOT, 150, CE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("account's max_loss limit fired");
        rig.restart();
        assertThatThrownBy(() -> rig.open("fresh", ExitRules.stopAt(400), SHORT, LOT, 150, CE))
                .as("after a restart too").isInstanceOf(IllegalStateException.class);
        assertThat(account().fired()).isEqualTo(ExitReason.MAX_LOSS);
        rig.quote(CE, 180, 181);
        rig.work(4, 300);
        assertThat(rig.broker.orders()).as("nothing sent twice").hasSize(3);

        rig.clock.advance(Duration.ofDays(1).toMillis());
        assertThat(account().fired()).as("a new day").isNull();
        assertThat(rig.open("fresh", ExitRules.stopAt(400), SHORT, LOT, 150, CE).state()).isEqualTo(PositionState.OPEN);
    }

    @Test
    void shouldExitOnlyTheStrategyWhoseMaxProfitIsReached() {
        rig.desk.setLimits(new RiskLimits(null, Map.of("straddle",
                new MtmLimit(null, 1_500.0, null, null, null, null))));
        long straddle = rig.open("straddle", ExitRules.stopAt(400), SHORT, LOT, 150, CE, PE).id();
        long other = rig.open("other", ExitRules.stopAt(400), SHORT, LOT, 150, CE_OTM).id();
        rig.quote(CE, 139, 140);        // +750
        rig.quote(PE, 139, 140);        // +750: 1,500, the target
        rig.quote(CE_OTM, 100, 101);    // the other strategy's profit counts nowhere else
        rig.work(6, 300);
        assertThat(rig.position(straddle).exitReason()).isEqualTo(ExitReason.MAX_PROFIT);
        assertThat(rig.position(other).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThatThrownBy(() -> rig.open("straddle", ExitRules.stopAt(400), SHORT, LOT, 150, CE))
                .hasMessageContaining("strategy straddle's max_profit limit fired");
        assertThat(rig.open("other", ExitRules.stopAt(400), SHORT, LOT, 150, CE).state())
                .isEqualTo(PositionState.OPEN);
    }

    @Test
    void shouldLockAProfitRaiseItEveryStepKeepItAcrossARestartAndExitWhenTheMtmFallsBackToIt() {
        rig.desk.setLimits(new RiskLimits(null, Map.of("scalp", new MtmLimit(null, null, 3_000.0, 1_000.0, 500.0,
                400.0))));
        long id = rig.open("scalp", ExitRules.stopAt(400), SHORT, LOT, 150, CE).id();
        rig.quote(CE, 140, 141);        // +675: nothing locked
        assertThat(scalp().floor()).isNull();
        rig.quote(CE, 109, 110);        // +3,000: 1,000 locked
        assertThat(scalp().floor()).isEqualTo(1_000);
        rig.quote(CE, 99, 100);         // +3,750: one step of 500 above, 1,400
        assertThat(scalp().floor()).isEqualTo(1_400);
        rig.quote(CE, 95, 96);          // +4,050: two steps, 1,800
        assertThat(scalp().floor()).isEqualTo(1_800);
        rig.quote(CE, 99, 100);         // back to 3,750: the floor never moves back
        assertThat(scalp().floor()).isEqualTo(1_800);
        rig.work(2, 300);               // the executor's sweep writes it down
        rig.restart();
        assertThat(scalp().floor()).as("kept across a restart").isEqualTo(1_800);

        rig.quote(CE, 122, 123);        // +2,025: above the floor
        rig.work(2, 100);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        rig.quote(CE, 125, 126);        // +1,800: back to the floor
        rig.work(6, 300);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.PROFIT_LOCK);
        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(scalp().fired()).isEqualTo(ExitReason.PROFIT_LOCK);
        assertThat(scalp().firedLevel()).isEqualTo(1_800);
    }

    @Test
    void shouldCountWhatPositionsThatEndedTodayRealisedEvenAfterTheyLeaveMemory() {
        rig.desk.setLimits(new RiskLimits(new MtmLimit(2_000.0, null, null, null, null, null), Map.of()));
        long lost = rig.open("first", ExitRules.stopAt(400), SHORT, LOT, 150, CE).id();
        rig.quote(CE, 165, 166);        // −1,200
        rig.quote(PE, 150, 151);
        rig.desk.exit(lost);
        rig.work(6, 300);
        double realised = rig.position(lost).realizedPnl();
        assertThat(realised).isLessThan(-1_000);

        rig.clock.advance(Duration.ofMinutes(2).toMillis());   // past retain_ended: it leaves memory
        assertThat(rig.desk.positions()).isEmpty();
        long second = rig.open("second", ExitRules.stopAt(400), SHORT, LOT, 150, PE).id();
        rig.quote(PE, 150, 151);        // −75: realised plus this is short of 2,000 while the realised is above −1,925
        assertThat(account().mtm()).isCloseTo(realised - 75, within(1e-6));
        double toLimit = -2_000 - realised;                     // what the open one may still lose
        double ask = 150 - toLimit / LOT;                       // the short PE's ask that loses exactly that
        rig.quote(PE, ask - 1, Math.ceil(ask * 20) / 20);
        rig.work(6, 300);
        assertThat(rig.position(second).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.audit.of(AuditKind.LIMIT_FIRED)).singleElement()
                .satisfies(e -> assertThat(e.mark()).isLessThanOrEqualTo(-2_000 + 1e-6));
    }

    @Test
    void shouldNotJudgeTheMtmWhileAHeldLegsQuoteIsStale() {
        rig.desk.setLimits(new RiskLimits(new MtmLimit(1_000.0, null, null, null, null, null), Map.of()));
        long ce = rig.open("a", ExitRules.stopAt(400), SHORT, LOT, 150, CE).id();
        long pe = rig.open("b", ExitRules.stopAt(400), SHORT, LOT, 150, PE).id();
        rig.quote(PE, 150, 151);
        rig.clock.advance(5_000);      // past max_quote_age: the PE's book is stale
        rig.quote(CE, 169, 170);       // −1,500 on the CE alone: beyond the limit, but the PE's price is not usable
        rig.work(2, 100);
        assertThat(rig.position(ce).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.desk.handler().unusableMtm()).isPositive();

        rig.quote(PE, 150, 151);       // fresh again: −1,575
        rig.work(6, 300);
        assertThat(rig.position(ce).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.position(pe).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
    }

    @Test
    void shouldKeepAFiredLimitWhenTheLimitsAreSetAgain() {
        RiskLimits limits = new RiskLimits(new MtmLimit(500.0, null, null, null, null, null), Map.of());
        rig.desk.setLimits(limits);
        rig.open("a", ExitRules.stopAt(400), SHORT, LOT, 150, CE);
        rig.quote(CE, 156, 157);       // −525
        rig.work(6, 300);
        assertThat(account().fired()).isEqualTo(ExitReason.MAX_LOSS);
        rig.desk.setLimits(new RiskLimits(new MtmLimit(50_000.0, null, null, null, null, null), Map.of()));
        assertThat(account().fired()).as("setting the limits again does not undo a firing").isNotNull();
        assertThatThrownBy(() -> rig.open("a", ExitRules.stopAt(400), SHORT, LOT, 150, CE))
                .isInstanceOf(IllegalStateException.class);
        rig.desk.setLimits(RiskLimits.none());
        assertThat(rig.desk.limitStates()).isEmpty();
        assertThat(rig.open("a", ExitRules.stopAt(400), SHORT, LOT, 150, CE).state()).isEqualTo(PositionState.OPEN);
    }

    @Test
    void shouldRefuseToStartOnALimitsFileItCannotReadNamingItsLine() throws Exception {
        rig.desk.setLimits(new RiskLimits(new MtmLimit(500.0, null, null, null, null, null), Map.of()));
        rig.close();
        Path file = data.resolve(LimitsFile.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("max_loss=500.0", "max_loss=lots"));
        assertThatThrownBy(() -> rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker()))
                .hasMessageContaining(file.toString()).hasMessageContaining("line 2")
                .hasMessageContaining("max_loss is not a number");
        Files.delete(file);
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
    }

    @Test
    void shouldLimitEachHoldingAccountOnItsOwnPositionsRealisedAndOpen() {
        rig.close();
        rig = new RiskRig(data.resolve("accounts"), RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)),
                Map.of("main", new InMemoryBroker(), "dhan", new InMemoryBroker()), "main",
                new ManualClock(RiskRig.START), new io.optionchain.engine.instrument.InstrumentRegistry(256),
                io.optionchain.engine.state.ChainStore.inMemory(256), true);
        assertThatThrownBy(() -> rig.desk.setLimits(new RiskLimits(null, Map.of(), Map.of("upstox",
                new MtmLimit(500.0, null, null, null, null, null))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accounts.upstox").hasMessageContaining("[main, dhan]");
        rig.desk.setLimits(new RiskLimits(null, Map.of(), Map.of("dhan",
                new MtmLimit(500.0, null, null, null, null, null))));
        long early = held("dhan", CE_OTM);
        rig.quote(CE_OTM, 152, 153);        // −225 on dhan's
        rig.desk.exit(early);
        rig.work(6, 300);
        double realised = rig.position(early).realizedPnl();
        rig.clock.advance(Duration.ofMinutes(2).toMillis());
        assertThat(rig.desk.positions()).as("it left memory").isEmpty();

        long main = held(null, CE);
        long dhan = held("dhan", PE);
        rig.quote(CE, 180, 181);            // −2,325 on the primary's: not dhan's business
        rig.quote(PE, 150, 151);            // −75 on dhan's
        assertThat(holding("dhan").mtm()).as("the realised of the one that left memory counts")
                .isCloseTo(realised - 75, within(1e-6));
        double ask = 150 + (500 + realised) / LOT;   // the ask at which dhan's MTM is −500
        rig.quote(PE, Math.floor(ask), Math.ceil(ask * 20) / 20 + 0.05);
        rig.work(6, 300);
        assertThat(rig.position(dhan).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.position(main).state()).as("the primary's is another account's").isEqualTo(PositionState.OPEN);
        assertThat(rig.brokers.get("dhan").orders()).hasSize(2);
        assertThat(rig.brokers.get("main").orders()).isEmpty();
        assertThatThrownBy(() -> held("dhan", CE)).hasMessageContaining("account dhan's max_loss limit fired");
        assertThat(rig.position(held(null, PE)).state()).isEqualTo(PositionState.OPEN);

        rig.restart();
        assertThat(holding("dhan").fired()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.desk.limits().accounts()).containsOnlyKeys("dhan");
    }

    private long held(String account, String symbol) {
        return rig.desk.open(new io.optionchain.engine.positions.PositionRequest("s-" + symbol, java.util.List.of(
                new io.optionchain.engine.positions.LegRequest(symbol, SHORT, LOT, 150)), ExitRules.stopAt(400), "MIS")
                .heldBy(account)).id();
    }

    private LimitState holding(String name) {
        return rig.desk.limitStates().stream().filter(s -> s.scope() == LimitScope.HOLDING_ACCOUNT
                && s.name().equals(name)).findFirst().orElseThrow();
    }

    private LimitState account() {
        return rig.desk.limitStates().stream().filter(s -> s.scope() == LimitScope.ACCOUNT).findFirst().orElseThrow();
    }

    private LimitState scalp() {
        return rig.desk.limitStates().stream().filter(s -> "scalp".equals(s.name())).findFirst().orElseThrow();
    }
}
