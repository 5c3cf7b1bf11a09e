package io.optionchain.benchmarks.load;

/**
 * How the engine under test is set up for a trial: its ring topology and how idle stages wait.
 * Written {@code topology/wait}, e.g. {@code three-stage/blocking}; a bare wait strategy means the
 * product's default, all stages on one thread.
 */
record Setup(Topology topology, WaitChoice waitStrategy) {
    static Setup of(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Setup(Topology.ONE_STAGE, WaitChoice.of(text.trim()));
        }
        return new Setup(Topology.of(text.substring(0, slash).trim()), WaitChoice.of(text.substring(slash + 1).trim()));
    }

    String label() {
        return topology.label() + "/" + waitStrategy.label();
    }
}
