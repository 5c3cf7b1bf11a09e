package io.optionchain.web.positions;

import io.javalin.config.JavalinConfig;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.JournalJson;

/**
 * {@code /api/journal}: what a person does about the positions journal itself. Needs the bearer token (the
 * server's rule for every non-GET under /api).
 *
 * <pre>
 *   POST /api/journal/acknowledge   the journal's lost history was checked against the broker's positions:
 *                                   journalled, then positions on every symbol may be registered again and a
 *                                   restart does not ask again; 200 with the journal's status (as in
 *                                   GET /api/option-chain/status), also when there was nothing to acknowledge
 * </pre>
 */
public final class JournalRoutes implements Routes {
    private final RiskDesk desk;

    public JournalRoutes(RiskDesk desk) {
        this.desk = desk;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/api/journal/acknowledge", ctx -> {
            desk.acknowledgeHistoryLoss();   // a second time writes nothing and is no error
            ctx.json(JournalJson.of(desk));
        });
    }
}
