package io.optionchain.web.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamAcceptTest {
    @Test
    void shouldAdmitAnyTypeWhenTheHeaderIsMissingOrEmpty() {
        assertThat(EventStreamAccept.admits(null)).isTrue();
        assertThat(EventStreamAccept.admits("")).isTrue();
        assertThat(EventStreamAccept.admits("  ")).isTrue();
    }

    @Test
    void shouldAdmitTheTypeItselfOrAWildcardWithWeightAboveZero() {
        assertThat(EventStreamAccept.admits("text/event-stream")).isTrue();
        assertThat(EventStreamAccept.admits("Text/Event-Stream; charset=utf-8")).isTrue();
        assertThat(EventStreamAccept.admits("text/*")).isTrue();
        assertThat(EventStreamAccept.admits("*/*;q=0.1")).isTrue();
        assertThat(EventStreamAccept.admits("application/json, text/event-stream;q=0.5")).isTrue();
        assertThat(EventStreamAccept.admits("text/event-stream;q=oops")).isTrue();
    }

    @Test
    void shouldRefuseWhenNoRangeMatchesOrTheMostSpecificOneWeighsZero() {
        assertThat(EventStreamAccept.admits("application/json")).isFalse();
        assertThat(EventStreamAccept.admits("text/html, application/*")).isFalse();
        assertThat(EventStreamAccept.admits("text/event-stream;q=0")).isFalse();
        assertThat(EventStreamAccept.admits("*/*, text/event-stream; q=0.0")).isFalse();
        assertThat(EventStreamAccept.admits("text/*;q=0, */*")).isFalse();
    }

    @Test
    void shouldLetTheMostSpecificRangeDecideWhicheverWayItWeighs() {
        assertThat(EventStreamAccept.admits("*/*;q=0, text/event-stream")).isTrue();
        assertThat(EventStreamAccept.admits("text/*;q=0, text/event-stream;q=0.2")).isTrue();
    }
}
