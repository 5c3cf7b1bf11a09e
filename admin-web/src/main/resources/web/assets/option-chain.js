// The live option-chain page. Data arrives as JSON over Server-Sent Events and fetch; every value is written
// with textContent or DOM attributes, never parsed as HTML, so nothing from the feed can become markup.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  // the Greeks sit at the outer edges, delta nearest the quotes, so turning them on moves no other column
  const CE_FIELDS = ['vega', 'theta', 'gamma', 'delta', 'oi', 'volume', 'bid_qty', 'bid', 'ltp', 'ask', 'ask_qty', 'spread'];
  const PE_FIELDS = ['spread', 'ask_qty', 'ask', 'ltp', 'bid', 'bid_qty', 'volume', 'oi', 'delta', 'gamma', 'theta', 'vega'];
  const GREEKS = ['delta', 'gamma', 'theta', 'vega'];
  const CELL_CLASS = {
    oi: 'oi', volume: 'volume', bid_qty: 'bid-qty', bid: 'bid-price', ltp: 'ltp', ask: 'ask-price',
    ask_qty: 'ask-qty', spread: 'spread', delta: 'greek delta', gamma: 'greek gamma', theta: 'greek theta',
    vega: 'greek vega'
  };
  // the API sends Greeks unrounded; the page shows what a trader reads: gamma is small (0.0009 at a NIFTY ATM)
  const GREEK_DIGITS = { delta: 2, gamma: 5, theta: 2, vega: 2 };
  // cells whose hover says the leg's IV and Greeks (the others' titles explain their own colours)
  const HOVER_FIELDS = ['oi', 'volume', 'bid', 'ask', 'delta', 'gamma', 'theta', 'vega'];
  const GREEKS_KEY = 'option-chain.greeks';

  const state = {
    settings: null, underlying: null, expiry: null, chain: null, rows: new Map(), cells: new Map(),
    stream: null, rowCells: [], receivedAt: 0, lastTick: null, sentAt: null, chartsDue: false, drill: null, drillTimer: null,
    held: new Map(), dismissedSwitch: null
  };

  const $ = (id) => document.getElementById(id);

  const { quantity, price, pnl, strike } = window.IndianNumbers;
  const { openTime, timeOfDay } = window.ExchangeTime;
  const { text } = window.Dom;
  function ratio(value, digits) {
    return value === null || value === undefined ? '–' : value.toFixed(digits);
  }
  function message(value) {
    text($('message'), value || '');
  }

  // the positions panel (positions.js) says which options are held; listening from the start misses no news
  document.addEventListener('held-legs', (e) => {
    state.held = e.detail;
    markAllHeld();
  });

  // ---- start ----
  async function init() {
    const response = await fetch('/api/dashboard/settings');
    state.settings = await response.json();
    const params = new URLSearchParams(location.search);
    const names = state.settings.underlyings.map((u) => u.name);
    const wanted = (params.get('underlying') || '').toUpperCase();
    state.underlying = names.includes(wanted) ? wanted : names[0];
    state.expiry = params.get('expiry');
    const select = $('underlying');
    for (const name of names) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    }
    select.value = state.underlying;
    select.addEventListener('change', () => switchTo(select.value, null));
    $('expiry').addEventListener('change', (e) => switchTo(state.underlying, e.target.value));
    $('drill-close').addEventListener('click', closeDrill);
    $('drill-action').addEventListener('change', refreshDrill);
    $('drill-lots').addEventListener('input', refreshDrill);
    $('estimate-form').addEventListener('submit', (e) => e.preventDefault());
    const toggle = $('greeks-toggle');
    toggle.checked = localStorage.getItem(GREEKS_KEY) === 'on';
    showGreeks(toggle.checked);
    toggle.addEventListener('change', () => {
      localStorage.setItem(GREEKS_KEY, toggle.checked ? 'on' : 'off');
      showGreeks(toggle.checked);
    });
    watchStatus();
    connect();
    setInterval(showTickAge, 250);
    setInterval(drawChartsIfDue, 1000);
  }

  function showGreeks(on) {
    $('chain').classList.toggle('show-greeks', on);
    const span = CE_FIELDS.length - (on ? 0 : GREEKS.length);
    $('ce-side').colSpan = span;
    $('pe-side').colSpan = span;
  }

  function switchTo(underlying, expiry) {
    state.underlying = underlying;
    state.expiry = expiry;
    const params = new URLSearchParams();
    params.set('underlying', underlying);
    if (expiry) params.set('expiry', expiry);
    history.replaceState(null, '', '?' + params.toString());
    closeDrill();
    connect();
  }

  function connect() {
    if (state.stream) state.stream.close();
    state.chain = null;
    let url = '/api/option-chain/' + encodeURIComponent(state.underlying) + '/stream';
    if (state.expiry) url += '?expiry=' + encodeURIComponent(state.expiry);
    const stream = new EventSource(url);
    state.stream = stream;
    stream.addEventListener('chain', (e) => { if (stream === state.stream) onChain(JSON.parse(e.data)); });
    stream.addEventListener('update', (e) => { if (stream === state.stream) onUpdate(JSON.parse(e.data)); });
    stream.onerror = () => {
      if (stream !== state.stream) return;
      if (stream.readyState === EventSource.CLOSED) {
        message('the chain stream closed; reload the page to retry');
      } else {
        message('chain stream interrupted: reconnecting…');
      }
    };
    stream.onopen = () => message('');
  }

  function watchStatus() {
    const status = new EventSource('/api/option-chain/status/stream');
    status.addEventListener('status', (e) => {
      const s = JSON.parse(e.data);
      accounts(s);
      const el = $('connection');
      const m = s.market;
      const life = m ? m.lifecycle.state : 'monitoring';
      el.title = m ? m.lifecycle.cause : (s.detail || '');
      if (life === 'idle_closed' || (life === 'scheduled' && !m.market_open)) {
        // outside the sessions the feed is down on purpose: say the market is closed, not that the link died
        text(el, 'market closed' + (m.session === 'holiday' ? ' (holiday)' : '')
          + (m.next_open ? ' · next open ' + openTime(m.next_open) : ''));
        el.className = 'state-idle';
      } else if (life === 'waiting_for_account' || life === 'stopped') {
        text(el, (life === 'stopped' ? 'stopped: ' : 'waiting for the account: ') + m.lifecycle.cause);
        el.className = 'state-bad';
      } else {
        const session = m && m.session !== 'open' ? ' · ' + m.session.replace('_', '-') : '';
        text(el, (s.state === 'CONNECTED' ? 'connected' : s.state.toLowerCase()) + session);
        el.className = s.state === 'CONNECTED' ? 'state-ok' : 'state-bad';
      }
    });
    status.onerror = () => {
      const el = $('connection');
      text(el, 'server unreachable');
      el.className = 'state-bad';
    };
  }

  // The account market data comes from, and a banner for the latest switch until it is dismissed, or for as long
  // as no account is usable and the chain shown is the last one received.
  function accounts(s) {
    if (!('active_account' in s)) return;
    const el = $('account');
    text(el, s.active_account + (s.market_data_stale ? ' · stale' : ''));
    el.className = s.market_data_stale ? 'state-bad' : 'state-ok';
    const history = s.failover_history || [];
    const last = history.length ? history[history.length - 1] : null;
    const banner = $('failover-banner');
    if (s.market_data_stale) {
      text($('failover-text'), 'Market data is stale: no account is usable (' + s.active_account + ': '
        + lastError(s, s.active_account) + '). The chain is the last one received; every account is being retried.');
      banner.className = 'failover-banner stale';
      banner.hidden = false;
    } else if (last && last.at !== state.dismissedSwitch) {
      text($('failover-text'), 'Market data moved from ' + last.from + ' to ' + last.to + ' at ' + timeOfDay(last.at)
        + ' (level ' + last.level + '): ' + last.cause
        + (last.ms_to_first_tick == null ? '' : ' · first tick after ' + last.ms_to_first_tick + ' ms'));
      banner.className = 'failover-banner';
      banner.hidden = false;
      $('failover-dismiss').onclick = () => { state.dismissedSwitch = last.at; banner.hidden = true; };
    } else {
      banner.hidden = true;
    }
  }

  function lastError(s, name) {
    const account = (s.accounts || []).find(a => a.name === name);
    return account && account.last_error ? account.last_error : 'no answer';
  }

  // ---- chain events ----
  function onChain(chain) {
    state.chain = chain;
    state.rows = new Map();
    for (const row of chain.options) state.rows.set(row.strike, row);
    buildTable(chain);
    fillExpiries(chain);
    header(chain);
    state.chartsDue = true;
    drawChartsIfDue();
  }

  function onUpdate(update) {
    if (!state.chain) return;
    for (const row of update.options) {
      if (!state.cells.has(row.strike)) continue; // the server sends a whole chain when the window moves
      const before = state.rows.get(row.strike);
      state.rows.set(row.strike, row);
      renderRow(row, before);
    }
    update.options = Array.from(state.rows.values());
    state.chain = update;
    header(update);
    state.chartsDue = true;
  }

  function header(chain) {
    text($('underlying-name'), chain.underlying);
    text($('index-ltp'), price(chain.underlying_ltp));
    text($('atm'), strike(chain.atm_strike));
    text($('expiry-text'), chain.expiry);
    const m = chain.market_metrics;
    text($('pcr'), ratio(m.pcr, 2));
    text($('max-pain'), m.max_pain === null ? '–' : strike(m.max_pain));
    text($('iv-skew'), ratio(m.iv_skew, 2));
    text($('atm-iv'), m.atm_iv === null || m.atm_iv === undefined ? '–' : m.atm_iv.toFixed(2) + ' %');
    text($('straddle'), price(m.straddle) + (m.straddle_change === null || m.straddle_change === undefined ? ''
      : ' (' + pnl(m.straddle_change) + ')'));
    $('straddle').title = 'ATM call mid + put mid; in brackets its change on the two legs\' previous closes';
    text($('synthetic-future'), price(m.synthetic_future));
    text($('oi-change'), m.total_oi_change === null || m.total_oi_change === undefined ? '–'
      : (m.total_oi_change > 0 ? '+' : '') + quantity(m.total_oi_change));
    $('oi-change').title = m.oi_change_since ? 'since ' + m.oi_change_since.replace('_', ' ') : '';
    state.receivedAt = performance.now();
    state.lastTick = Date.parse(chain.timestamp);
    state.sentAt = Date.parse(chain.sent_at);
    showTickAge();
  }

  // the age as the server saw it when sending, plus the time since: no trust in the browser's clock
  function showTickAge() {
    if (state.lastTick === null || isNaN(state.lastTick)) return;
    const ageMs = Math.max(0, state.sentAt - state.lastTick) + (performance.now() - state.receivedAt);
    text($('tick-age'), ageMs < 60000 ? (ageMs / 1000).toFixed(1) + ' s ago' : Math.round(ageMs / 60000) + ' min ago');
    $('tick-age').className = ageMs > 5000 ? 'state-bad' : '';
  }

  function fillExpiries(chain) {
    const select = $('expiry');
    const current = Array.from(select.options).map((o) => o.value).join(',');
    if (current !== chain.expiries.join(',')) {
      select.replaceChildren();
      for (const expiry of chain.expiries) {
        const option = document.createElement('option');
        option.value = expiry;
        option.textContent = expiry;
        select.appendChild(option);
      }
    }
    select.value = chain.expiry;
  }

  // ---- the table ----
  // rows are built once and then reused when ATM moves or the underlying changes: the table never flickers,
  // and a row element keeps meaning "the row at this position" (the ATM row is always the middle one)
  function buildTable(chain) {
    const body = $('chain-body');
    if (state.rowCells.length !== chain.options.length) {
      state.rowCells = chain.options.map(() => newRow());
      body.replaceChildren(...state.rowCells.map((cells) => cells.tr));
    }
    state.cells = new Map();
    chain.options.forEach((row, i) => {
      const cells = state.rowCells[i];
      cells.tr.dataset.strike = String(row.strike);
      state.cells.set(row.strike, cells);
      renderRow(row, null);
    });
  }

  function newRow() {
    const tr = document.createElement('tr');
    const cells = { tr: tr, ce: {}, pe: {}, strike: null, tag: null };
    for (const field of CE_FIELDS) cells.ce[field] = legCell(tr, 'ce', field);
    cells.strike = plainCell(tr, 'strike');
    cells.tag = plainCell(tr, 'tag');
    for (const field of PE_FIELDS) cells.pe[field] = legCell(tr, 'pe', field);
    return cells;
  }

  function legCell(tr, side, field) {
    const td = document.createElement('td');
    td.className = 'leg ' + side + ' ' + CELL_CLASS[field] + (field === 'ltp' ? ' ' + side + '-ltp' : '');
    td.addEventListener('click', () => openDrill(tr.dataset.strike, side));
    tr.appendChild(td);
    return td;
  }

  function plainCell(tr, cls) {
    const td = document.createElement('td');
    td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function renderRow(row, before) {
    const cells = state.cells.get(row.strike);
    if (!cells) return;
    const atm = state.chain.atm_strike;
    cells.tr.classList.toggle('atm-row', row.tag === 'ATM');
    text(cells.strike, strike(row.strike));
    text(cells.tag, row.tag);
    renderLeg(cells.ce, row.ce_data, before && before.ce_data, row.strike < atm);
    renderLeg(cells.pe, row.pe_data, before && before.pe_data, row.strike > atm);
  }

  // a held option's LTP cell carries a badge (its text from CSS attr(), so the cell's own text stays the price)
  function markHeld(cell, symbol, greeksTitle) {
    const held = symbol ? state.held.get(symbol) : undefined;
    const label = held ? held.label : '';
    if ((cell.dataset.held || '') !== label) {
      if (label) cell.dataset.held = label; else delete cell.dataset.held;
    }
    const title = [held ? held.title : '', greeksTitle].filter(Boolean).join('\n');
    if (cell.title !== title) cell.title = title;
    cell.classList.toggle('held', Boolean(held));
    cell.classList.toggle('held-long', Boolean(held) && held.side === 'long');
    cell.classList.toggle('held-short', Boolean(held) && held.side === 'short');
  }

  function markAllHeld() {
    for (const [strikeValue, cells] of state.cells) {
      const row = state.rows.get(strikeValue);
      if (!row) continue;
      markHeld(cells.ce.ltp, row.ce_data.symbol, greeksTitle(row.ce_data));
      markHeld(cells.pe.ltp, row.pe_data.symbol, greeksTitle(row.pe_data));
    }
  }

  function renderLeg(cells, leg, before, itm) {
    text(cells.oi, quantity(leg.oi));
    text(cells.volume, quantity(leg.volume));
    text(cells.bid_qty, quantity(leg.bid_qty));
    text(cells.bid, price(leg.bid));
    text(cells.ltp, price(leg.ltp));
    text(cells.ask, price(leg.ask));
    text(cells.ask_qty, quantity(leg.ask_qty));
    text(cells.spread, price(leg.spread));
    for (const greek of GREEKS) text(cells[greek], greekText(leg, greek));
    const hover = greeksTitle(leg);
    for (const field of HOVER_FIELDS) if (cells[field].title !== hover) cells[field].title = hover;
    markHeld(cells.ltp, leg.symbol, hover);
    for (const field of Object.keys(cells)) cells[field].classList.toggle('itm', itm);
    for (const band of ['tight', 'normal', 'wide']) {
      cells.spread.classList.toggle(band + '-spread', leg.spread_band === band);
    }
    cells.spread.title = leg.spread_pct === null || leg.spread_pct === undefined ? '' : 'spread ' + leg.spread_pct.toFixed(2) + '% of LTP';
    for (const qty of [cells.bid_qty, cells.ask_qty]) {
      qty.classList.toggle('high-liquidity', leg.liquidity === 'high');
      qty.classList.toggle('low-liquidity', leg.liquidity === 'low');
      qty.title = leg.liquidity_score === null || leg.liquidity_score === undefined ? '' : 'liquidity score ' + leg.liquidity_score + ' / 100';
    }
    if (before && before.ltp && leg.ltp && before.ltp !== leg.ltp) {
      const change = 100 * (leg.ltp - before.ltp) / before.ltp;
      if (Math.abs(change) >= state.settings.flash_change_percent) flash(cells.ltp, change > 0);
    }
  }

  function greekText(leg, greek) {
    const value = leg[greek];
    if (value === null || value === undefined) return '–';
    // a deep put's delta of -0.0004 reads 0.00, not -0.00
    return value.toFixed(GREEK_DIGITS[greek]).replace(/^-(0\.0+)$/, '$1');
  }

  /** What hovering a leg shows: its IV and Greeks, in the units the README gives them. */
  function greeksTitle(leg) {
    if (leg.iv === null || leg.iv === undefined) return leg.symbol + ': no IV (no two-sided quote to price)';
    return leg.symbol + ': IV ' + leg.iv.toFixed(2) + ' %'
      + ' · Δ ' + greekText(leg, 'delta') + ' · Γ ' + greekText(leg, 'gamma')
      + ' · Θ ' + greekText(leg, 'theta') + ' ₹/day · ν ' + greekText(leg, 'vega') + ' ₹/vol pt';
  }

  function flash(cell, up) {
    cell.classList.remove('flash-up', 'flash-down');
    void cell.offsetWidth; // restart the animation
    cell.classList.add(up ? 'flash-up' : 'flash-down');
  }

  // ---- depth drill-down ----
  function openDrill(strikeText, side) {
    const row = state.rows.get(Number(strikeText));
    if (!row) return;
    const leg = side === 'ce' ? row.ce_data : row.pe_data;
    state.drill = leg.symbol;
    $('drill').hidden = false;
    text($('drill-symbol'), leg.symbol);
    refreshDrill();
    clearInterval(state.drillTimer);
    state.drillTimer = setInterval(refreshDrill, 2000);
  }

  function closeDrill() {
    state.drill = null;
    clearInterval(state.drillTimer);
    $('drill').hidden = true;
  }

  async function refreshDrill() {
    const symbol = state.drill;
    if (!symbol) return;
    const lotSize = (state.chain && state.chain.lot_size) || 1;
    const lots = Math.max(1, Math.floor(Number($('drill-lots').value) || 1));
    const quantityUnits = lots * lotSize;
    text($('drill-quantity'), '= ' + quantity(quantityUnits) + ' units');
    const action = $('drill-action').value;
    const query = '?symbol=' + encodeURIComponent(symbol) + '&action=' + encodeURIComponent(action)
      + '&quantity=' + quantityUnits;
    try {
      const [depth, estimate, entry] = await Promise.all([
        getJson('/api/option-chain/depth/' + encodeURIComponent(symbol)),
        getJson('/api/execution-estimate' + query),
        getJson('/api/entry-analysis' + query)
      ]);
      if (symbol !== state.drill) return;
      showBook(depth);
      showEstimate(estimate, entry);
      $('drill-error').hidden = true;
    } catch (error) {
      text($('drill-error'), String(error.message || error));
      $('drill-error').hidden = false;
    }
  }

  async function getJson(url) {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || ('HTTP ' + response.status));
    return body;
  }

  function showBook(depth) {
    const rows = [];
    for (let i = 0; i < 5; i++) {
      const bid = depth.bids[i];
      const ask = depth.asks[i];
      const tr = document.createElement('tr');
      const values = [
        [bid ? String(bid.orders) : '', ''], [bid ? quantity(bid.quantity) : '', ''], [bid ? price(bid.price) : '', 'bid'],
        [ask ? price(ask.price) : '', 'ask'], [ask ? quantity(ask.quantity) : '', ''], [ask ? String(ask.orders) : '', '']
      ];
      for (const [value, cls] of values) {
        const td = document.createElement('td');
        td.textContent = value;
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      rows.push(tr);
    }
    $('book-body').replaceChildren(...rows);
  }

  function showEstimate(estimate, entry) {
    text($('est-best'), price(estimate.best_price));
    text($('est-expected'), estimate.expected_price === null ? '–' : estimate.expected_price.toFixed(2));
    text($('est-worst'), price(estimate.worst_price));
    text($('est-slip-unit'), estimate.slippage_per_unit.toFixed(2));
    text($('est-slip-total'), '₹ ' + price(estimate.slippage_total));
    text($('est-impact'), estimate.impact_cost_pct.toFixed(3) + ' %');
    text($('est-fillable'), estimate.fully_fillable ? 'yes' : 'no: ' + quantity(estimate.filled_quantity) + ' of '
      + quantity(estimate.quantity) + ' units');
    text($('entry-advice'), entry.recommendation + (entry.suggested_price === null ? '' : ' @ ' + price(entry.suggested_price)));
    $('entry-advice').title = entry.reason;
  }

  // ---- charts: plain SVG ----
  function drawChartsIfDue() {
    if (!state.chartsDue || !state.chain) return;
    state.chartsDue = false;
    const rows = Array.from(state.rows.values()).sort((a, b) => a.strike - b.strike);
    drawOi(rows, state.chain);
    drawIv(rows, state.chain);
    document.dispatchEvent(new CustomEvent('chain-charts', { detail: { rows: rows, chain: state.chain } })); // day-charts.js
  }

  function svg(parent, name, attributes, content) {
    const el = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
    if (content !== undefined) el.textContent = content;
    parent.appendChild(el);
    return el;
  }

  const PLOT = { left: 56, right: 810, top: 24, bottom: 226 };

  function xScale(rows) {
    const first = rows[0].strike;
    const last = rows[rows.length - 1].strike;
    const span = Math.max(1, last - first);
    return (k) => PLOT.left + 8 + (PLOT.right - PLOT.left - 16) * (k - first) / span;
  }

  function strikeAxis(chart, rows, x) {
    svg(chart, 'line', { x1: PLOT.left, y1: PLOT.bottom, x2: PLOT.right, y2: PLOT.bottom, class: 'axis' });
    svg(chart, 'line', { x1: PLOT.left, y1: PLOT.top, x2: PLOT.left, y2: PLOT.bottom, class: 'axis' });
    rows.forEach((row, i) => {
      if (i % 5 === 0) {
        svg(chart, 'text', { x: x(row.strike), y: PLOT.bottom + 14, 'text-anchor': 'middle', class: 'label' }, strike(row.strike));
      }
    });
  }

  function marker(chart, x, cls, label) {
    svg(chart, 'line', { x1: x, y1: PLOT.top - 6, x2: x, y2: PLOT.bottom, class: cls });
    if (label) svg(chart, 'text', { x: x + 4, y: PLOT.top - 10, class: 'marker-label' }, label);
  }

  function drawOi(rows, chain) {
    const chart = $('oi-chart');
    chart.replaceChildren();
    if (rows.length < 2) return;
    const x = xScale(rows);
    const max = Math.max(1, ...rows.map((r) => Math.max(r.ce_data.oi || 0, r.pe_data.oi || 0)));
    const y = (v) => PLOT.bottom - (PLOT.bottom - PLOT.top) * v / max;
    const barWidth = Math.max(2, (PLOT.right - PLOT.left) / rows.length / 2 - 1);
    const bars = svg(chart, 'g', { class: 'bars' });
    for (const row of rows) {
      const cx = x(row.strike);
      svg(bars, 'rect', { x: cx - barWidth, y: y(row.ce_data.oi || 0), width: barWidth, height: PLOT.bottom - y(row.ce_data.oi || 0), class: 'ce-bar' });
      svg(bars, 'rect', { x: cx, y: y(row.pe_data.oi || 0), width: barWidth, height: PLOT.bottom - y(row.pe_data.oi || 0), class: 'pe-bar' });
    }
    strikeAxis(chart, rows, x);
    for (const fraction of [0.5, 1]) {
      svg(chart, 'text', { x: PLOT.left - 4, y: y(max * fraction) + 3, 'text-anchor': 'end', class: 'label' }, quantity(max * fraction));
    }
    const pain = chain.market_metrics.max_pain;
    if (pain !== null && pain !== undefined) marker(chart, x(pain), 'max-pain', 'max pain ' + strike(pain));
    svg(chart, 'rect', { x: PLOT.right - 150, y: 4, width: 10, height: 10, class: 'ce-bar' });
    svg(chart, 'text', { x: PLOT.right - 136, y: 13, class: 'label' }, 'CE OI');
    svg(chart, 'rect', { x: PLOT.right - 90, y: 4, width: 10, height: 10, class: 'pe-bar' });
    svg(chart, 'text', { x: PLOT.right - 76, y: 13, class: 'label' }, 'PE OI');
  }

  function drawIv(rows, chain) {
    const chart = $('iv-chart');
    chart.replaceChildren();
    if (rows.length < 2) return;
    const x = xScale(rows);
    const ivs = rows.flatMap((r) => [r.ce_data.iv, r.pe_data.iv]).filter((v) => v !== null && v !== undefined);
    if (ivs.length === 0) return;
    const low = Math.floor(Math.min(...ivs));
    const high = Math.ceil(Math.max(...ivs));
    const y = (v) => PLOT.bottom - (PLOT.bottom - PLOT.top) * (v - low) / Math.max(1, high - low);
    for (const [side, cls] of [['ce_data', 'ce-line'], ['pe_data', 'pe-line']]) {
      let path = '';
      let pen = 'M';
      for (const row of rows) {
        const iv = row[side].iv;
        if (iv === null || iv === undefined) { pen = 'M'; continue; }
        path += pen + x(row.strike).toFixed(1) + ' ' + y(iv).toFixed(1) + ' ';
        pen = 'L';
      }
      if (path) svg(chart, 'path', { d: path, class: cls });
    }
    strikeAxis(chart, rows, x);
    for (const v of [low, (low + high) / 2, high]) {
      svg(chart, 'text', { x: PLOT.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'label' }, v.toFixed(1) + '%');
    }
    marker(chart, x(chain.atm_strike), 'atm-line', null);
    svg(chart, 'text', { x: x(chain.atm_strike) + 4, y: PLOT.top - 10, class: 'label' }, 'ATM ' + strike(chain.atm_strike));
    svg(chart, 'line', { x1: PLOT.right - 150, y1: 9, x2: PLOT.right - 138, y2: 9, class: 'ce-line' });
    svg(chart, 'text', { x: PLOT.right - 134, y: 13, class: 'label' }, 'CE IV');
    svg(chart, 'line', { x1: PLOT.right - 90, y1: 9, x2: PLOT.right - 78, y2: 9, class: 'pe-line' });
    svg(chart, 'text', { x: PLOT.right - 74, y: 13, class: 'label' }, 'PE IV');
  }

  document.addEventListener('DOMContentLoaded', () => {
    init().catch((error) => message('could not start: ' + (error.message || error)));
  });
}());
