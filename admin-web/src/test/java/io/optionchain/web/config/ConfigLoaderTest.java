package io.optionchain.web.config;

import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.PriceBand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheShippedConfig() {
        ApplicationConfig config = new ConfigLoader().load(SHIPPED);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.underlyings()).extracting(u -> u.name()).containsExactly("NIFTY", "BANKNIFTY");
        assertThat(config.underlyings()).as("the exchange's lots, the fallback to the server's")
                .extracting(u -> u.lotSize()).containsExactly(65, 30);
        assertThat(config.underlyings()).extracting(u -> u.tickSize()).containsExactly(0.05, 0.05);
        assertThat(config.underlyings().get(1).strikeStep()).isEqualByComparingTo("100");
        assertThat(config.underlyings().get(1).strikesEachSide()).isEqualTo(20);
        assertThat(config.underlyings()).extracting(u -> u.freezeQuantity()).containsExactly(1800, 600);
    }

    @Test
    void shouldSendExitsWholeForAnIndexWithoutAFreezeQuantity() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("underlyings.yaml"))
                .replaceAll("\\n\\s*freeze_quantity: \\d+[^\\n]*", "");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        ApplicationConfig config = new ConfigLoader().load(dir);
        assertThat(config.underlyings()).extracting(u -> u.freezeQuantity()).containsExactly(0, 0);
        assertThat(ContractSpec.fallback(config.underlyings().get(0)).sliceQuantity(1_820, 65)).isEqualTo(1_820);
    }

    @Test
    void shouldRefuseAFreezeQuantityThatIsNotAPositiveWholeNumberOfAtLeastALotNamingItsLine() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("underlyings.yaml"));
        for (String[] bad : new String[][] {
                {"1800.5", "freeze_quantity must be a positive whole number of units, got 1800.5"},
                {"0", "freeze_quantity must be a positive whole number of units, got 0"},
                {"-75", "freeze_quantity must be a positive whole number of units, got -75"},
                {"50", "freeze_quantity must be at least the lot size 65 (or left out), got 50"}}) {
            String text = shipped.replace("freeze_quantity: 1800", "freeze_quantity: " + bad[0]);
            Files.writeString(dir.resolve("underlyings.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("underlyings.yaml, line " + lineOf(text, "freeze_quantity: " + bad[0])
                            + ", underlyings[0].freeze_quantity: " + bad[1]);
        }
        Files.writeString(dir.resolve("underlyings.yaml"), shipped.replace("freeze_quantity: 1800",
                "freeze_quantity: lots"));
        assertThatThrownBy(() -> new ConfigLoader().load(dir)).hasMessageContaining("underlyings[0].freeze_quantity");
    }

    @Test
    void shouldTakeNsesOptionTickWhenAnIndexLeavesItOutAndRefuseOneThatIsNoStep() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("underlyings.yaml"));
        Files.writeString(dir.resolve("underlyings.yaml"), shipped.replaceAll("\\n\\s*tick_size: [^\\n]*", ""));
        assertThat(new ConfigLoader().load(dir).underlyings()).extracting(u -> u.tickSize()).containsExactly(0.05, 0.05);

        String text = shipped.replaceFirst("tick_size: 0.05", "tick_size: 0");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line " + lineOf(text, "tick_size: 0")
                        + ", underlyings[0].tick_size: tick_size must be above 0");
    }

    @Test
    void shouldTakeNsesPriceBandWhenAnIndexLeavesItOutAndAnotherWhenConfigured() throws IOException {
        assertThat(new ConfigLoader().load(SHIPPED).underlyings()).extracting(u -> u.priceBand())
                .containsExactly(PriceBand.NSE_INDEX_OPTIONS, PriceBand.NSE_INDEX_OPTIONS);
        copyShipped();
        String shipped = Files.readString(dir.resolve("underlyings.yaml"));
        Files.writeString(dir.resolve("underlyings.yaml"), shipped
                .replaceFirst("\\n\\s*limit_price_protection:[^\\n]*\\n\\s*percent: 40\\n\\s*minimum: 20", "")
                .replaceFirst("percent: 40\\n(\\s*)minimum: 20", "percent: 60\n$1minimum: 30"));
        assertThat(new ConfigLoader().load(dir).underlyings()).extracting(u -> u.priceBand())
                .containsExactly(PriceBand.NSE_INDEX_OPTIONS, new PriceBand(60, 30));
    }

    @Test
    void shouldRefuseABandThatIsNoBandNamingFileLineAndField() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("underlyings.yaml"));
        for (String[] bad : new String[][] {
                {"percent: 40", "percent: 0", "percent", "percent must be above 0 and at most 100, got 0.0"},
                {"percent: 40", "percent: 140", "percent", "percent must be above 0 and at most 100, got 140.0"},
                {"minimum: 20", "minimum: -5", "minimum", "minimum must be 0..10000 rupees, got -5.0"}}) {
            String text = shipped.replaceFirst(bad[0], bad[1]);
            Files.writeString(dir.resolve("underlyings.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("underlyings.yaml, line " + lineOf(text, bad[1])
                            + ", underlyings[0].limit_price_protection." + bad[2] + ": " + bad[3]);
        }
        String text = shipped.replaceFirst("\\n\\s*minimum: 20", "");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line " + lineOf(text, "percent: 40")
                        + ", underlyings[0].limit_price_protection.minimum: missing");
        text = shipped.replaceFirst("minimum: 20", "minimum: 20\n      width: 3");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line " + lineOf(text, "width: 3")
                        + ", underlyings[0].limit_price_protection.width: unknown field");
    }

    /** The exit tick moved to the contract data: an old application.yaml is told where, not ignored. */
    @Test
    void shouldSayWhereTheRisksTickSizeWent() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml"))
                .replace("  max_quote_age_ms:", "  tick_size: 0.05\n  max_quote_age_ms:");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "tick_size: 0.05") + ", risk.tick_size: moved")
                .hasMessageContaining("underlyings.yaml");
    }

    @Test
    void shouldStillNameAMissingFieldOfAnIndex() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("underlyings.yaml")).replace("    strike_step: 100\n", "");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line ")
                .hasMessageContaining("underlyings[1].strike_step: missing");
    }

    @Test
    void shouldNameFileLineAndFieldOfAnInvalidValue() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("underlyings.yaml")).replace("lot_size: 30", "lot_size: 0");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        int line = lineOf(text, "lot_size: 0");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("underlyings.yaml")
                .hasMessageContaining("lot_size must be positive, got 0")
                .hasMessageContaining("underlyings.yaml, line " + line + ", underlyings[1].lot_size: ");
    }

    @Test
    void shouldMonitorEveryNiftyExpiryTheMarketListsUpToTwelve() throws IOException {
        // NSE lists NIFTY weeklies, monthlies and quarterlies at once; the simulated market lists nine
        copyShipped();
        String text = Files.readString(dir.resolve("underlyings.yaml")).replaceFirst("expiries: 1", "expiries: 9");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThat(new ConfigLoader().load(dir).underlyings().get(0).expiries()).isEqualTo(9);

        text = text.replace("expiries: 9", "expiries: 13");
        Files.writeString(dir.resolve("underlyings.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line " + lineOf(text, "expiries: 13")
                        + ", underlyings[0].expiries: expiries must be 1..12, got 13");
    }

    @Test
    void shouldNameTheFeedFieldOutOfBoundsByItsYamlName() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml"))
                .replace("reconnect_max_ms: 30000", "reconnect_max_ms: 5");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "reconnect_max_ms: 5"))
                .hasMessageContaining("feed.reconnect_max_ms: reconnect_max_ms must be 10 ms..600000 ms, got 5 ms");
    }

    @Test
    void shouldReadTheTradingHoursSettingsWithTheTemplateLeftOut() throws IOException {
        ApplicationConfig shipped = new ConfigLoader().load(SHIPPED);
        assertThat(shipped.tradingHours().template()).as("left out: the feed's default").isNull();
        assertThat(shipped.tradingHours().connectBefore()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(shipped.tradingHours().cleanupAfter()).isEqualTo(java.time.Duration.ofMinutes(5));

        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml"))
                .replace("  connect_before_ms:", "  template: nse-fo\n  connect_before_ms:");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThat(new ConfigLoader().load(dir).tradingHours().template()).isEqualTo("nse-fo");

        Files.writeString(dir.resolve("application.yaml"), text.replace("template: nse-fo", "template: ../etc"));
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "  template: nse-fo")
                        + ", trading_hours.template: template must be a template's file name");
    }

    @Test
    void shouldRefuseTheOldTradingHoursKeysSayingTheyMovedIntoATemplate() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        for (String old : new String[] {"timezone: Asia/Kolkata", "open: \"09:15\"", "close: \"15:30\"",
                "days: [MON, TUE, WED, THU, FRI]", "holidays: [2026-01-26]"}) {
            String text = shipped.replace("  connect_before_ms:", "  " + old + "\n  connect_before_ms:");
            Files.writeString(dir.resolve("application.yaml"), text);
            String key = old.substring(0, old.indexOf(':'));
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application.yaml, line " + lineOf(text, old) + ", trading_hours." + key
                            + ": moved into the trading-hours templates, config/trading-hours/");
        }
    }

    @Test
    void shouldNameAnUnknownFieldAndItsLine() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml")).replace("  port: 7070", "  port: 7070\n  colour: red");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "colour: red"))
                .hasMessageContaining("server.colour: unknown field");
    }

    @Test
    void shouldNameAMissingFieldAtItsSectionsFirstLine() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml")).replace("  port: 7070", "");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "  host: ") + ", server.port: missing");
    }

    @Test
    void shouldCallAFileOfCommentsAloneEmpty() throws IOException {
        copyShipped();
        Files.writeString(dir.resolve("application.yaml"), "# everything commented out\n");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("application.yaml") + ": file is empty");
    }

    @Test
    void shouldReadTheFailoverSettingsOfTheFeed() throws IOException {
        assertThat(new ConfigLoader().load(SHIPPED).feed().failoverSettings())
                .isEqualTo(FailoverSettings.defaults());

        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        String text = shipped.replace("level1_attempts: 3", "level1_attempts: 5")
                .replace("level1_window_ms: 30000", "level1_window_ms: 10000")
                .replace("rate_limit_cooldown_ms: 900000", "rate_limit_cooldown_ms: 0")
                .replaceFirst("suspended_messages: \\[[^]]*]", "suspended_messages: [Frozen , on hold]");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThat(new ConfigLoader().load(dir).feed().failoverSettings()).isEqualTo(new FailoverSettings(5,
                Duration.ofSeconds(10), Duration.ZERO, List.of("frozen", "on hold")));
    }

    @Test
    void shouldRefuseBadFailoverSettingsNamingFileLineAndField() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        String[][] cases = {
                {"level1_attempts: 3", "level1_attempts: 0", "feed.level1_attempts: level1_attempts must be 1..20, got 0"},
                {"level1_attempts: 3", "level1_attempts: 21", "feed.level1_attempts: level1_attempts must be 1..20"},
                {"level1_window_ms: 30000", "level1_window_ms: 999",
                        "feed.level1_window_ms: level1_window_ms must be 1000..3600000, got 999"},
                {"rate_limit_cooldown_ms: 900000", "rate_limit_cooldown_ms: -1",
                        "feed.rate_limit_cooldown_ms: rate_limit_cooldown_ms must be 0..86400000, got -1"},
                {"suspended_messages: [", "suspended_messages: [\"  \", ",
                        "feed.suspended_messages: suspended_messages must be words, none blank (a blank one would"
                                + " match every refusal)"},
        };
        for (String[] bad : cases) {
            String text = shipped.replace(bad[0], bad[1]);
            Files.writeString(dir.resolve("application.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application.yaml, line " + lineOf(text, bad[1]) + ", " + bad[2]);
        }
        String text = shipped.replace("level1_window_ms: 30000", "level1_window_ms: soon");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "level1_window_ms: soon")
                        + ", feed.level1_window_ms");
    }

    @Test
    void shouldReadTheInterestRateOfTheChainsGreeksAsPercentAYearAndZeroWhenLeftOut() throws IOException {
        assertThat(new ConfigLoader().load(SHIPPED).optionChain().interestRate()).isZero();

        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        Files.writeString(dir.resolve("application.yaml"), shipped.replace("interest_rate: 0 ", "interest_rate: 6.5 "));
        assertThat(new ConfigLoader().load(dir).optionChain().interestRate()).isEqualTo(6.5);

        String withoutSection = shipped.substring(0, shipped.indexOf("option_chain:"));
        Files.writeString(dir.resolve("application.yaml"), withoutSection);
        assertThat(new ConfigLoader().load(dir).optionChain()).isEqualTo(OptionChainSettings.defaults());
    }

    @Test
    void shouldRefuseAnInterestRateThatIsNotAPercentageNamingFileLineAndField() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        for (String[] bad : new String[][] {
                {"650", "option_chain.interest_rate: interest_rate must be -10..50 (percent a year, as OpenAlgo's),"
                        + " got 650.0"},
                {"-11", "option_chain.interest_rate: interest_rate must be -10..50"},
                {"1e999", "option_chain.interest_rate: interest_rate must be -10..50 (percent a year, as OpenAlgo's),"
                        + " got Infinity"},
                {"six", "option_chain.interest_rate"}}) {
            String text = shipped.replace("interest_rate: 0 ", "interest_rate: " + bad[0] + " ");
            Files.writeString(dir.resolve("application.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application.yaml, line " + lineOf(text, "interest_rate: " + bad[0]) + ", "
                            + bad[1]);
        }
        String misnamed = shipped.replace("interest_rate: 0 ", "rate: 6.5 ");
        Files.writeString(dir.resolve("application.yaml"), misnamed);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(misnamed, "rate: 6.5")
                        + ", option_chain.interest_rate: missing");
    }

    @Test
    void shouldReadTheMisSquareOffTimeAndNameABadOne() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        assertThat(new ConfigLoader().load(dir).risk().misSquareOff()).isEqualTo(java.time.LocalTime.of(15, 15));
        Files.writeString(dir.resolve("application.yaml"), shipped.replace("mis_square_off_at: \"15:15\"",
                "mis_square_off_at: off"));
        assertThat(new ConfigLoader().load(dir).risk().misSquareOff()).isNull();
        String text = shipped.replace("mis_square_off_at: \"15:15\"", "mis_square_off_at: \"3:15 pm\"");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.yaml, line " + lineOf(text, "mis_square_off_at: \"3:15 pm\"")
                        + ", risk.mis_square_off_at: mis_square_off_at must be a time of day as HH:MM or HH:MM:SS");
    }

    @Test
    void shouldKeepTenDaysOfChainSeriesAsShippedAndWhenLeftOut() throws IOException {
        assertThat(new ConfigLoader().load(SHIPPED).optionChain().seriesDays()).isEqualTo(10);

        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        Files.writeString(dir.resolve("application.yaml"), shipped.replace("series_days: 10 ", "series_days: 30 "));
        assertThat(new ConfigLoader().load(dir).optionChain().seriesDays()).isEqualTo(30);

        String leftOut = shipped.replaceAll("\\n  series_days: 10 [^\\n]*(\\n {20,}#[^\\n]*)*", "");
        assertThat(leftOut).doesNotContain("series_days");
        Files.writeString(dir.resolve("application.yaml"), leftOut);
        assertThat(new ConfigLoader().load(dir).optionChain()).as("a file from before the series")
                .isEqualTo(new OptionChainSettings(0, 10));
    }

    @Test
    void shouldRefuseSeriesDaysOutsideOneToNinetyNamingFileLineAndField() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        for (String[] bad : new String[][] {
                {"0", "option_chain.series_days: series_days must be 1..90 (exchange days of chain series kept,"
                        + " today's included), got 0"},
                {"91", "option_chain.series_days: series_days must be 1..90"},
                {"ten", "option_chain.series_days"}}) {
            String text = shipped.replace("series_days: 10 ", "series_days: " + bad[0] + " ");
            Files.writeString(dir.resolve("application.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application.yaml, line " + lineOf(text, "series_days: " + bad[0]) + ", "
                            + bad[1]);
        }
    }

    @Test
    void shouldNameAWronglyTypedField() throws IOException {
        copyShipped();
        String text = Files.readString(dir.resolve("application.yaml")).replaceFirst("ring_size: \\d+", "ring_size: lots");
        Files.writeString(dir.resolve("application.yaml"), text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml, line " + lineOf(text, "ring_size: lots"))
                .hasMessageContaining("engine.ring_size");
    }

    @Test
    void shouldReadWebhooksAndTelegramWithTheDefaultKindsAndNothingWhenTheSectionIsLeftOut() throws IOException {
        assertThat(new ConfigLoader().load(SHIPPED).alerts().webhooks()).as("shipped: nothing is sent").isEmpty();
        assertThat(new ConfigLoader().load(SHIPPED).alerts().telegram().enabled()).isFalse();

        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        Files.writeString(dir.resolve("application.yaml"), shipped.replace("  webhooks: []", "  webhooks:\n"
                + "    - name: desk-slack\n"
                + "      url: https://hooks.slack.com/services/T000/B000/XXXX\n"
                + "    - name: fills\n"
                + "      url: http://127.0.0.1:9000/hook?token=abc\n"
                + "      kinds: [FILL, LIMIT_FIRED]").replace("enabled: false", "enabled: true")
                .replace("username: \"\"", "username: john_trader"));
        ApplicationConfig config = new ConfigLoader().load(dir);
        assertThat(config.alerts().webhooks()).extracting(AlertsConfig.Webhook::name).containsExactly("desk-slack",
                "fills");
        assertThat(config.alerts().webhooks().get(0).kindSet()).contains("TRIGGER", "FILL", "EXIT_FAILED",
                "FEED_DOWN", "LIMIT_FIRED").doesNotContain("OPENED", "ORDER_SENT");
        assertThat(config.alerts().webhooks().get(1).kindSet()).containsExactlyInAnyOrder("FILL", "LIMIT_FIRED");
        assertThat(config.alerts().telegram().username()).isEqualTo("john_trader");
        assertThat(config.describe()).as("the start-up log names hosts, never a token")
                .contains("desk-slack", "hooks.slack.com").doesNotContain("XXXX", "token=abc", "/services/");

        Files.writeString(dir.resolve("application.yaml"), shipped.substring(0, shipped.indexOf("alerts:")));
        assertThat(new ConfigLoader().load(dir).alerts()).isEqualTo(AlertsConfig.defaults());
    }

    @Test
    void shouldRefuseBadAlertSettingsNamingFileLineAndFieldButNeverTheUrl() throws IOException {
        copyShipped();
        String shipped = Files.readString(dir.resolve("application.yaml"));
        String[][] cases = {
                {"  webhooks: []", "  webhooks:\n    - name: desk\n      url: hooks.slack.com/services/T000/B000/XXXX",
                        "url: hooks", "alerts.webhooks[0].url: url must be an absolute http or https URL"},
                {"  webhooks: []", "  webhooks:\n    - name: desk\n      url: ftp://u:XXXX@files.example/x",
                        "url: ftp", "alerts.webhooks[0].url: url must be an absolute http or https URL"},
                {"  webhooks: []", "  webhooks:\n    - name: Desk Slack\n      url: https://h.example/XXXX",
                        "name: Desk", "alerts.webhooks[0].name: name must be 1-32 of a-z"},
                {"  webhooks: []", "  webhooks:\n    - name: d\n      url: https://h.example/XXXX\n      kinds: [TRIGGR]",
                        "kinds: [TRIGGR]", "alerts.webhooks[0].kinds: kinds must name at least one of"},
                {"queue_size: 1024 ", "queue_size: 0 ", "queue_size: 0", "alerts.queue_size: queue_size must be"
                        + " 1..100000, got 0"},
                {"max_attempts: 5 ", "max_attempts: 11 ", "max_attempts: 11", "alerts.max_attempts: max_attempts"
                        + " must be 1..10, got 11"},
                {"enabled: false", "enabled: true", "username: \"\"", "alerts.telegram.username: username must be the"
                        + " OpenAlgo login user name"}};
        for (String[] bad : cases) {
            String text = shipped.replace(bad[0], bad[1]);
            Files.writeString(dir.resolve("application.yaml"), text);
            assertThatThrownBy(() -> new ConfigLoader().load(dir)).as(bad[1])
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application.yaml, line " + lineOf(text, bad[2]) + ", " + bad[3])
                    .hasMessageNotContaining("XXXX");
        }
    }

    @Test
    void shouldReportBrokenYamlAndMissingFiles() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("application.yaml: file not found");
        copyShipped();
        Files.writeString(dir.resolve("underlyings.yaml"), "underlyings:\n  - name: [NIFTY\n");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("underlyings.yaml, line");
    }

    private void copyShipped() throws IOException {
        for (String file : new String[] {ConfigLoader.APPLICATION_FILE, ConfigLoader.UNDERLYINGS_FILE}) {
            Files.copy(SHIPPED.resolve(file), dir.resolve(file));
        }
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in file");
    }
}
