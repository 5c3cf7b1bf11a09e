package io.optionchain.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link ArchitectureRules} hold for the main code of every module on this classpath (all but
 * benchmarks), and each of them fails on the fixtures in {@code broken}: classes written to break one rule
 * each, because a rule that cannot fail proves nothing.
 */
class ArchitectureTest {
    private static final String BROKEN = "io.optionchain.architecture.broken";
    /** Only this module's test classes: the fixtures are there, and scanning every jar six times is slow. */
    private static final JavaClasses BROKEN_CLASSES = new ClassFileImporter()
            .withImportOption(location -> location.contains("/test-classes/"))
            .importPackages(BROKEN);

    @Test
    void shouldKeepEveryRuleInTheMainCodeOfEveryModule() {
        JavaClasses product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.optionchain");
        assertThat(List.of("io.optionchain.options.Black76", "io.optionchain.engine.pipeline.Pipeline",
                "io.optionchain.engine.tick.TickEvent", "io.optionchain.simulator.OpenAlgoSimulator",
                "io.optionchain.web.OptionChainApplication"))
                .as("every module's main code is imported").allMatch(product::contain);
        assertThat(product.stream().filter(c -> c.getPackageName().startsWith("io.optionchain.gateway")))
                .as("gateway's packages are imported").isNotEmpty();

        List<String> violated = new ArchitectureRules("io.optionchain").all().stream()
                .map(rule -> rule.evaluate(product))
                .filter(EvaluationResult::hasViolation)
                .map(result -> result.getFailureReport().toString())
                .toList();
        assertThat(violated).as("every rule holds; each violation is listed whole").isEmpty();
    }

    @Test
    void shouldFailEachRuleOnAClassWrittenToBreakIt() {
        ArchitectureRules rules = new ArchitectureRules(BROKEN);

        assertViolated(rules.tickDependsOnNothingElse(), "broken.engine.tick.Tick", "broken.engine.chain.Chain");
        assertViolated(rules.engineKnowsNoTransport(), "broken.engine.desk.Desk", "java.net.http.HttpClient");
        assertViolated(rules.engineKnowsNoTransport(), "broken.engine.desk.Desk", "com.fasterxml.jackson");
        assertViolated(rules.nothingBelowDependsOnTheWeb(), "broken.engine.desk.Desk", "broken.web.Page");
        assertViolated(rules.simulatorSharesNoCodeWithTheProduct(), "broken.simulator.Market",
                "broken.gateway.Feed");
        assertViolated(rules.gatewaySharesNoCodeWithTheSimulator(), "broken.gateway.Feed",
                "broken.simulator.Market");
        assertViolated(rules.webRootIsOnTop(), "broken.web.api.Route", "broken.web.Page");
        List<ArchRule> cycles = rules.noPackageCycles();
        assertThat(cycles.stream().filter(rule -> rule.evaluate(BROKEN_CLASSES).hasViolation()))
                .as("the tick <-> chain cycle is found in engine, and only there").hasSize(1)
                .allSatisfy(rule -> assertThat(rule.getDescription()).contains("engine"));
    }

    private static void assertViolated(ArchRule rule, String from, String to) {
        String report = rule.evaluate(BROKEN_CLASSES).getFailureReport().toString();
        assertThat(report).as(rule.getDescription()).contains(from).contains(to);
    }
}
