package io.optionchain.web.config;

import io.optionchain.engine.market.Underlying;

import java.util.List;

/** Everything read from the config directory: {@code application.yaml} and {@code underlyings.yaml}. */
public record ApplicationConfig(ServerSettings server, EngineSettings engine, SimulatorSettings simulator,
                                List<Underlying> underlyings, DashboardSettings dashboard) {

    /** With the shipped dashboard settings. */
    public ApplicationConfig(ServerSettings server, EngineSettings engine, SimulatorSettings simulator,
                             List<Underlying> underlyings) {
        this(server, engine, simulator, underlyings, DashboardSettings.defaults());
    }

    public ApplicationConfig withServer(ServerSettings newServer) {
        return new ApplicationConfig(newServer, engine, simulator, underlyings, dashboard);
    }

    public ApplicationConfig withDashboard(DashboardSettings newDashboard) {
        return new ApplicationConfig(server, engine, simulator, underlyings, newDashboard);
    }

    /** One line per area for the start-up log; holds no secrets. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("server ").append(server).append('\n')
                .append("engine ").append(engine).append('\n')
                .append("simulator ").append(simulator).append('\n')
                .append("dashboard ").append(dashboard);
        underlyings.forEach(u -> text.append('\n').append("underlying ").append(u));
        return text.toString();
    }
}
