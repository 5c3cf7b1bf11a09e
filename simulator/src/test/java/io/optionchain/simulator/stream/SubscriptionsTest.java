package io.optionchain.simulator.stream;

import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsTest {
    private static final SimulatedSymbol CALL =
            SimulatedSymbol.option(SimulatedIndex.NIFTY, LocalDate.of(2026, 12, 8), 25_000, true);

    @Test
    void shouldKeepAWatchedOptionTickingUntilEveryDeskWatchingItLetsGo() {
        Subscriptions subscriptions = new Subscriptions();
        subscriptions.watch(CALL); // one account's working order
        subscriptions.watch(CALL); // another account's, in the same option

        subscriptions.unwatch(CALL);
        assertThat(subscriptions.options()).as("the other account's order must still fill")
                .extracting(Subscriptions.Route::symbol).containsExactly(CALL);

        subscriptions.unwatch(CALL);
        assertThat(subscriptions.options()).isEmpty();
        subscriptions.unwatch(CALL);
        assertThat(subscriptions.options()).isEmpty();
    }
}
