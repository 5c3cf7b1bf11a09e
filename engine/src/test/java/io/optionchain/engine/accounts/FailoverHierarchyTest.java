package io.optionchain.engine.accounts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.optionchain.engine.accounts.AccountRole.BACKUP;
import static io.optionchain.engine.accounts.AccountRole.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverHierarchyTest {

    @Test
    void shouldPutThePrimaryFirstThenItsBrokersBackupsThenOtherBrokersEachByPriority() {
        FailoverHierarchy hierarchy = FailoverHierarchy.of(List.of(
                new AccountProfile("dhan-1", "dhan", BACKUP, 1),
                new AccountProfile("zerodha-2", "zerodha", BACKUP, 5),
                new AccountProfile("angel-1", "angel", BACKUP, 0),
                new AccountProfile("zerodha-main", "zerodha", PRIMARY, 9),
                new AccountProfile("zerodha-3", "zerodha", BACKUP, 2),
                new AccountProfile("dhan-2", "dhan", BACKUP, 1)));

        assertThat(hierarchy.order()).extracting(AccountProfile::name)
                .containsExactly("zerodha-main", "zerodha-3", "zerodha-2", "angel-1", "dhan-1", "dhan-2");
        assertThat(hierarchy.rank("angel-1")).isEqualTo(3);
        assertThat(FailoverHierarchy.level(hierarchy.primary(), hierarchy.named("zerodha-3"))).isEqualTo(2);
        assertThat(FailoverHierarchy.level(hierarchy.primary(), hierarchy.named("dhan-1"))).isEqualTo(3);
    }

    @Test
    void shouldRefuseNoPrimaryTwoPrimariesAndADuplicateName() {
        AccountProfile a = new AccountProfile("a", "x", PRIMARY, 1);
        AccountProfile b = new AccountProfile("b", "x", PRIMARY, 1);
        assertThatThrownBy(() -> FailoverHierarchy.of(List.of(new AccountProfile("a", "x", BACKUP, 1))))
                .hasMessageContaining("found 0");
        assertThatThrownBy(() -> FailoverHierarchy.of(List.of(a, b))).hasMessageContaining("found 2");
        assertThatThrownBy(() -> FailoverHierarchy.of(List.of(a, new AccountProfile("a", "y", BACKUP, 1))))
                .hasMessageContaining("unique");
    }
}
