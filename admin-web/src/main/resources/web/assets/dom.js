// The two DOM writes every page script makes: text set only when it changed (so a 4-per-second update does
// not relayout an unchanged cell), and an element built with its class and text, never with HTML. Shared by
// the chain page, its positions panel and the trading-hours page; loaded before them.
'use strict';

window.Dom = (function () {
  function text(el, value) {
    if (el.textContent !== value) el.textContent = value;
  }
  function element(name, cls, content) {
    const el = document.createElement(name);
    if (cls) el.className = cls;
    if (content !== undefined) el.textContent = content;
    return el;
  }
  return Object.freeze({ text, element });
}());
