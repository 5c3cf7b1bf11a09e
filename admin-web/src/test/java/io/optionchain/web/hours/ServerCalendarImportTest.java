package io.optionchain.web.hours;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.gateway.rest.OpenAlgoMarketCalendar;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAlgo's calendar, as the simulator serves it over real HTTP, merged into the active template. */
class ServerCalendarImportTest {
    private static final String KEY = "calendar-import-key-7c2a";
    private static final Path SHIPPED = Path.of("..", "config");
    private static final Clock DECEMBER = Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldTakeTheServersHolidaysAndTheMuhuratWindowFromItsTimings(@TempDir Path data) throws Exception {
        // a template whose muhurat is wrong and which does not know Holi: the server knows both
        TradingHoursStore store = storeWithEditedNse(data);
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withClock(DECEMBER))) {
            int dates = importer(market, store).importNow();
            assertThat(dates).isGreaterThanOrEqualTo(16);
        }
        TradingCalendar calendar = store.active();
        Holiday holi = calendar.template().holiday(LocalDate.of(2026, 3, 3)).orElseThrow();
        assertThat(holi.source()).isEqualTo(HolidaySource.OPENALGO);
        assertThat(calendar.sessionAt(ist("2026-03-03T11:00"))).isEqualTo(MarketSession.HOLIDAY);
        assertThat(calendar.sessionAt(ist("2026-11-08T18:30"))).as("the server's window, 18:00-19:00")
                .isEqualTo(MarketSession.SPECIAL);
        assertThat(calendar.sessionAt(ist("2026-11-08T17:30"))).as("the template said 17:00").isNotEqualTo(
                MarketSession.SPECIAL);
        assertThat(Files.readString(data.resolve("trading-hours/nse-fo.json"))).as("the server is never written")
                .doesNotContain("2026-03-03");
    }

    @Test
    void shouldLeaveATemplateThatFollowsNoExchangeAsItIs(@TempDir Path data) throws Exception {
        TradingHoursStore store = TradingHoursStore.open(SHIPPED, data, "always-open", null, "always-open");
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withClock(DECEMBER))) {
            importer(market, store).importNow();
        }
        assertThat(store.active().sessionAt(ist("2026-12-25T11:00"))).as("a 24x7 market has no Christmas")
                .isEqualTo(MarketSession.OPEN);
        assertThat(store.active().nextOpen(ist("2026-12-24T11:00"))).isEmpty();
    }

    private static TradingHoursStore storeWithEditedNse(Path data) throws Exception {
        Path edited = data.resolve("trading-hours");
        Files.createDirectories(edited);
        String nse = Files.readString(SHIPPED.resolve("trading-hours/nse-fo.json"));
        String wrong = nse.replaceAll("\\{[^{}]*\"2026-03-03\"[^{}]*},?", "")
                .replace("\"normal\": [\"18:00\", \"19:00\"]", "\"normal\": [\"17:00\", \"19:00\"]");
        assertThat(wrong).doesNotContain("2026-03-03").contains("[\"17:00\", \"19:00\"]");
        Files.writeString(edited.resolve("nse-fo.json"), wrong);
        return TradingHoursStore.open(SHIPPED, data, "nse-fo", null, "nse-fo");
    }

    private static ServerCalendarImport importer(OpenAlgoSimulator market, TradingHoursStore store) {
        return new ServerCalendarImport(new OpenAlgoMarketCalendar(new OpenAlgoRestClient(market.restUrl(), KEY,
                Duration.ofSeconds(5))), store, DECEMBER);
    }

    private static Instant ist(String local) {
        return ZonedDateTime.parse(local + ":00+05:30[Asia/Kolkata]").toInstant();
    }
}
