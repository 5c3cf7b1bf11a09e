// The day's charts under the chain: straddle and synthetic future over the day, PCR and max pain against the index
// over the day (both from GET /api/option-chain/{underlying}/history), and OI change and GEX by strike (from the
// live chain). Plain SVG, every value written with textContent or attributes, never as HTML.
//
// The chain page calls in through one event, 'chain-charts', each time it draws its own charts (at most once a
// second, and at once for a whole chain). The day's points are fetched whole when a chain is first shown (and on
// a change of underlying or expiry), then only the points recorded since the last one: on the first event of each
// new minute of the server's clock (its sent_at, so a wrong browser clock does not matter) and when ATM moves,
// the two moments the server records a point. Between fetches each line ends at the live chain's value, "now".
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const PLOT = { left: 60, right: 760, top: 24, bottom: 226 };
  // the server's recorder looks every 250 ms: fetch a moment after the minute, once the point is on disk
  const FETCH_DELAY_MS = 1500;

  const { quantity, price, strike } = window.IndianNumbers;
  const { text } = window.Dom;
  const $ = (id) => document.getElementById(id);

  const day = { key: null, points: [], minute: null, atm: null, timer: null, error: null, generation: 0 };

  document.addEventListener('chain-charts', (e) => {
    const { rows, chain } = e.detail;
    follow(chain);
    drawOiChange(rows);
    drawGex(rows, chain);
    drawIntraday(chain);
  });

  // ---- the day's points ----
  function follow(chain) {
    // a new exchange day starts a new chart: the day is the server's, by the offset its points carry
    const sent = Date.parse(chain.sent_at);
    const today = known(sent) ? new Date(sent + zoneOffsetMs(day.points.length ? day.points[0].time : null))
      .toISOString().slice(0, 10) : '';
    const key = chain.underlying + ' ' + chain.expiry + ' ' + today;
    const minute = chain.sent_at ? chain.sent_at.slice(0, 16) : null;
    if (key !== day.key) {
      day.key = key;
      day.points = [];
      day.error = null;
      day.generation++;
      fetchPoints(chain, day.generation);
    } else if ((minute !== null && day.minute !== null && minute !== day.minute) || chain.atm_strike !== day.atm) {
      clearTimeout(day.timer);
      const generation = day.generation;
      day.timer = setTimeout(() => fetchPoints(chain, generation), FETCH_DELAY_MS);
    }
    day.minute = minute;
    day.atm = chain.atm_strike;
  }

  async function fetchPoints(chain, generation) {
    const last = day.points.length ? day.points[day.points.length - 1].time : null;
    let url = '/api/option-chain/' + encodeURIComponent(chain.underlying) + '/history?expiry='
      + encodeURIComponent(chain.expiry);
    if (last) url += '&from=' + encodeURIComponent(last);
    try {
      const response = await fetch(url);
      const body = await response.json();
      if (generation !== day.generation) return; // another chain is shown by now
      if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
      // another fetch may have ended while this one waited: take only what is newer than what is held now
      const after = day.points.length ? Date.parse(day.points[day.points.length - 1].time) : -Infinity;
      for (const point of body.points) {
        if (Date.parse(point.time) > after) day.points.push(point);
      }
      day.error = null;
    } catch (error) {
      if (generation === day.generation) day.error = 'history unavailable: ' + (error.message || error);
    }
  }

  // ---- drawing ----
  function svg(parent, name, attributes, content) {
    const el = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
    if (content !== undefined) el.textContent = content;
    parent.appendChild(el);
    return el;
  }

  function known(value) {
    return value !== null && value !== undefined && Number.isFinite(value);
  }

  /** 1.23 Cr, 4.56 L or 789: GEX and OI changes run to crores. */
  function compact(value) {
    if (!known(value)) return '–';
    const size = Math.abs(value);
    if (size >= 1e7) return (value / 1e7).toFixed(2) + ' Cr';
    if (size >= 1e5) return (value / 1e5).toFixed(2) + ' L';
    return quantity(Math.round(value));
  }

  function range(values) {
    const finite = values.filter(known);
    if (finite.length === 0) return null;
    let low = Math.min(...finite);
    let high = Math.max(...finite);
    if (high - low < 1e-9) {
      const pad = Math.max(Math.abs(high) * 0.01, 0.01);
      low -= pad;
      high += pad;
    }
    return { low, high };
  }

  function yScale(span) {
    return (v) => PLOT.bottom - (PLOT.bottom - PLOT.top) * (v - span.low) / (span.high - span.low);
  }

  function note(chart, words) {
    svg(chart, 'text', { x: (PLOT.left + PLOT.right) / 2, y: (PLOT.top + PLOT.bottom) / 2, 'text-anchor': 'middle',
      class: 'empty-note' }, words);
  }

  function frame(chart) {
    svg(chart, 'line', { x1: PLOT.left, y1: PLOT.bottom, x2: PLOT.right, y2: PLOT.bottom, class: 'axis' });
    svg(chart, 'line', { x1: PLOT.left, y1: PLOT.top, x2: PLOT.left, y2: PLOT.bottom, class: 'axis' });
  }

  function legend(chart, entries) {
    let x = PLOT.right - 110 * entries.length;
    for (const [cls, words] of entries) {
      svg(chart, 'line', { x1: x, y1: 9, x2: x + 12, y2: 9, class: cls });
      svg(chart, 'text', { x: x + 16, y: 13, class: 'label' }, words);
      x += 110;
    }
  }

  // ---- by strike, from the live chain ----
  function strikeScale(rows) {
    const first = rows[0].strike;
    const span = Math.max(1, rows[rows.length - 1].strike - first);
    return (k) => PLOT.left + 8 + (PLOT.right - PLOT.left - 16) * (k - first) / span;
  }

  function strikeLabels(chart, rows, x) {
    rows.forEach((row, i) => {
      if (i % 5 === 0) {
        svg(chart, 'text', { x: x(row.strike), y: PLOT.bottom + 14, 'text-anchor': 'middle', class: 'label' },
          strike(row.strike));
      }
    });
  }

  /** Bars up from zero for gains, down for losses, on an axis that always holds zero. */
  function signedAxis(chart, values) {
    const span = range(values.concat([0]));
    const y = yScale(span);
    svg(chart, 'line', { x1: PLOT.left, y1: y(0), x2: PLOT.right, y2: y(0), class: 'zero' });
    for (const v of [span.low, 0, span.high]) {
      svg(chart, 'text', { x: PLOT.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'label' }, compact(v));
    }
    return y;
  }

  function bar(parent, x, width, y, value, cls) {
    const top = Math.min(y(0), y(value));
    svg(parent, 'rect', { x: x, y: top, width: width, height: Math.max(0.5, Math.abs(y(value) - y(0))), class: cls });
  }

  function drawOiChange(rows) {
    const chart = $('oi-change-chart');
    chart.replaceChildren();
    frame(chart);
    const changes = rows.flatMap((r) => [r.ce_data.oi_change, r.pe_data.oi_change]);
    if (rows.length < 2 || !changes.some(known)) {
      note(chart, 'no OI change yet: each leg shows one from its first tick today');
      return;
    }
    const x = strikeScale(rows);
    const y = signedAxis(chart, changes);
    const width = Math.max(2, (PLOT.right - PLOT.left) / rows.length / 2 - 1);
    const bars = svg(chart, 'g', { class: 'bars' });
    for (const row of rows) {
      const cx = x(row.strike);
      if (known(row.ce_data.oi_change)) bar(bars, cx - width, width, y, row.ce_data.oi_change, 'ce-bar');
      if (known(row.pe_data.oi_change)) bar(bars, cx, width, y, row.pe_data.oi_change, 'pe-bar');
    }
    strikeLabels(chart, rows, x);
    svg(chart, 'rect', { x: PLOT.right - 170, y: 4, width: 10, height: 10, class: 'ce-bar' });
    svg(chart, 'text', { x: PLOT.right - 156, y: 13, class: 'label' }, 'CE');
    svg(chart, 'rect', { x: PLOT.right - 120, y: 4, width: 10, height: 10, class: 'pe-bar' });
    svg(chart, 'text', { x: PLOT.right - 106, y: 13, class: 'label' }, 'PE');
  }

  function drawGex(rows, chain) {
    const chart = $('gex-chart');
    chart.replaceChildren();
    frame(chart);
    const net = chain.market_metrics.gex;
    text($('gex-net'), compact(net));
    $('gex-net').className = known(net) ? (net >= 0 ? 'gex-long' : 'gex-short') : '';
    const values = rows.map((r) => r.gex);
    if (rows.length < 2 || !values.some(known)) {
      note(chart, 'no GEX yet: it needs each leg\'s gamma (an IV) and OI');
      return;
    }
    const x = strikeScale(rows);
    const y = signedAxis(chart, values);
    const width = Math.max(3, (PLOT.right - PLOT.left) / rows.length - 3);
    const bars = svg(chart, 'g', { class: 'bars' });
    for (const row of rows) {
      if (known(row.gex)) {
        bar(bars, x(row.strike) - width / 2, width, y, row.gex, row.gex >= 0 ? 'gex-bar' : 'gex-bar negative');
      }
    }
    strikeLabels(chart, rows, x);
  }

  // ---- over the day, from the recorded points and the live tip ----
  function drawIntraday(chain) {
    const m = chain.market_metrics;
    const now = {
      time: chain.sent_at, index: chain.underlying_ltp, straddle: m.straddle, synthetic_future: m.synthetic_future,
      pcr: m.pcr, max_pain: m.max_pain
    };
    const points = day.points.concat(known(Date.parse(now.time)) ? [now] : []);
    const offset = zoneOffsetMs(day.points.length ? day.points[0].time : null);
    drawTwoAxes($('straddle-chart'), points, offset,
      { field: 'straddle', cls: 'straddle-line', label: 'straddle', format: price },
      { field: 'synthetic_future', cls: 'future-line', label: 'synthetic future', format: price });
    drawTwoAxes($('pcr-chart'), points, offset,
      { field: 'index', cls: 'index-line', label: 'index', format: price,
        also: { field: 'max_pain', cls: 'max-pain-line', label: 'max pain', step: true } },
      { field: 'pcr', cls: 'pcr-line', label: 'PCR', format: (v) => v.toFixed(2) });
  }

  /** The offset of the server's ISO times ("+05:30"), so the axis reads the exchange's clock, not the browser's. */
  function zoneOffsetMs(iso) {
    const match = /([+-])(\d{2}):(\d{2})$/.exec(iso || '');
    if (!match) return 5.5 * 3600000; // before the first point: the exchange's zone, India's
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60000;
  }

  function drawTwoAxes(chart, points, offset, left, right) {
    chart.replaceChildren();
    frame(chart);
    svg(chart, 'line', { x1: PLOT.right, y1: PLOT.top, x2: PLOT.right, y2: PLOT.bottom, class: 'axis' });
    const timed = points.map((p) => ({ p: p, t: Date.parse(p.time) })).filter((e) => known(e.t));
    if (timed.length < 2) {
      note(chart, day.error || (day.points.length === 0 ? 'no points recorded yet today: one comes each minute the'
        + ' market ticks, and at each ATM move' : 'waiting for the next point'));
      return;
    }
    const first = timed[0].t;
    const span = Math.max(60000, timed[timed.length - 1].t - first);
    const x = (t) => PLOT.left + (PLOT.right - PLOT.left) * (t - first) / span;
    const leftValues = timed.flatMap((e) => [e.p[left.field]].concat(left.also ? [e.p[left.also.field]] : []));
    const leftSpan = range(leftValues);
    const rightSpan = range(timed.map((e) => e.p[right.field]));
    if (leftSpan) {
      const y = yScale(leftSpan);
      line(chart, timed, x, y, left.field, left.cls, false);
      if (left.also) line(chart, timed, x, y, left.also.field, left.also.cls, left.also.step);
      for (const v of [leftSpan.low, (leftSpan.low + leftSpan.high) / 2, leftSpan.high]) {
        svg(chart, 'text', { x: PLOT.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'label' }, left.format(v));
      }
    }
    if (rightSpan) {
      const y = yScale(rightSpan);
      line(chart, timed, x, y, right.field, right.cls, false);
      for (const v of [rightSpan.low, (rightSpan.low + rightSpan.high) / 2, rightSpan.high]) {
        svg(chart, 'text', { x: PLOT.right + 4, y: y(v) + 3, 'text-anchor': 'start', class: 'label' },
          right.format(v));
      }
    }
    for (let i = 0; i <= 4; i++) {
      const t = first + span * i / 4;
      svg(chart, 'text', { x: x(t), y: PLOT.bottom + 14, 'text-anchor': 'middle', class: 'label' },
        new Date(t + offset).toISOString().slice(11, 16));
    }
    legend(chart, [[left.cls, left.label]].concat(left.also ? [[left.also.cls, left.also.label]] : [])
      .concat([[right.cls, right.label]]));
  }

  /** A line through the known values, broken where one is unknown; a step line holds each value until the next. */
  function line(chart, timed, x, y, field, cls, step) {
    let path = '';
    let pen = 'M';
    let lastY = null;
    for (const e of timed) {
      const v = e.p[field];
      if (!known(v)) { pen = 'M'; lastY = null; continue; }
      const px = x(e.t).toFixed(1);
      if (step && lastY !== null) path += 'L' + px + ' ' + lastY + ' ';
      lastY = y(v).toFixed(1);
      path += pen + px + ' ' + lastY + ' ';
      pen = 'L';
    }
    if (path) svg(chart, 'path', { d: path, class: cls });
  }
}());
