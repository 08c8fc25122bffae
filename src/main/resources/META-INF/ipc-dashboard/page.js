// What every part of the dashboard uses: finding and filling elements, formatting figures and times, and the
// status and notice lines at the top. Loaded first; the other files add their parts to window.ipcDashboard.
(function (dashboard) {
  'use strict';

  function byId(id) { return document.getElementById(id); }

  function text(id, value) { byId(id).textContent = value; }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function sum(counts) {
    return Object.keys(counts || {}).reduce(function (total, key) { return total + counts[key]; }, 0);
  }

  function rate(value) { return value < 10 ? value.toFixed(1) : Math.round(value).toString(); }

  function clockTime(date) { return date.toLocaleTimeString([], { hour12: false }); }

  function since(iso, now) {
    var seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
    if (seconds < 60) { return seconds + ' s'; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + ' min'; }
    return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  }

  function status(state, label) {
    var node = byId('status');
    node.dataset.state = state;
    node.textContent = label;
  }

  function notice(kind, message) {
    var node = byId('notice');
    node.dataset.kind = kind;
    node.textContent = message;
    node.hidden = false;
  }

  dashboard.page = {
    byId: byId, text: text, element: element, sum: sum, rate: rate, clockTime: clockTime, since: since,
    status: status, notice: notice
  };
}(window.ipcDashboard = window.ipcDashboard || {}));
