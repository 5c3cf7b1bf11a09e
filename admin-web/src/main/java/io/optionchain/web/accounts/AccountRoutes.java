package io.optionchain.web.accounts;

import io.javalin.config.JavalinConfig;
import io.optionchain.engine.accounts.FailoverStatus;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.AccountsJson;
import io.optionchain.web.json.InputText;

import java.time.ZoneId;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /api/accounts}: the accounts market data may come from, and the operator's way to put one back.
 *
 * <pre>
 *   GET  /api/accounts                 active_account, market_data_stale, accounts, failover_history
 *   POST /api/accounts/{name}/enable   (token) a failed or suspended account may take over again; it is pinged
 *                                      at once, and takes its role back if it ranks above the active one and
 *                                      answers; 200 with the accounts, 404 for a name not in the accounts file
 * </pre>
 */
public final class AccountRoutes implements Routes {
    private final Supplier<FailoverStatus> status;
    private final Consumer<String> enable;
    private final Supplier<ZoneId> zone;

    public AccountRoutes(Supplier<FailoverStatus> status, Consumer<String> enable, Supplier<ZoneId> zone) {
        this.status = status;
        this.enable = enable;
        this.zone = zone;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/accounts", ctx -> ctx.json(AccountsJson.of(status.get(), zone.get())));
        config.routes.post("/api/accounts/{name}/enable", ctx -> {
            String name = ctx.pathParam("name");
            if (status.get().accounts().stream().noneMatch(a -> a.name().equals(name))) {
                throw new NoSuchElementException(
                        "no account named '" + InputText.shown(name) + "' in the accounts file");
            }
            enable.accept(name);
            ctx.json(AccountsJson.of(status.get(), zone.get()));
        });
    }
}
