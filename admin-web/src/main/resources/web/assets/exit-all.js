// The kill switch on the live page: "Exit all…" opens a guard that says what would exit (every open position, or
// one strategy's), asks for the API token, and only its own confirm button sends POST /api/positions/exit-all.
// The server exits each position exactly once however often this is pressed; the page only reports what it did.
'use strict';

(function () {
  const TOKEN_KEY = 'optionchain.api-token';   // the trading-hours page's key: one token per tab
  const $ = (id) => document.getElementById(id);
  const { text } = window.Dom;
  let open = [];

  async function showGuard() {
    text($('exit-all-result'), '');
    try {
      const response = await fetch('/api/positions?state=open');
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
      open = body.positions;
    } catch (e) {
      text($('exit-all-result'), 'cannot read the open positions: ' + e.message);
      return;
    }
    const scope = $('exit-all-scope');
    const strategies = Array.from(new Set(open.map((p) => p.strategy)));
    const options = [['', 'every strategy']].concat(strategies.map((s) => [s, s]));
    scope.replaceChildren(...options.map(([value, label]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }));
    $('exit-all-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    ask();
    $('exit-all-guard').hidden = false;
  }

  function ask() {
    const strategy = $('exit-all-scope').value;
    const chosen = open.filter((p) => !strategy || p.strategy === strategy);
    const legs = chosen.reduce((n, p) => n + p.legs.length, 0);
    text($('exit-all-question'), chosen.length === 0 ? 'No open position to exit.'
      : 'Exit ' + chosen.length + ' open position' + (chosen.length === 1 ? '' : 's')
        + (strategy ? ' of ' + strategy : '') + ' now? ' + legs + ' exit order' + (legs === 1 ? '' : 's')
        + ' (one per leg, sliced above the freeze quantity) go to the broker at once.');
    $('exit-all-confirm').disabled = chosen.length === 0;
  }

  async function confirm(event) {
    event.preventDefault();
    const strategy = $('exit-all-scope').value;
    const token = $('exit-all-token').value.trim();
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    let response;
    let body = {};
    try {
      response = await fetch('/api/positions/exit-all' + (strategy ? '?strategy=' + encodeURIComponent(strategy) : ''),
        { method: 'POST', headers });
      body = await response.json().catch(() => ({}));
    } catch (e) {
      text($('exit-all-result'), 'exit-all: the server did not answer: ' + e.message);
      return;
    }
    if (!response.ok) {
      text($('exit-all-result'), 'exit-all refused, ' + response.status + ': ' + (body.message || response.statusText));
      return;
    }
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    $('exit-all-guard').hidden = true;
    const skipped = body.skipped.filter((s) => s.state === 'OPEN');
    text($('exit-all-result'), 'exit-all: ' + body.exited.length + ' exiting'
      + (body.skipped.length ? ', ' + body.skipped.length + ' already exiting or ended' : '')
      + (skipped.length ? ' (' + skipped.length + ' refused: ' + skipped.map((s) => '#' + s.id + ' ' + s.reason).join('; ') + ')' : ''));
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('exit-all').addEventListener('click', showGuard);
    $('exit-all-scope').addEventListener('change', ask);
    $('exit-all-guard').addEventListener('submit', confirm);
    $('exit-all-cancel').addEventListener('click', () => {
      $('exit-all-guard').hidden = true;
      text($('exit-all-result'), 'exit-all cancelled: nothing sent');
    });
  });
}());
