package io.optionchain.web.config;

import io.optionchain.engine.market.Underlying;

import java.util.List;

/** Everything read from the config directory: {@code application.yaml} and {@code underlyings.yaml}. */
public record ApplicationConfig(ServerSettings server, EngineSettings engine, FeedConfig feed,
                                TradingHoursConfig tradingHours, SimulatorSettings simulator,
                                DashboardSettings dashboard, RiskConfig risk, OptionChainSettings optionChain,
                                List<Underlying> underlyings, AlertsConfig alerts) {

    public ApplicationConfig withServer(ServerSettings replaced) {
        return new ApplicationConfig(replaced, engine, feed, tradingHours, simulator, dashboard, risk, optionChain,
                underlyings, alerts);
    }

    public ApplicationConfig withFeed(FeedConfig replaced) {
        return new ApplicationConfig(server, engine, replaced, tradingHours, simulator, dashboard, risk, optionChain,
                underlyings, alerts);
    }

    public ApplicationConfig withTradingHours(TradingHoursConfig replaced) {
        return new ApplicationConfig(server, engine, feed, replaced, simulator, dashboard, risk, optionChain,
                underlyings, alerts);
    }

    public ApplicationConfig withDashboard(DashboardSettings replaced) {
        return new ApplicationConfig(server, engine, feed, tradingHours, simulator, replaced, risk, optionChain,
                underlyings, alerts);
    }

    public ApplicationConfig withRisk(RiskConfig replaced) {
        return new ApplicationConfig(server, engine, feed, tradingHours, simulator, dashboard, replaced, optionChain,
                underlyings, alerts);
    }

    public ApplicationConfig withOptionChain(OptionChainSettings replaced) {
        return new ApplicationConfig(server, engine, feed, tradingHours, simulator, dashboard, risk, replaced,
                underlyings, alerts);
    }

    public ApplicationConfig withUnderlyings(List<Underlying> replaced) {
        return new ApplicationConfig(server, engine, feed, tradingHours, simulator, dashboard, risk, optionChain,
                replaced, alerts);
    }

    public ApplicationConfig withAlerts(AlertsConfig replaced) {
        return new ApplicationConfig(server, engine, feed, tradingHours, simulator, dashboard, risk, optionChain,
                underlyings, replaced);
    }

    /** One line per area for the start-up log; holds no secrets. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("server ").append(server).append('\n')
                .append("engine ").append(engine).append('\n')
                .append("feed ").append(feed).append('\n')
                .append("trading hours ").append(tradingHours).append('\n')
                .append("simulator ").append(simulator).append('\n')
                .append("dashboard ").append(dashboard).append('\n')
                .append("risk ").append(risk).append('\n')
                .append("option chain ").append(optionChain).append('\n')
                .append("alerts ").append(alerts);
        underlyings.forEach(u -> text.append('\n').append("underlying ").append(u));
        return text.toString();
    }
}
