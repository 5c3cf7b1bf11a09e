package io.optionchain.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code as rules: which module may know what, and no package cycles. Written against a root
 * package so the same rules run on the product ({@code io.optionchain}) and on deliberately broken fixtures
 * ({@code io.optionchain.architecture.broken}), which proves that each rule can fail.
 */
final class ArchitectureRules {
    private static final List<String> MODULES = List.of("options", "engine", "gateway", "simulator", "web");

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    /** No cycle between the packages of any one module. */
    List<ArchRule> noPackageCycles() {
        return MODULES.stream()
                .map(module -> (ArchRule) slices().assignedFrom(eachPackageOf(root + "." + module))
                        .should().beFreeOfCycles().allowEmptyShould(true)
                        .as("the packages of " + module + " form no cycle"))
                .toList();
    }

    /** One slice per package, the module's root package included (a pattern like {@code x.(**)} misses it). */
    private static SliceAssignment eachPackageOf(String modulePackage) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(modulePackage) || name.startsWith(modulePackage + ".")
                        ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of " + modulePackage;
            }
        };
    }

    /** The engine is the domain and the hot path: it speaks no HTTP, JSON, sockets or web framework. */
    ArchRule engineKnowsNoTransport() {
        return noClasses().that().resideInAPackage(root + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..", "com.fasterxml.jackson..", "com.neovisionaries..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.SocketChannel")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.ServerSocketChannel")
                .as("engine imports nothing of HTTP, JSON, sockets or Javalin");
    }

    /** The tick event sits at the bottom: every stage may read it, it reads nothing of theirs. */
    ArchRule tickDependsOnNothingElse() {
        return noClasses().that().resideInAPackage(root + ".engine.tick..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAPackage(root + ".engine.tick.."))))
                .as("engine.tick depends on nothing else in the engine");
    }

    /** The web module is the top: nothing below it may reach up. */
    ArchRule nothingBelowDependsOnTheWeb() {
        return noClasses().that().resideInAnyPackage(root + ".options..", root + ".engine..", root + ".gateway..")
                .should().dependOnClassesThat().resideInAPackage(root + ".web..")
                .as("nothing in option-math, engine or gateway depends on admin-web");
    }

    /**
     * The simulator stands in for OpenAlgo, so it must not share the client's code: a bug shared by both would
     * pass every test. It may use the option math only.
     */
    ArchRule simulatorSharesNoCodeWithTheProduct() {
        return noClasses().that().resideInAPackage(root + ".simulator..")
                .should().dependOnClassesThat(resideInAnyPackage(root + ".gateway..", root + ".engine..",
                        root + ".web.."))
                .as("simulator shares no code with gateway or engine (option-math only)");
    }

    /** admin-web's root package wires the application; its rooms never reach back up into it. */
    ArchRule webRootIsOnTop() {
        String web = root + ".web";
        return noClasses().that(new DescribedPredicate<JavaClass>("reside below " + web) {
                    @Override
                    public boolean test(JavaClass javaClass) {
                        return javaClass.getPackageName().startsWith(web + ".");
                    }
                })
                .should().dependOnClassesThat().resideInAPackage(web)
                .as("nothing in admin-web's packages depends on its root package, which wires everything");
    }

    /** The client of OpenAlgo never reaches into its stand-in. */
    ArchRule gatewaySharesNoCodeWithTheSimulator() {
        return noClasses().that().resideInAPackage(root + ".gateway..")
                .should().dependOnClassesThat().resideInAPackage(root + ".simulator..")
                .as("gateway shares no code with the simulator");
    }

    List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>(noPackageCycles());
        rules.addAll(List.of(engineKnowsNoTransport(), tickDependsOnNothingElse(), nothingBelowDependsOnTheWeb(),
                simulatorSharesNoCodeWithTheProduct(), gatewaySharesNoCodeWithTheSimulator(), webRootIsOnTop()));
        return rules;
    }
}
