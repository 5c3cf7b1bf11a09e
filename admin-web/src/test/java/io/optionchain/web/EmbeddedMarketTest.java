package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code bin/optionchain} does with no arguments: the embedded simulated market, both chains served. */
class EmbeddedMarketTest {
    @Test
    void shouldServeBothChainsFromTheEmbeddedMarketWithNoFeedOptions(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        try (RunningApplication application = RunningApplication.in(data).start()) {
            assertThat(Files.isDirectory(data)).isTrue();
            for (String underlying : new String[] {"NIFTY", "BANKNIFTY"}) {
                JsonNode chain = application.http().awaitChain(underlying,
                        c -> !c.get("options").get(20).get("ce_data").get("bid").isNull());
                assertThat(chain.get("options")).as(underlying + " chain").hasSize(41);
                assertThat(chain.get("options").get(20).get("ce_data").get("bid").asDouble()).isPositive();
            }
        }
    }
}
