package io.optionchain.engine.accounts;

import io.optionchain.engine.accounts.AccountFailover.Switch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static io.optionchain.engine.accounts.AccountRole.BACKUP;
import static io.optionchain.engine.accounts.AccountRole.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

/** The decision matrix row by row; every instant is given, so cool-downs and days pass in no time. */
class AccountFailoverTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Instant T0 = Instant.parse("2026-12-08T04:00:00Z"); // 09:30 IST
    private AccountFailover failover;

    @BeforeEach
    void threeAccountsOnTwoBrokers() {
        failover = new AccountFailover(FailoverHierarchy.of(List.of(
                new AccountProfile("zerodha-main", "zerodha", PRIMARY, 1),
                new AccountProfile("zerodha-backup", "zerodha", BACKUP, 1),
                new AccountProfile("dhan-backup", "dhan", BACKUP, 2))),
                FailoverSettings.defaults(), IST);
        for (String account : List.of("zerodha-main", "zerodha-backup", "dhan-backup")) {
            failover.answered(account, T0);
        }
        failover.connectionUp("zerodha-main", T0);
    }

    @Test
    void shouldStayOnTheHealthyPrimary() {
        assertThat(failover.decide(T0.plusSeconds(60))).isEmpty();
        assertThat(failover.active().name()).isEqualTo("zerodha-main");
        assertThat(failover.status().accounts()).extracting(AccountView::state)
                .containsExactly(AccountState.ACTIVE, AccountState.STANDBY, AccountState.STANDBY);
    }

    @Test
    void shouldMoveAtOnceToTheSameBrokersBackupOnAnAuthFailureAndKeepThePrimaryFailedUntilReEnabled() {
        failover.refused("zerodha-main", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0);

        Switch change = failover.decide(T0.plusMillis(5)).orElseThrow();
        assertThat(change.to().name()).isEqualTo("zerodha-backup");
        assertThat(change.level()).isEqualTo(2);
        assertThat(change.cause()).isEqualTo("auth failure: Invalid openalgo apikey");

        failover.answered("zerodha-main", T0.plus(Duration.ofHours(2)));
        assertThat(failover.decide(T0.plus(Duration.ofHours(2)))).as("a refused key stays out").isEmpty();
        assertThat(failover.status().accounts().get(0).state()).isEqualTo(AccountState.FAILED);

        failover.enable("zerodha-main", T0.plus(Duration.ofHours(3)));
        assertThat(failover.decide(T0.plus(Duration.ofHours(3)))).map(s -> s.to().name()).contains("zerodha-main");
    }

    @Test
    void shouldLeaveARateLimitedPrimaryForTheCoolDownAndGiveItsRoleBackOnceItAnswers() {
        failover.refused("zerodha-main", AccountFault.RATE_LIMITED, "Rate limit exceeded", T0);
        assertThat(failover.decide(T0).map(Switch::level)).contains(2);
        assertThat(failover.status().accounts().get(0).state()).isEqualTo(AccountState.COOLING_DOWN);

        failover.answered("zerodha-main", T0.plus(Duration.ofMinutes(5)));
        assertThat(failover.decide(T0.plus(Duration.ofMinutes(14)))).as("still cooling down").isEmpty();

        Optional<Switch> back = failover.decide(T0.plus(Duration.ofMinutes(15)));
        assertThat(back).map(s -> s.to().name()).contains("zerodha-main");
        assertThat(back.orElseThrow().cause()).startsWith("back to a better account");
        assertThat(failover.status().history()).extracting(FailoverRecord::to)
                .containsExactly("zerodha-backup", "zerodha-main");
    }

    @Test
    void shouldKeepASuspendedAccountOutForTheRestOfTheExchangesDay() {
        failover.refused("zerodha-main", AccountFault.SUSPENDED, "Account suspended by broker", T0);
        assertThat(failover.decide(T0)).map(s -> s.to().name()).contains("zerodha-backup");
        failover.answered("zerodha-main", T0.plus(Duration.ofHours(10)));
        // 2026-12-08 23:59 IST is still the same day
        assertThat(failover.decide(Instant.parse("2026-12-08T18:29:00Z"))).isEmpty();
        assertThat(failover.decide(Instant.parse("2026-12-08T18:30:00Z"))).map(s -> s.to().name())
                .contains("zerodha-main");
    }

    @Test
    void shouldReconnectOnALostConnectionAndSwitchOnlyAfterTheThirdLossWithinTheWindow() {
        failover.connectionLost("zerodha-main", T0);
        failover.connectionLost("zerodha-main", T0.plusSeconds(40)); // the first is out of the 30 s window
        failover.connectionLost("zerodha-main", T0.plusSeconds(50));
        assertThat(failover.decide(T0.plusSeconds(50))).isEmpty();

        failover.connectionLost("zerodha-main", T0.plusSeconds(60));
        Switch change = failover.decide(T0.plusSeconds(60)).orElseThrow();
        assertThat(change.level()).isEqualTo(2);
        assertThat(change.cause()).isEqualTo("connection lost 3 times within 30 s");
        assertThat(change.detectedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void shouldMoveToTheNextBrokerWhenEveryAccountOfTheActiveBrokerIsSilentAndItsSocketIsDown() {
        failover.connectionLost("zerodha-main", T0);
        failover.refused("zerodha-main", AccountFault.UNREACHABLE, "HTTP 503", T0.plusMillis(100));
        assertThat(failover.decide(T0.plusMillis(100))).as("its broker's backup still answers").isEmpty();

        failover.refused("zerodha-backup", AccountFault.UNREACHABLE, "HTTP 503", T0.plusMillis(300));
        Switch change = failover.decide(T0.plusMillis(300)).orElseThrow();
        assertThat(change.to().name()).isEqualTo("dhan-backup");
        assertThat(change.level()).isEqualTo(3);
        assertThat(change.cause()).isEqualTo("broker zerodha down: no account of it answers");

        failover.firstTick("dhan-backup", T0.plusMillis(700));
        assertThat(failover.status().history().get(0).msToFirstTick()).as("from the moment the broker was seen down").isEqualTo(400L);
    }

    @Test
    void shouldGoDegradedWhenNothingIsLeftAndRecoverWhenAnAccountAnswers() {
        failover.refused("zerodha-backup", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0);
        failover.refused("dhan-backup", AccountFault.SUSPENDED, "blocked", T0);
        failover.refused("zerodha-main", AccountFault.RATE_LIMITED, "Rate limit exceeded", T0);

        assertThat(failover.decide(T0)).isEmpty();
        assertThat(failover.status().degraded()).isTrue();
        assertThat(failover.anyUsable(T0)).isFalse();

        failover.answered("zerodha-main", T0.plus(Duration.ofMinutes(16)));
        assertThat(failover.decide(T0.plus(Duration.ofMinutes(16)))).isEmpty();
        assertThat(failover.status().degraded()).isFalse();
        assertThat(failover.active().name()).isEqualTo("zerodha-main");
    }

    @Test
    void shouldTakeBackAFailedKeyOnlyWhenNoAccountInGoodStandingIsLeft() {
        failover.refused("zerodha-main", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0);
        assertThat(failover.decide(T0)).map(s -> s.to().name()).contains("zerodha-backup");
        failover.answered("zerodha-main", T0.plusSeconds(60)); // the broker login is back
        assertThat(failover.decide(T0.plusSeconds(60))).as("others are usable: it stays failed").isEmpty();

        failover.refused("zerodha-backup", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0.plusSeconds(70));
        failover.refused("dhan-backup", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0.plusSeconds(70));
        assertThat(failover.anyUsable(T0.plusSeconds(70))).isTrue();
        assertThat(failover.decide(T0.plusSeconds(70))).map(s -> s.to().name()).contains("zerodha-main");
        assertThat(failover.status().degraded()).isFalse();
    }

    @Test
    void shouldResumeALoneAccountWhoseKeyIsAcceptedAgain() {
        AccountFailover alone = new AccountFailover(FailoverHierarchy.of(List.of(
                new AccountProfile("primary", "openalgo", PRIMARY, 1))), FailoverSettings.defaults(), IST);
        alone.refused("primary", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0);
        assertThat(alone.decide(T0)).isEmpty();
        assertThat(alone.status().degraded()).isTrue();
        assertThat(alone.anyUsable(T0)).isFalse();

        alone.answered("primary", T0.plusSeconds(5));
        assertThat(alone.anyUsable(T0.plusSeconds(5))).isTrue();
        assertThat(alone.decide(T0.plusSeconds(5))).isEmpty();
        assertThat(alone.status().degraded()).isFalse();
        assertThat(alone.status().accounts().get(0).state()).isEqualTo(AccountState.ACTIVE);
    }

    @Test
    void shouldNotRetryALoneAccountsKeyThatOnlyTheStreamRefusesUntilAnOperatorEnablesIt() {
        AccountFailover alone = new AccountFailover(FailoverHierarchy.of(List.of(
                new AccountProfile("primary", "openalgo", PRIMARY, 1))), FailoverSettings.defaults(), IST);
        alone.streamRefused("primary", AccountFault.AUTH_REFUSED, "authentication failed: Invalid API key", T0);
        alone.answered("primary", T0.plusMillis(300)); // REST still takes the key
        assertThat(alone.decide(T0.plusMillis(300))).isEmpty();
        assertThat(alone.status().degraded()).as("a ping REST answers is no proof the stream takes the key")
                .isTrue();
        assertThat(alone.anyUsable(T0.plusSeconds(5))).isFalse();
        assertThat(alone.status().accounts().get(0).state()).isEqualTo(AccountState.FAILED);

        alone.enable("primary", T0.plusSeconds(60));
        assertThat(alone.anyUsable(T0.plusSeconds(60))).isTrue();
        assertThat(alone.decide(T0.plusSeconds(60))).isEmpty();
        assertThat(alone.status().degraded()).isFalse();
    }

    @Test
    void shouldTakeBackAStreamRefusedKeyOnceRestRefusesItTooAndThenAcceptsIt() {
        AccountFailover alone = new AccountFailover(FailoverHierarchy.of(List.of(
                new AccountProfile("primary", "openalgo", PRIMARY, 1))), FailoverSettings.defaults(), IST);
        alone.streamRefused("primary", AccountFault.AUTH_REFUSED, "authentication failed: Invalid API key", T0);
        alone.refused("primary", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0.plusSeconds(1));
        alone.answered("primary", T0.plusSeconds(30)); // the broker's daily login done
        assertThat(alone.anyUsable(T0.plusSeconds(30))).isTrue();
        assertThat(alone.decide(T0.plusSeconds(30))).isEmpty();
        assertThat(alone.status().accounts().get(0).state()).isEqualTo(AccountState.ACTIVE);
    }

    @Test
    void shouldNotCallNothingLeftAtStartUpBeforeEveryAccountHasBeenHeardFrom() {
        AccountFailover starting = new AccountFailover(FailoverHierarchy.of(List.of(
                new AccountProfile("zerodha-main", "zerodha", PRIMARY, 1),
                new AccountProfile("zerodha-backup", "zerodha", BACKUP, 1))), FailoverSettings.defaults(), IST);
        starting.refused("zerodha-main", AccountFault.AUTH_REFUSED, "Invalid openalgo apikey", T0);
        assertThat(starting.decide(T0)).isEmpty();
        assertThat(starting.status().degraded()).as("the backup has not been pinged yet").isFalse();

        starting.answered("zerodha-backup", T0.plusMillis(25));
        assertThat(starting.decide(T0.plusMillis(25))).map(s -> s.to().name()).contains("zerodha-backup");
        assertThat(starting.status().degraded()).isFalse();
    }
}
