// The trading-hours page: the active template's week, its holidays (the server's merged in) with add and remove,
// the template switch, JSON import and export, and the lifecycle's live status. Everything comes from
// GET /api/trading-hours and GET /api/option-chain/status as JSON and is written with textContent or DOM
// properties, never parsed as HTML. Changes carry the API token the person typed in, kept for this tab only.
'use strict';

(function () {
  const { weekday, openTime, day, timeOfDay } = window.ExchangeTime;
  const { text, element } = window.Dom;
  const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  const PERIODS = [['pre_open', 'pre-open'], ['normal', 'normal'], ['post_close', 'post-close']];
  const MINUTES_A_DAY = 24 * 60;
  const STATUS_EVERY_MS = 2000;
  /** The hours change with edits and applies (reloaded after each) and the now line moves: a slow refresh too. */
  const HOURS_EVERY_MS = 60000;
  const SHOWN_TRANSITIONS = 6;
  const TOKEN_KEY = 'optionchain.api-token';
  const SERVER_HOLIDAY = 'from OpenAlgo\'s calendar, fetched again from the server every few hours: '
    + 'it cannot be removed here (the server wins for the dates it knows)';

  const state = { hours: null, exported: null };
  const $ = (id) => document.getElementById(id);

  function words(wire) {
    return wire ? wire.replace(/_/g, ' ') : '–';
  }
  function show(id, value) {
    const el = $(id);
    text(el, value || '');
    if (el.classList.contains('error')) el.hidden = !value;
  }

  // ---- the server ----
  async function readJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  /** A change: the token goes with it; the answer is {ok, body} or {ok: false, message} with the status first. */
  async function change(method, url, body) {
    const headers = { Accept: 'application/json' };
    const token = $('token').value.trim();
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, { method, headers, body });
    } catch (e) {
      return { ok: false, message: 'the server did not answer: ' + e.message };
    }
    const reply = await response.json().catch(() => ({}));
    $('token').classList.toggle('needs-token', response.status === 401 || response.status === 403);
    if (response.ok) return { ok: true, status: response.status, body: reply };
    let message = response.status + ': ' + (reply.message || response.statusText);
    if (response.status === 401) {
      message = '401: no API token: type it into "API token" at the top (the server\'s DATA/api-token, or its '
        + 'server.token / OPTIONCHAIN_API_TOKEN)';
    } else if (response.status === 403) {
      message = '403: the API token is wrong: check "API token" at the top';
    }
    return { ok: false, status: response.status, message };
  }

  async function loadHours() {
    try {
      state.hours = await readJson('/api/trading-hours');
      showHours(state.hours);
      show('message', '');
    } catch (e) {
      show('message', 'trading hours unavailable: ' + e.message);
    }
  }

  function activeTemplate(hours) {
    return hours.templates.find((t) => t.name === hours.active);
  }

  function showHours(hours) {
    const template = activeTemplate(hours);
    text($('week-template'), hours.active);
    text($('holidays-template'), hours.active);
    text($('week-zone'), hours.timezone);
    showWeek(template, hours);
    showSpecialSessions(template, hours.now.slice(0, 10));
    showHolidays(hours.holidays, hours.now.slice(0, 10));
    showTemplateNames(hours);
  }

  // ---- the week ----
  function minutes(hhmm) {
    const [h, m] = hhmm.split(':').map(Number);
    const value = h * 60 + m;
    return value === 0 ? MINUTES_A_DAY : value; // an end of 00:00 is midnight, as in the template's rules
  }
  function percent(part) {
    return (Math.round(part / MINUTES_A_DAY * 1e6) / 1e4) + '%';
  }

  function showWeek(template, hours) {
    const today = hours.now.slice(0, 10);
    const todayName = weekday(today).toUpperCase();
    // what makes today unusual: a holiday (the server's too) or a special session, with its window as planned
    const event = hours.holidays.find((h) => h.date === today && h.type !== 'settlement_holiday')
      || template.special_sessions.find((s) => s.date === today);
    const special = hours.today.find((p) => p.session === 'special');
    const axis = $('axis-track');
    axis.replaceChildren();
    for (let hour = 0; hour <= 24; hour += 3) {
      const tick = axis.appendChild(element('span', 'hour', String(hour).padStart(2, '0') + ':00'));
      tick.style.left = percent(hour * 60);
    }
    const rows = DAYS.map((name) => {
      const row = element('div', 'day');
      row.dataset.day = name;
      const label = row.appendChild(element('span', 'day-name', name));
      const track = row.appendChild(element('div', 'track'));
      const times = row.appendChild(element('span', 'times'));
      const sessions = template.weekdays[name];
      if (!sessions) {
        times.appendChild(element('span', 'closed', 'closed'));
        row.classList.add('closed-day');
      }
      for (const [key, period] of sessions ? PERIODS : []) {
        const span = sessions[key];
        if (!span) continue;
        const start = span[0] === '00:00' ? 0 : minutes(span[0]);
        const bar = track.appendChild(element('span', 'period period-' + key));
        bar.style.left = percent(start);
        bar.style.width = percent(minutes(span[1]) - start);
        bar.title = period + ' ' + span[0] + '–' + span[1];
        const time = times.appendChild(element('span', 'time', period + ' ' + span[0] + '–' + span[1]));
        time.dataset.session = key;
      }
      if (name === todayName) {
        row.classList.add('today');
        // a holiday today: the weekday's bars are not today's plan, so they fade
        row.classList.toggle('off-today', Boolean(sessions) && hours.today.length === 0);
        label.after(element('span', 'today-mark', 'today' + (event ? ': ' + event.description : '')
          + (special ? ' ' + special.start + '–' + special.end : '')));
        const now = track.appendChild(element('span', 'now-line'));
        now.style.left = percent(minutes(timeOfDay(hours.now).slice(0, 5)) % MINUTES_A_DAY);
        now.title = 'now: ' + timeOfDay(hours.now);
      }
      return row;
    });
    $('week').replaceChildren($('axis'), ...rows);
  }

  function showSpecialSessions(template, today) {
    const items = template.special_sessions.map((s) => {
      const item = element('li', s.date < today ? 'past' : '', day(s.date) + ' · ' + s.description + ' · '
        + s.normal.join('–'));
      item.dataset.date = s.date;
      return item;
    });
    $('special-sessions').replaceChildren(...(items.length ? items : [element('li', 'muted', 'none')]));
  }

  // ---- holidays: upcoming first, then the year's earlier ones ----
  function showHolidays(holidays, today) {
    const sorted = holidays.slice().sort((a, b) => a.date.localeCompare(b.date));
    const upcoming = sorted.filter((h) => h.date >= today);
    const past = sorted.filter((h) => h.date < today && h.date.slice(0, 4) === today.slice(0, 4));
    const rows = upcoming.map((h) => holidayRow(h, false));
    if (past.length) {
      const divider = element('tr', 'divider');
      const cell = divider.appendChild(element('td', '', 'earlier in ' + today.slice(0, 4)));
      cell.colSpan = 6;
      rows.push(divider, ...past.map((h) => holidayRow(h, true)));
    }
    if (!rows.length) {
      const empty = element('tr', 'empty');
      empty.appendChild(element('td', 'muted', 'no holidays')).colSpan = 6;
      rows.push(empty);
    }
    $('holidays-body').replaceChildren(...rows);
  }

  function holidayRow(h, past) {
    const tr = element('tr', 'holiday' + (past ? ' past' : '') + ' type-' + h.type.replace(/_/g, '-'));
    tr.dataset.date = h.date;
    tr.dataset.source = h.source;
    tr.appendChild(element('td', 'date', h.date));
    tr.appendChild(element('td', 'weekday', weekday(h.date)));
    tr.appendChild(element('td', 'description', h.description));
    tr.appendChild(element('td', 'type', words(h.type)));
    tr.appendChild(element('td', 'source source-' + h.source, h.source));
    const action = tr.appendChild(element('td', 'action'));
    if (h.source === 'openalgo') {
      action.appendChild(element('span', 'locked', 'server')).title = SERVER_HOLIDAY;
    } else {
      const remove = action.appendChild(element('button', 'remove', 'Remove'));
      remove.type = 'button';
      remove.title = 'remove ' + h.date + ' from ' + state.hours.active;
      remove.addEventListener('click', () => removeHoliday(h.date));
    }
    return tr;
  }

  async function addHoliday(event) {
    event.preventDefault();
    const body = { date: $('holiday-date').value, type: $('holiday-type').value };
    const description = $('holiday-description').value.trim();
    if (description) body.description = description;
    const reply = await change('POST', '/api/trading-hours/holidays', JSON.stringify(body));
    show('holiday-error', reply.ok ? '' : reply.message);
    if (reply.ok) {
      $('holiday-form').reset();
      await loadHours();
    }
  }

  async function removeHoliday(date) {
    const reply = await change('DELETE', '/api/trading-hours/holidays/' + encodeURIComponent(date));
    show('holiday-error', reply.ok ? '' : reply.message);
    if (reply.ok) await loadHours();
  }

  // ---- templates: switch, export, import ----
  function showTemplateNames(hours) {
    const select = $('template-select');
    const names = hours.templates.map((t) => t.name);
    const current = Array.from(select.options).map((o) => o.value);
    if (names.join() !== current.join()) {
      const chosen = select.value;
      select.replaceChildren(...names.map((name) => {
        const option = element('option', '', name);
        option.value = name;
        return option;
      }));
      select.value = names.includes(chosen) ? chosen : hours.active;
    }
    for (const option of select.options) {
      text(option, option.value + (option.value === hours.active ? ' (active)' : ''));
    }
  }

  async function apply(event) {
    event.preventDefault();
    const name = $('template-select').value;
    show('apply-result', '');
    const reply = await change('POST', '/api/trading-hours/apply', JSON.stringify({ template: name }));
    show('apply-error', reply.ok ? '' : reply.message);
    if (!reply.ok) return;
    const r = reply.body;
    const next = r.next_session;
    show('apply-result', r.active + ' active · now ' + words(r.session) + ' · ' + (next
      ? 'next: ' + words(next.session) + ' ' + openTime(next.start) + '–' + timeOfDay(next.end).slice(0, 5)
      : r.market_open ? 'open without a break' : 'no session within two years'));
    await loadHours();
    pollStatus();
  }

  function exportTemplate() {
    const name = $('template-select').value;
    const template = state.hours && state.hours.templates.find((t) => t.name === name);
    if (!template) return;
    if (state.exported) URL.revokeObjectURL(state.exported);
    state.exported = URL.createObjectURL(new Blob([JSON.stringify(template, null, 2) + '\n'],
      { type: 'application/json' }));
    const link = element('a');
    link.href = state.exported;
    link.download = name + '.json';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // the name to save under follows the pasted JSON's own, which the server requires to match
  function nameFromText() {
    try {
      const name = JSON.parse($('import-text').value).name;
      if (typeof name === 'string') $('import-name').value = name;
    } catch (e) {
      // not JSON (yet): the server names the mistake when it is sent
    }
  }

  async function readFile() {
    const file = $('import-file').files[0];
    if (!file) return;
    $('import-text').value = await file.text();
    nameFromText();
  }

  async function importTemplate(event) {
    event.preventDefault();
    const name = $('import-name').value.trim();
    show('import-result', '');
    if (!name) {
      show('import-error', 'name the template under "Save as" (the JSON\'s "name")');
      return;
    }
    const reply = await change('PUT', '/api/trading-hours/templates/' + encodeURIComponent(name),
      $('import-text').value);
    show('import-error', reply.ok ? '' : reply.message);
    if (!reply.ok) return;
    show('import-result', name + (reply.status === 201 ? ' created' : ' replaced'));
    await loadHours();
    $('template-select').value = name;
  }

  // ---- live status ----
  async function pollStatus() {
    try {
      showStatus(await readJson('/api/option-chain/status'));
    } catch (e) {
      text($('feed'), 'server unreachable');
      $('feed').className = 'state-bad';
    }
  }

  function showStatus(s) {
    const m = s.market;
    const feed = s.feed || {};
    text($('feed'), (feed.state || '–').toLowerCase() + (feed.detail ? ': ' + feed.detail : ''));
    $('feed').className = feed.state === 'CONNECTED' ? 'state-ok' : m && !m.market_open ? 'state-idle' : 'state-bad';
    if (!m) return;
    text($('template'), m.template);
    text($('session'), m.session);
    text($('market'), m.market_open ? 'open' : 'closed');
    $('market').className = m.market_open ? 'state-ok' : 'state-idle';
    text($('next-open'), m.next_open ? openTime(m.next_open) : 'none');
    $('next-open').title = m.next_open || 'no open within two years: the market never closes, or has no sessions';
    text($('lifecycle'), words(m.lifecycle.state));
    $('lifecycle').title = m.lifecycle.cause;
    text($('cause'), m.lifecycle.cause + ' (since ' + openTime(m.lifecycle.since) + ')');
    showTransitions(m.lifecycle.transitions);
    // applied elsewhere (another page, curl): follow it
    if (state.hours && m.template !== state.hours.active) loadHours();
  }

  function showTransitions(transitions) {
    const items = transitions.slice(-SHOWN_TRANSITIONS).reverse().map((t) => {
      const item = element('li', 'transition');
      item.appendChild(element('span', 't-time', day(t.at.slice(0, 10)).slice(0, -5) + ' ' + timeOfDay(t.at)));
      item.appendChild(element('span', 't-state t-state-' + t.state, words(t.state)));
      if (t.session) item.appendChild(element('span', 't-session muted', words(t.session)));
      item.appendChild(element('span', 't-cause', t.cause));
      return item;
    });
    const list = $('transitions');
    const wanted = items.map((i) => i.textContent).join('|');
    if (list.dataset.shown !== wanted) {
      list.replaceChildren(...(items.length ? items : [element('li', 'muted', 'none yet')]));
      list.dataset.shown = wanted;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const token = $('token');
    token.value = sessionStorage.getItem(TOKEN_KEY) || '';
    token.addEventListener('change', () => {
      sessionStorage.setItem(TOKEN_KEY, token.value.trim());
      token.classList.remove('needs-token');
    });
    $('holiday-form').addEventListener('submit', addHoliday);
    $('apply-form').addEventListener('submit', apply);
    $('export').addEventListener('click', exportTemplate);
    $('import-form').addEventListener('submit', importTemplate);
    $('import-file').addEventListener('change', readFile);
    $('import-text').addEventListener('input', nameFromText);
    loadHours();
    pollStatus();
    setInterval(pollStatus, STATUS_EVERY_MS);
    setInterval(loadHours, HOURS_EVERY_MS);
  });
}());
