package io.optionchain.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * Forks a benchmark JVM with the flags Chronicle Map needs on Java 17 (the parent pom's
 * {@code chronicle.jvm.flags}): JMH forks run with {@code -cp}, so the jar manifest's Add-Opens do not reach
 * them. Benchmarks extend this to inherit the {@link Fork} annotation.
 */
@Fork(value = 1, jvmArgsAppend = {
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
abstract class ChronicleFork {
}
