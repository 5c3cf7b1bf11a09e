package io.optionchain.engine.desk;

import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position's timed square-off ({@code square_off_at}), on the desk's manual clock: at its time and not a tick
 * before, one exit order per leg, exactly once; kept across a restart; the first such time after the position
 * opened, so one opened later in the day squares off the next day; never a second way out.
 */
class SquareOffTest {
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    /** 25 Nov 2025, the rig's day. */
    private static final ZonedDateTime DAY = ZonedDateTime.of(2025, 11, 25, 0, 0, 0, 0, INDIA);
    private static final LocalTime FIFTEEN_FIFTEEN = LocalTime.of(15, 15);

    @TempDir
    Path data;
    private RiskRig rig;

    @BeforeEach
    void open() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldExitAtItsTimeOnceAndNotASecondBefore() {
        at(15, 0, 0);
        long straddle = rig.open("straddle", ExitRules.stopAt(400).withSquareOffAt(FIFTEEN_FIFTEEN), SHORT, 75, 150,
                CE, PE).id();
        long unset = rig.open("hedge", ExitRules.stopAt(5), LONG, 75, 30, CE_OTM).id();
        quote();

        at(15, 14, 59);
        rig.work(1, 0);
        assertThat(rig.position(straddle).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.broker.orders()).isEmpty();

        at(15, 15, 0);
        rig.work(6, 300);
        assertThat(rig.position(straddle).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(straddle).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.broker.orders()).as("one order per leg").hasSize(2);
        assertThat(rig.audit.of(AuditKind.TRIGGER)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(ExitReason.SQUARE_OFF));
        assertThat(rig.position(unset).state()).as("no square-off set").isEqualTo(PositionState.OPEN);

        rig.restart();
        rig.work(4, 300);
        assertThat(rig.broker.orders()).as("nothing again after a restart").hasSize(2);
    }

    @Test
    void shouldKeepItsTimeAcrossARestartAndFireOnceAfterIt() {
        at(10, 0, 0);
        long id = rig.open("straddle", ExitRules.stopAt(400).withSquareOffAt(LocalTime.of(15, 15, 30)), SHORT, 75,
                150, CE, PE).id();
        rig.restart();
        quote();
        at(15, 15, 29);
        rig.work(1, 0);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        at(15, 16, 0);   // the process was down at 15:15:30: it squares off as soon as it looks
        rig.work(1, 0);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        rig.restart();   // killed before any order: the journalled trigger is worked, not fired again
        rig.work(6, 300);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
    }

    @Test
    void shouldSquareOffAPositionOpenedAfterItsTimeTheNextDay() {
        at(15, 20, 0);
        long id = rig.open("carry", ExitRules.stopAt(400).withSquareOffAt(FIFTEEN_FIFTEEN), SHORT, 75, 150, CE).id();
        quote();
        at(23, 59, 0);
        rig.work(2, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.clock.set(DAY.plusDays(1).withHour(15).withMinute(15).toInstant().toEpochMilli());
        quote();
        rig.work(6, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    @Test
    void shouldSendNothingMoreWhenAStopGotThereFirst() {
        at(15, 0, 0);
        long id = rig.open("scalp", ExitRules.stopAt(80).withSquareOffAt(FIFTEEN_FIFTEEN), LONG, 75, 100, CE).id();
        rig.quote(CE, 79.5, 80);                  // the stop
        rig.work(6, 300);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.STOP);

        at(15, 15, 0);
        rig.work(4, 300);
        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.audit.of(AuditKind.TRIGGER)).hasSize(1);
    }

    @Test
    void shouldSquareOffAnMisPositionWithoutATimeOfItsOwnAtTheDefault() {
        rig.misSquareOff = FIFTEEN_FIFTEEN;
        rig.restart();
        at(15, 0, 0);
        long mis = rig.open("intraday", ExitRules.stopAt(400), SHORT, 75, 150, CE).id();
        long own = rig.open("intraday", ExitRules.stopAt(400).withSquareOffAt(LocalTime.of(15, 20)), SHORT, 75, 150,
                PE).id();
        long carried = rig.desk.open(new io.optionchain.engine.positions.PositionRequest("carry", java.util.List.of(
                new io.optionchain.engine.positions.LegRequest(CE_OTM, SHORT, 75, 40)), ExitRules.stopAt(400),
                "NRML")).id();
        assertThat(rig.position(mis).rules().squareOffAt()).isEqualTo(FIFTEEN_FIFTEEN);
        assertThat(rig.position(carried).rules().squareOffAt()).as("not MIS").isNull();

        at(15, 15, 0);
        rig.work(6, 300);
        assertThat(rig.position(mis).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.position(own).state()).as("its own time wins").isEqualTo(PositionState.OPEN);
        assertThat(rig.position(carried).state()).isEqualTo(PositionState.OPEN);
        at(15, 20, 0);
        rig.work(6, 300);
        assertThat(rig.position(own).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.broker.orders()).hasSize(2);
    }

    @Test
    void shouldSquareOffEveryOpenPositionOfAStrategyAtItsTimeTheEarlierOfItsAndAPositionsOwn() {
        at(14, 0, 0);
        long first = rig.open("straddle", ExitRules.stopAt(400), SHORT, 75, 150, CE).id();
        long earlier = rig.open("straddle", ExitRules.stopAt(400).withSquareOffAt(LocalTime.of(14, 30)), SHORT, 75,
                150, PE).id();
        long later = rig.open("straddle", ExitRules.stopAt(400).withSquareOffAt(LocalTime.of(15, 20)), SHORT, 75,
                40, CE_OTM).id();
        long other = rig.open("other", ExitRules.stopAt(5), LONG, 75, 30, CE_OTM).id();
        // set after the positions opened: it applies to them too, and survives a restart
        rig.desk.setLimits(new io.optionchain.engine.positions.RiskLimits(null, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of("straddle", LocalTime.of(15, 0))));
        rig.restart();

        at(14, 30, 0);
        rig.work(6, 300);
        assertThat(rig.position(earlier).exitReason()).as("its own, earlier").isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.position(first).state()).isEqualTo(PositionState.OPEN);
        at(14, 59, 59);
        rig.work(1, 0);
        assertThat(rig.position(first).state()).isEqualTo(PositionState.OPEN);
        at(15, 0, 0);
        rig.work(6, 300);
        assertThat(rig.position(first).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.position(later).exitReason()).as("the strategy's, earlier than its own")
                .isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.position(other).state()).as("another strategy").isEqualTo(PositionState.OPEN);
        assertThat(rig.broker.orders()).hasSize(3);
        assertThat(rig.desk.limits().squareOffs()).containsEntry("straddle", LocalTime.of(15, 0));
    }

    @Test
    void shouldSquareOffEarlierOnAShortenedDayByAsMuchAsTheCloseIs() {
        // the rig's Tuesday, 25 Nov 2025, closes at 13:00 in a special session instead of 15:30: 15:15 is 12:45
        io.optionchain.engine.hours.SessionWindow normal = new io.optionchain.engine.hours.SessionWindow(
                LocalTime.of(9, 15), LocalTime.of(15, 30));
        java.util.Map<java.time.DayOfWeek, io.optionchain.engine.hours.DaySessions> weekdays = new java.util.HashMap<>();
        for (java.time.DayOfWeek day : java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)) {
            weekdays.put(day, io.optionchain.engine.hours.DaySessions.normalOnly(normal));
        }
        rig.calendar = new io.optionchain.engine.hours.TradingCalendar(new io.optionchain.engine.hours.TradingTemplate(
                "short-day", INDIA, weekdays, java.util.List.of(), java.util.List.of(
                new io.optionchain.engine.hours.SpecialSession(DAY.toLocalDate(), "closes early",
                        new io.optionchain.engine.hours.SessionWindow(LocalTime.of(9, 15), LocalTime.of(13, 0))))));
        rig.restart();
        at(10, 0, 0);
        long shortened = rig.open("intraday", ExitRules.stopAt(400).withSquareOffAt(FIFTEEN_FIFTEEN), SHORT, 75, 150,
                CE).id();
        at(12, 44, 59);
        rig.work(1, 0);
        assertThat(rig.position(shortened).state()).isEqualTo(PositionState.OPEN);
        at(12, 45, 0);
        rig.work(6, 300);
        assertThat(rig.position(shortened).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);

        // the next day trades to 15:30 again: a position opened after 12:45 waits for 15:15 tomorrow
        at(13, 30, 0);
        long carried = rig.open("intraday", ExitRules.stopAt(400).withSquareOffAt(FIFTEEN_FIFTEEN), SHORT, 75, 150,
                PE).id();
        rig.clock.set(DAY.plusDays(1).withHour(15).withMinute(14).toInstant().toEpochMilli());
        quote();
        rig.work(2, 300);
        assertThat(rig.position(carried).state()).isEqualTo(PositionState.OPEN);
        rig.clock.set(DAY.plusDays(1).withHour(15).withMinute(15).toInstant().toEpochMilli());
        quote();
        rig.work(6, 300);
        assertThat(rig.position(carried).exitReason()).isEqualTo(ExitReason.SQUARE_OFF);
        assertThat(rig.broker.orders()).hasSize(2);
    }

    /** The clock at that time of the day, and fresh quotes: an exit is priced only off a current book. */
    private void at(int hour, int minute, int second) {
        rig.clock.set(DAY.withHour(hour).withMinute(minute).withSecond(second).toInstant().toEpochMilli());
        quote();
    }

    private void quote() {
        rig.quote(CE, 140, 141);
        rig.quote(PE, 150, 151);
        rig.quote(CE_OTM, 38, 38.5);
    }
}
