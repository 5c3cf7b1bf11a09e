// Numbers as an Indian trader reads them: quantities grouped in lakhs and crores (12,34,56,789), prices with two
// decimals grouped the same way. Shared by the chain and the positions panel; loaded before both.
'use strict';

window.IndianNumbers = (function () {
  function groupIndian(digits) {
    const last3 = digits.slice(-3);
    const rest = digits.slice(0, -3);
    return rest ? rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',') + ',' + last3 : last3;
  }
  function known(value) {
    return value !== null && value !== undefined && Number.isFinite(value);
  }
  function quantity(value) {
    if (!known(value)) return '–';
    const sign = value < 0 ? '-' : '';
    return sign + groupIndian(String(Math.trunc(Math.abs(value))));
  }
  function price(value) {
    if (!known(value)) return '–';
    const [whole, fraction] = Math.abs(value).toFixed(2).split('.');
    const sign = value < 0 && (whole !== '0' || fraction !== '00') ? '-' : '';
    return sign + groupIndian(whole) + '.' + fraction;
  }
  /** A profit or loss: an explicit + for a gain, so the sign reads without the colour. */
  function pnl(value) {
    const text = price(value);
    return known(value) && text !== '0.00' && value > 0 ? '+' + text : text;
  }
  function strike(value) {
    return Number.isInteger(value) ? groupIndian(String(value)) : price(value);
  }
  return Object.freeze({ known, quantity, price, pnl, strike });
}());
