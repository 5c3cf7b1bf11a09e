package io.optionchain.web.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code feed} section of {@code application.yaml} as a person edits it: the hot standby switch above all. */
class FeedConfigTest {
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    @Test
    void shouldShipWithoutAHotStandby() {
        FeedConfig feed = new ConfigLoader().load(SHIPPED).feed();
        assertThat(feed.hotStandby()).isFalse();
        assertThat(feed.poolSettings().hotStandby()).isFalse();
        assertThat(feed.poolSettings().maxConnections()).isEqualTo(3);
    }

    @Test
    void shouldGiveThePoolATwinSocketPerConnectionWhenHotStandbyIsOn() throws IOException {
        write(shipped().replace("hot_standby: false", "hot_standby: true"));
        assertThat(new ConfigLoader().load(dir).feed().poolSettings().hotStandby()).isTrue();
    }

    @Test
    void shouldReadALeftOutHotStandbyAsOff() throws IOException {
        write(shipped().replaceAll("\\n  hot_standby: false[^\\n]*\\n[^\\n]*\\n", "\n"));
        assertThat(Files.readString(dir.resolve("application.yaml"))).doesNotContain("hot_standby");
        assertThat(new ConfigLoader().load(dir).feed().poolSettings().hotStandby()).isFalse();
    }

    @Test
    void shouldNameFileLineAndFieldOfAHotStandbyThatIsNotTrueOrFalse() throws IOException {
        String text = shipped().replace("hot_standby: false", "hot_standby: maybe");
        write(text);
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.yaml, line " + lineOf(text, "hot_standby: maybe")
                        + ", feed.hot_standby: ")
                .hasMessageContaining("maybe");
    }

    private String shipped() throws IOException {
        for (String file : new String[] {ConfigLoader.APPLICATION_FILE, ConfigLoader.UNDERLYINGS_FILE}) {
            Files.copy(SHIPPED.resolve(file), dir.resolve(file));
        }
        return Files.readString(dir.resolve(ConfigLoader.APPLICATION_FILE));
    }

    private void write(String application) throws IOException {
        Files.writeString(dir.resolve(ConfigLoader.APPLICATION_FILE), application);
    }

    private static int lineOf(String text, String fragment) {
        return text.substring(0, text.indexOf(fragment)).split("\n", -1).length;
    }
}
