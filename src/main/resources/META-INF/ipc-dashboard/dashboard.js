// Live view of the server: the cards, tables and charts of each snapshot the feed brings, and the actions of the
// tables' buttons (page.js, charts.js, tables.js, actions.js and feed.js, loaded before this file). Every URL is
// relative: the page is served at <context path>/ipc/dashboard/, Actuator at <context path>/actuator.
(function (dashboard) {
  'use strict';

  var EVENTS_URL = 'events';
  var STATE_URL = 'state';
  var ACTUATOR_URL = '../../actuator/ipc';

  var page = dashboard.page;
  var text = page.text;
  var charts = dashboard.charts();
  var tables = dashboard.tables(dashboard.actions(ACTUATOR_URL));

  function show(snapshot) {
    var point = snapshot.point;
    var now = Date.parse(point.time);
    text('server-time', page.clockTime(new Date(now)));
    text('connections-total', snapshot.connectionCount);
    text('connections-tcp', point.connections.TCP || 0);
    text('connections-websocket', point.connections.WEBSOCKET || 0);
    text('rate-in', page.rate(point.messagesIn));
    text('rate-out', page.rate(point.messagesOut));
    text('latency-p99', point.latency && point.latency.calls > 0 ? point.latency.p99.toFixed(1) : '–');
    text('errors-total', page.sum(snapshot.totals.errors));
    tables.show(snapshot, now);
    charts.draw();
  }

  dashboard.feed({ events: EVENTS_URL, state: STATE_URL }, charts, show).start();
}(window.ipcDashboard));
