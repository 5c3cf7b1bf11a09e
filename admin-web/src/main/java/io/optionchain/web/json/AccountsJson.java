package io.optionchain.web.json;

import io.optionchain.engine.accounts.AccountView;
import io.optionchain.engine.accounts.FailoverRecord;
import io.optionchain.engine.accounts.FailoverStatus;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The accounts and their failover, as status, its stream, {@code GET /api/accounts} and the page read them:
 * {@code active_account}, {@code market_data_stale} (no usable account left: the chain is the last one
 * received), {@code accounts} and {@code failover_history}, newest last. Never a key: the engine has none.
 */
public final class AccountsJson {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private AccountsJson() {
    }

    /** The fields, to be put into a larger object (status) or sent alone. */
    public static Map<String, Object> of(FailoverStatus status, ZoneId zone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active_account", status.activeAccount());
        json.put("market_data_stale", status.degraded());
        json.put("accounts", status.accounts().stream().map(AccountsJson::account).toList());
        json.put("failover_history", status.history().stream().map(r -> record(r, zone)).toList());
        return json;
    }

    private static Map<String, Object> account(AccountView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", view.name());
        json.put("broker", view.broker());
        json.put("role", view.role().name().toLowerCase(Locale.ROOT));
        json.put("state", view.state().wire());
        json.put("last_error", view.lastError());
        json.put("switches", view.switches());
        return json;
    }

    private static Map<String, Object> record(FailoverRecord record, ZoneId zone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", ISO.format(record.at().atZone(zone)));
        json.put("from", record.from());
        json.put("to", record.to());
        json.put("level", record.level());
        json.put("cause", record.cause());
        json.put("ms_to_first_tick", record.msToFirstTick());
        return json;
    }
}
