// The positions panel: positions with their stops, P&L and net Greeks, P&L and Greeks per strategy and for the
// book, and the risk desk's decisions as they happen, all from GET /api/positions/stream: the whole book once on connecting ('positions'), then only what
// changed ('positions-changed'), applied to the table in place. Read-only: the page changes nothing. Every value is
// written with textContent or DOM attributes, never parsed as HTML. Held options are announced to the chain table
// with a 'held-legs' event (symbol -> badge), so it can mark them.
'use strict';

(function () {
  const { known, price, pnl, quantity } = window.IndianNumbers;
  const { text, element } = window.Dom;
  const MAX_DECISIONS = 50;
  /** States in which the legs are still at the broker: an exit that failed leaves them held. */
  const HELD_STATES = new Set(['OPEN', 'EXITING', 'EXIT_FAILED', 'NEEDS_REVIEW']);
  /** How often the journal's health is read from status: it changes at start-up and when a write fails. */
  const JOURNAL_CHECK_MS = 15000;
  const REASONS = {
    STOP: 'stop', PERCENT_STOP: '% stop', TRAILING_STOP: 'trailing stop', TARGET: 'target', MANUAL: 'manual',
    EXIT_ALL: 'exit-all', SQUARE_OFF: 'square-off'
  };

  /** Net Greeks as the panel shows them: symbol, field, decimals (the API sends them unrounded). */
  const GREEKS = [['Δ', 'delta', 2], ['Γ', 'gamma', 4], ['Θ', 'theta', 2], ['ν', 'vega', 2]];

  const state = { stream: null, rows: new Map(), positions: new Map(), strategies: [], greeks: null, decisions: 0 };
  const $ = (id) => document.getElementById(id);

  function pnlClass(el, value) {
    el.classList.toggle('pnl-up', known(value) && value >= 0.005);
    el.classList.toggle('pnl-down', known(value) && value <= -0.005);
  }

  // The positions journal's health, from status: a damaged or fresh journal, positions held for review, or a
  // journal that cannot be written is said above the positions, where the person who must act looks.
  function describeJournal(j) {
    const parts = [];
    if (j.records_skipped > 0) {
      parts.push(j.records_skipped + ' journal record' + (j.records_skipped === 1 ? '' : 's')
          + ' could not be read and ' + (j.records_skipped === 1 ? 'was' : 'were') + ' skipped');
    }
    if (j.started_fresh) parts.push('the journal could not be read at all and was started afresh');
    if (j.kept_aside) parts.push('the original is kept at ' + j.kept_aside);
    if (j.needs_review && j.needs_review.length > 0) {
      parts.push('positions ' + j.needs_review.map((id) => '#' + id).join(', ')
          + ' wait for review (POST /api/positions/{id}/review)');
    }
    if (j.write_problem) parts.push('the journal cannot be written: ' + j.write_problem + '; no exit is sent until it can');
    const lost = describeLostHistory(j.history_lost);
    if (lost) parts.push(lost);
    return parts.join('; ');
  }
  // A journal that began without its history holds back positions on what the broker holds beyond it, until a
  // person checks the broker and acknowledges; once acknowledged there is nothing to say.
  function describeLostHistory(lost) {
    if (!lost || lost.acknowledged) return '';
    let text = 'history was lost (' + lost.cause + ')';
    if (lost.broker_holdings === null) {
      text += '; the broker\'s holdings cannot be checked yet, so no new position is registered';
    } else if (lost.broker_holdings.length > 0) {
      text += '; broker holdings await acknowledgement, no journalled position accounts for them: '
          + lost.broker_holdings.map((h) => h.symbol + ' ' + (h.quantity > 0 ? '+' : '') + h.quantity + ' '
            + h.product).join(', ');
    } else {
      text += '; the broker holds nothing the journal does not know';
    }
    return text + '; check the broker\'s positions, then acknowledge (POST /api/journal/acknowledge)';
  }
  async function checkJournal() {
    try {
      const response = await fetch('/api/option-chain/status', { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const journal = (await response.json()).journal;
        const warning = journal ? describeJournal(journal) : '';
        const el = $('journal-warning');
        text(el, warning ? 'Positions journal: ' + warning + '.' : '');
        el.hidden = !warning;
        el.dataset.checked = 'true';
      }
    } catch (e) {
      // the feed state already says when the server is unreachable
    }
    setTimeout(checkJournal, JOURNAL_CHECK_MS);
  }

  function connect() {
    const stream = new EventSource('/api/positions/stream');
    state.stream = stream;
    stream.addEventListener('positions', (e) => showBook(JSON.parse(e.data)));
    stream.addEventListener('positions-changed', (e) => applyChanges(JSON.parse(e.data)));
    stream.addEventListener('decision', (e) => showDecision(JSON.parse(e.data)));
    stream.onopen = () => text($('positions-status'), 'live');
    stream.onerror = () => {
      text($('positions-status'), stream.readyState === EventSource.CLOSED
        ? 'positions unavailable: reload the page to retry' : 'positions stream interrupted: reconnecting…');
    };
  }

  // ---- positions ----
  // the whole book: the first event of every connection, a reconnection's too
  function showBook(book) {
    state.positions = new Map(book.positions.map((p) => [p.id, p]));
    state.strategies = book.strategies;
    state.greeks = book.greeks;
    placeRows(book.positions);
    showStrategies(state.strategies);
    afterPositions();
  }

  // what changed since the last event: those positions whole, the ids that left memory, the strategies if they changed
  function applyChanges(changes) {
    for (const id of changes.removed || []) state.positions.delete(id);
    for (const position of changes.positions) state.positions.set(position.id, position);
    placeRows(changes.positions);
    if (changes.strategies) {
      state.strategies = changes.strategies;
      state.greeks = changes.greeks;
      showStrategies(state.strategies);
    }
    afterPositions();
  }

  // renders the rows of the positions given, drops those of positions gone, and keeps the rows newest first
  function placeRows(changed) {
    for (const position of changed) {
      let row = state.rows.get(position.id);
      if (!row) {
        row = newPositionRow(position);
        state.rows.set(position.id, row);
      }
      renderPosition(row, position);
    }
    for (const id of Array.from(state.rows.keys())) {
      if (!state.positions.has(id)) state.rows.delete(id);
    }
    const body = $('positions-body');
    const ids = Array.from(state.positions.keys()).sort((a, b) => b - a);
    if (ids.length === 0) {
      body.replaceChildren(emptyRow(12, 'no positions'));
      return;
    }
    const wanted = ids.map((id) => state.rows.get(id).tr);
    const current = Array.from(body.children);
    if (wanted.length !== current.length || wanted.some((tr, i) => tr !== current[i])) body.replaceChildren(...wanted);
  }

  function afterPositions() {
    announceHeld(Array.from(state.positions.values()));
    nameAwaitedSymbols();
  }

  function emptyRow(columns, message) {
    const tr = element('tr', 'empty');
    const td = element('td', 'muted', message);
    td.colSpan = columns;
    tr.appendChild(td);
    return tr;
  }

  function newPositionRow(position) {
    const tr = document.createElement('tr');
    tr.dataset.positionId = String(position.id);
    const cells = {};
    for (const name of ['id', 'strategy', 'legs', 'entry', 'mark', 'stop', 'target', 'state', 'execution', 'exit', 'pnl',
      'greeks']) {
      cells[name] = tr.appendChild(element('td', name));
    }
    text(cells.id, '#' + position.id);
    for (const leg of position.legs) {
      const line = cells.legs.appendChild(element('div', 'leg-line'));
      line.appendChild(element('span', 'leg-symbol', leg.symbol));
      line.appendChild(element('span', 'side side-' + leg.side, leg.side));
      line.appendChild(element('span', 'lots', lots(leg)));
    }
    return { tr, cells };
  }

  function lots(leg) {
    return known(leg.lots) ? quantity(leg.lots) + (leg.lots === 1 ? ' lot' : ' lots') : quantity(leg.quantity) + ' units';
  }

  function renderPosition(row, p) {
    const c = row.cells;
    row.tr.dataset.state = p.state;
    row.tr.className = 'position-' + p.state.toLowerCase().replace(/_/g, '-');
    text(c.strategy, p.strategy);
    text(c.entry, price(p.entry_premium));
    text(c.mark, price(p.mark));
    text(c.stop, price(p.stop_level));
    c.stop.title = rulesText(p.rules);
    text(c.target, price(p.target_level));
    // an exit waiting for its account (which cannot take orders now) says so where the trader looks first
    const waiting = p.exit_waiting;
    text(c.state, p.state.replace(/_/g, ' ') + (waiting ? ' · waiting for ' + p.account : ''));
    c.state.title = waiting ? 'the exit waits for account ' + p.account + ' since ' + waiting.since + ': '
        + waiting.cause : '';
    row.tr.classList.toggle('exit-waiting', Boolean(waiting));
    showExecution(c.execution, p.execution);
    c.strategy.title = 'account ' + p.account;
    text(c.exit, p.exit_reason ? (REASONS[p.exit_reason] || p.exit_reason.toLowerCase())
      + (known(p.trigger_mark) ? ' @ ' + price(p.trigger_mark) : '') : '');
    text(c.pnl, pnl(p.pnl));
    pnlClass(c.pnl, p.pnl);
    c.pnl.title = 'realised ' + price(p.realized_pnl) + ', unrealised ' + price(p.unrealized_pnl);
    showGreeks(c.greeks, p.greeks);
  }

  // "Can this stop execute now?": a green, amber or red badge for an open position, each part's reason on hover (the
  // failing parts first); nothing for one that is not open or not judged yet.
  function showExecution(cell, check) {
    let badge = cell.firstElementChild;
    if (!check) {
      if (badge) cell.replaceChildren();
      cell.title = '';
      return;
    }
    if (!badge) badge = cell.appendChild(element('span', 'execution-badge'));
    badge.className = 'execution-badge execution-' + check.badge;
    badge.dataset.badge = check.badge;
    text(badge, check.badge);
    const failing = check.parts.filter((part) => part.badge !== 'green');
    const fine = check.parts.filter((part) => part.badge === 'green');
    cell.title = failing.concat(fine).map((part) => part.check + ' (' + part.badge + '): ' + part.reason).join('\n');
  }

  // Δ Γ Θ ν, each signed and rounded for reading; '–' for each while one leg held has none (the API's null).
  // The spans are made once per cell and their text set only when it changed.
  function showGreeks(cell, greeks) {
    let list = cell.firstElementChild;
    if (!list) {
      list = cell.appendChild(element('div', 'greeks-list'));
      for (const [symbol, field] of GREEKS) {
        const span = list.appendChild(element('span', 'greek greek-' + field));
        span.dataset.greek = field;
        span.appendChild(element('span', 'greek-symbol', symbol + ' '));
        span.appendChild(element('span', 'greek-value'));
      }
    }
    GREEKS.forEach(([, field, decimals], i) => {
      text(list.children[i].lastElementChild, signed(greeks ? greeks[field] : null, decimals));
    });
    cell.title = known(greeks && greeks.delta) ? 'Δ rupees per point of the forward, Γ change of Δ per point, '
      + 'Θ rupees a calendar day, ν rupees per vol point' : 'not known while a leg held has no IV';
  }

  /** +1,234.50 / -0.0123: an explicit sign, Indian grouping for the whole rupees; '–' when not known. */
  function signed(value, decimals) {
    if (!known(value)) return '–';
    const fixed = Math.abs(value).toFixed(decimals);
    if (Number(fixed) === 0) return fixed;
    const [whole, fraction] = fixed.split('.');
    return (value < 0 ? '-' : '+') + quantity(Number(whole)) + '.' + fraction;
  }

  function rulesText(rules) {
    const parts = [];
    if (known(rules.stop)) parts.push('stop ' + price(rules.stop));
    if (known(rules.stop_percent)) parts.push('stop ' + rules.stop_percent + ' % below entry');
    if (known(rules.trailing_points)) parts.push('trailing ' + price(rules.trailing_points) + ' points');
    if (known(rules.trailing_percent)) parts.push('trailing ' + rules.trailing_percent + ' %');
    if (!parts.length) return 'no stop';
    const when = [];
    if (rules.trigger_on === 'depth') when.push('judged on the whole quantity through the depth');
    if (known(rules.confirm_ticks)) when.push('fired after ' + rules.confirm_ticks + ' ticks in breach');
    if (known(rules.confirm_ms)) when.push('fired after ' + rules.confirm_ms + ' ms in breach');
    return 'the nearest of: ' + parts.join(', ') + (when.length ? '; ' + when.join(', ') : '');
  }

  function showStrategies(strategies) {
    const body = $('strategies-body');
    if (strategies.length === 0) {
      body.replaceChildren(emptyRow(6, 'no strategies'));
      $('strategies-total').hidden = true;
      $('strategies-total-greeks').hidden = true;
      return;
    }
    const sums = { positions: 0, open: 0, realized_pnl: null, unrealized_pnl: null, pnl: null };
    const rows = strategies.flatMap((s) => {
      const tr = document.createElement('tr');
      tr.dataset.strategy = s.strategy;
      fillStrategy(tr, s.strategy, s);
      sums.positions += s.positions;
      sums.open += s.open;
      for (const field of ['realized_pnl', 'unrealized_pnl', 'pnl']) {
        if (known(s[field])) sums[field] = (sums[field] || 0) + s[field];
      }
      const greeks = document.createElement('tr');
      greeks.className = 'greeks-row';
      greeks.dataset.greeksOf = s.strategy;
      fillGreeksRow(greeks, s.greeks);
      return [tr, greeks];
    });
    body.replaceChildren(...rows);
    const total = $('strategies-total');
    total.replaceChildren();
    fillStrategy(total, 'all', sums);
    total.hidden = false;
    // the book's own, as the server summed them: unknown when one strategy's are, never a partial sum
    const totalGreeks = $('strategies-total-greeks');
    fillGreeksRow(totalGreeks, state.greeks);
    totalGreeks.hidden = false;
  }

  // a line under a strategy (or the total): its net Greeks across the table's width
  function fillGreeksRow(tr, greeks) {
    const td = element('td', 'greeks');
    td.colSpan = 6;
    showGreeks(td, greeks);
    tr.replaceChildren(td);
  }

  function fillStrategy(tr, name, s) {
    tr.appendChild(element('td', 'strategy', name));
    tr.appendChild(element('td', 'count', quantity(s.positions)));
    tr.appendChild(element('td', 'count', quantity(s.open)));
    for (const field of ['realized_pnl', 'unrealized_pnl', 'pnl']) {
      const td = tr.appendChild(element('td', field.replace(/_/g, '-'), pnl(s[field])));
      pnlClass(td, s[field]);
    }
  }

  // symbol -> what the chain's badge says: L2 = long two lots, S1 = short one; both sides when both are held
  function announceHeld(positions) {
    const bySymbol = new Map();
    for (const p of positions) {
      if (!HELD_STATES.has(p.state)) continue;
      for (const leg of p.legs) {
        const held = bySymbol.get(leg.symbol) || { long: 0, short: 0, ids: [] };
        held[leg.side === 'short' ? 'short' : 'long'] += known(leg.lots) ? leg.lots : 0;
        held.ids.push('#' + p.id + ' ' + p.strategy + ' (' + p.state.replace(/_/g, ' ') + ')');
        bySymbol.set(leg.symbol, held);
      }
    }
    const badges = new Map();
    for (const [symbol, held] of bySymbol) {
      const label = [held.long ? 'L' + held.long : '', held.short ? 'S' + held.short : ''].filter(Boolean).join(' ');
      badges.set(symbol, {
        label: label,
        side: held.long && held.short ? 'both' : held.short ? 'short' : 'long',
        title: 'held: ' + held.ids.join(', ')
      });
    }
    document.dispatchEvent(new CustomEvent('held-legs', { detail: badges }));
  }

  // ---- decisions, newest first ----
  function showDecision(d) {
    const list = $('decisions');
    if (state.decisions === 0) list.replaceChildren();
    state.decisions++;
    const item = element('li', 'decision kind-' + d.kind.toLowerCase().replace(/_/g, '-'));
    item.dataset.kind = d.kind;
    item.dataset.positionId = String(d.position_id);
    item.appendChild(element('span', 'd-time', clock(d.time)));
    item.appendChild(element('span', 'd-kind', d.kind.replace(/_/g, ' ')));
    item.appendChild(element('span', 'd-position', '#' + d.position_id + ' ' + (d.strategy || '')));
    const symbol = item.appendChild(element('span', 'd-symbol', d.symbol || positionSymbols(d.position_id)));
    if (!symbol.textContent) symbol.dataset.awaiting = 'yes';
    const facts = item.appendChild(element('span', 'd-facts'));
    fact(facts, d.kind === 'OPENED' ? 'entry' : 'mark', d.mark);
    // an alert names no reason: it is always about the nearest stop
    const levelName = d.reason ? (REASONS[d.reason] || d.reason.toLowerCase()) : d.kind === 'ALERT' ? 'stop' : 'level';
    fact(facts, levelName, d.level);
    if (known(d.bid) || known(d.ask)) fact(facts, 'bid/ask', null, price(d.bid) + ' / ' + price(d.ask));
    fact(facts, d.kind === 'FILL' ? 'filled' : 'price', d.price);
    if (known(d.quantity)) fact(facts, 'qty', null, quantity(d.quantity));
    if (known(d.latency_us) && d.latency_us >= 0) fact(facts, 'latency', null, latency(d.latency_us));
    if (d.order_id) fact(facts, 'order', null, d.order_id);
    if (d.message) item.appendChild(element('span', 'd-message', d.message));
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_DECISIONS) list.removeChild(list.lastChild);
  }

  function fact(parent, label, value, shown) {
    if (shown === undefined && !known(value)) return;
    const span = parent.appendChild(element('span', 'fact'));
    span.appendChild(element('span', 'fact-label', label + ' '));
    span.appendChild(element('span', 'fact-value', shown === undefined ? price(value) : shown));
  }

  /** The decision's time of day as the server wrote it (exchange time, IST): no trust in the browser's zone. */
  function clock(iso) {
    const match = /T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?/.exec(iso || '');
    return match ? match[1] + (match[2] || '.000').padEnd(4, '0') : '–';
  }

  function latency(micros) {
    return micros < 1000 ? Math.round(micros) + ' µs' : (micros / 1000).toFixed(2) + ' ms';
  }

  // a position-wide decision (trigger, close) names no leg: show the position's own
  function positionSymbols(id) {
    const position = state.positions.get(id);
    return position ? position.legs.map((leg) => leg.symbol).join(' + ') : '';
  }

  // decisions go out before the positions of the same moment: a position opened and triggered at once is named
  // when its first positions event comes
  function nameAwaitedSymbols() {
    for (const span of $('decisions').querySelectorAll('.d-symbol[data-awaiting]')) {
      const symbols = positionSymbols(Number(span.parentElement.dataset.positionId));
      if (symbols) {
        span.textContent = symbols;
        delete span.dataset.awaiting;
      }
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    connect();
    checkJournal();
  });
}());
