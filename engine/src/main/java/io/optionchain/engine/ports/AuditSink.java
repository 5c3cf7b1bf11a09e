package io.optionchain.engine.ports;

/**
 * Where the risk desk's decisions go: a JSON-lines file, an SSE stream. Called from the desk's exit executor
 * thread, one event at a time, in decision order; an implementation doing slow work (disk, network) hands
 * events to its own thread and returns.
 */
@FunctionalInterface
public interface AuditSink {
    AuditSink NONE = event -> { };

    void accept(AuditEvent event);
}
