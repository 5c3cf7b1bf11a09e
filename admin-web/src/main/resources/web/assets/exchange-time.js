// Times as the exchange states them: read from the ISO-8601 text the server wrote in the exchange's zone (its
// offset), never converted through the browser's own zone or clock. Shared by the chain page and the
// trading-hours page; loaded before both.
'use strict';

window.ExchangeTime = (function () {
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** "Fri" for "2026-12-25": the calendar's weekday of a date, whatever the browser's zone. */
  function weekday(date) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date || '');
    return match ? WEEKDAYS[new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).getUTCDay()] : '';
  }
  /** "Mon 28 Dec 09:15" from "2026-12-28T09:15:00+05:30", in the exchange's own time as the offset gives it. */
  function openTime(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso || '');
    if (!match) return iso;
    return weekday(iso) + ' ' + (+match[3]) + ' ' + MONTHS[+match[2] - 1] + ' ' + match[4];
  }
  /** "Sun 8 Nov 2026" from "2026-11-08". */
  function day(date) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
    return match ? weekday(date) + ' ' + (+match[3]) + ' ' + MONTHS[+match[2] - 1] + ' ' + match[1] : date;
  }
  /** "10:00:03" from "2026-12-25T10:00:03.25+05:30". */
  function timeOfDay(iso) {
    const match = /T(\d{2}:\d{2}:\d{2})/.exec(iso || '');
    return match ? match[1] : '–';
  }
  return Object.freeze({ weekday, openTime, day, timeOfDay });
}());
