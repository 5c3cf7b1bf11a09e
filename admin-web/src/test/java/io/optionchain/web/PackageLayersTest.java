package io.optionchain.web;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * admin-web's packages as layers, read from the compiled classes with the JDK's jdeps: no package cycle, and
 * nothing depends on the root package, which wires everything. Guards the layering until an ArchUnit rule does.
 */
class PackageLayersTest {
    private static final String ROOT = "io.optionchain.web";

    @Test
    void shouldHaveNoPackageCyclesAndNothingBelowTheRootUsingIt() {
        Map<String, Set<String>> uses = packageDependencies(Path.of("target", "classes"));
        assertThat(uses).as("jdeps found admin-web's packages").containsKey(ROOT + ".api");
        uses.forEach((from, to) -> assertThat(to).as(from + " uses the root package").doesNotContain(ROOT));
        for (String start : uses.keySet()) {
            assertThat(cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>()))
                    .as("a cycle through " + start).isEmpty();
        }
    }

    private static Map<String, Set<String>> packageDependencies(Path classes) {
        assertThat(Files.isDirectory(classes)).as(classes + " (run from admin-web after compiling)").isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                "-e", ROOT.replace(".", "\\.") + ".*", classes.toString());
        assertThat(exit).as(out.toString()).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.strip().split("\\s+");
            // "   io.optionchain.web.api   ->   io.optionchain.web.json   classes"
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(ROOT) && words[2].startsWith(ROOT)
                    && !words[0].equals(words[2])) {
                uses.computeIfAbsent(words[0], p -> new TreeSet<>()).add(words[2]);
            }
        }
        return uses;
    }

    /** The packages of a path from {@code at} back to {@code start}, or empty when there is none. */
    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                          Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }
}
