// Live view of the server. The service pushes a snapshot every second as a server-sent event ("events"); every
// rate in it was computed by the server from its own counters and clock, so a throttled tab still shows right
// figures. Where the event stream cannot be used the page polls "state" instead. Actions call the ipc Actuator
// endpoint. Every URL is relative: the page is served at <context path>/ipc/dashboard/, Actuator at
// <context path>/actuator.
(function () {
  'use strict';

  var EVENTS_URL = 'events';
  var STATE_URL = 'state';
  var ACTUATOR_URL = '../../actuator/ipc';
  var POLL_MS = 1000;
  var STALE_MS = 5000;
  var HISTORY = 300;
  var CHART_HEIGHT = 200;

  var points = [];
  var charts = {};
  var lastSnapshotAt = 0;
  var eventsFailed = 0;
  var polling = false;
  var source = null;

  // ---- small helpers -------------------------------------------------------------------------------------------

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

  // ---- charts --------------------------------------------------------------------------------------------------

  var PALETTE = ['#c0392b', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#2c3e50', '#b7950b', '#1abc9c'];

  function times() { return points.map(function (point) { return Date.parse(point.time) / 1000; }); }

  function chartOptions(element, series, unit) {
    return {
      width: Math.max(300, element.clientWidth),
      height: CHART_HEIGHT,
      series: [{}].concat(series.map(function (s) {
        return { label: s.label, stroke: s.stroke, width: s.width || 2, dash: s.dash, spanGaps: false,
          value: function (u, v) { return v == null ? '–' : (v < 10 ? v.toFixed(2) : v.toFixed(0)) + unit; } };
      })),
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      axes: [{ stroke: '#6b7385', grid: { stroke: '#eef0f4' } },
        { stroke: '#6b7385', grid: { stroke: '#eef0f4' }, size: 50 }],
      // labels only: the cards above show the latest figures
      legend: { live: false },
      cursor: { drag: { x: false, y: false } }
    };
  }

  // draws a chart; makes it anew when its series change (a new error code)
  function draw(id, series, columns, unit) {
    var container = byId(id);
    var key = series.map(function (s) { return s.label; }).join('|');
    var chart = charts[id];
    var data = [times()].concat(columns);
    if (chart && chart.key === key) {
      chart.plot.setData(data);
      return;
    }
    if (chart) { chart.plot.destroy(); }
    charts[id] = { key: key, plot: new uPlot(chartOptions(container, series, unit), data, container) };
  }

  function column(read) { return points.map(read); }

  // a wide pale line under a narrow dashed one: where two series are equal both still show
  function drawCharts() {
    draw('chart-messages', [
      { label: 'in', stroke: 'rgba(47, 111, 223, 0.7)', width: 4 },
      { label: 'out', stroke: '#e07a1f', width: 2, dash: [6, 4] }
    ], [column(function (p) { return p.messagesIn; }), column(function (p) { return p.messagesOut; })], '/s');
    draw('chart-connections', [
      { label: 'TCP', stroke: 'rgba(108, 79, 209, 0.6)', width: 4 },
      { label: 'WebSocket', stroke: '#129e8a', width: 2, dash: [6, 4] }
    ], [column(function (p) { return p.connections.TCP || 0; }),
      column(function (p) { return p.connections.WEBSOCKET || 0; })], '');
    var latency = function (field) {
      return column(function (p) { return p.latency && p.latency.calls > 0 ? p.latency[field] : null; });
    };
    draw('chart-latency', [
      { label: 'p50', stroke: '#2e8b57' },
      { label: 'p95', stroke: '#e07a1f' },
      { label: 'p99', stroke: '#c0392b' }
    ], [latency('p50'), latency('p95'), latency('p99')], ' ms');
    var codes = {};
    points.forEach(function (p) { Object.keys(p.errors || {}).forEach(function (code) { codes[code] = true; }); });
    var names = Object.keys(codes).sort();
    if (names.length === 0) {
      draw('chart-errors', [{ label: 'errors', stroke: '#c0392b' }], [column(function () { return 0; })], '/s');
    }
    else {
      draw('chart-errors', names.map(function (code, index) {
        return { label: code, stroke: PALETTE[index % PALETTE.length] };
      }), names.map(function (code) { return column(function (p) { return (p.errors || {})[code] || 0; }); }), '/s');
    }
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) {
      charts[id].plot.setSize({ width: Math.max(300, byId(id).clientWidth), height: CHART_HEIGHT });
    });
  });

  function addPoint(point) {
    var last = points[points.length - 1];
    if (last && Date.parse(point.time) <= Date.parse(last.time)) { return; }
    points.push(point);
    while (points.length > HISTORY) { points.shift(); }
  }

  // ---- tables --------------------------------------------------------------------------------------------------

  // updates a table in place, row by key, so that a button being clicked is not replaced under the pointer
  function syncRows(tableId, items, keyOf, create, update, emptyText, columns) {
    var body = byId(tableId).tBodies[0];
    var rows = {};
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.dataset.key !== undefined) { rows[row.dataset.key] = row; } else { row.remove(); }
    });
    var keep = {};
    items.forEach(function (item) {
      var key = keyOf(item);
      keep[key] = true;
      var row = rows[key];
      if (!row) {
        row = create(item);
        row.dataset.key = key;
      }
      update(row, item);
      body.appendChild(row);
    });
    Object.keys(rows).forEach(function (key) { if (!keep[key]) { rows[key].remove(); } });
    if (items.length === 0) {
      var empty = element('tr', 'empty');
      var cell = element('td', null, emptyText);
      cell.colSpan = columns;
      empty.appendChild(cell);
      body.appendChild(empty);
    }
  }

  function cells(row, classes) {
    classes.forEach(function (className) { row.appendChild(element('td', className)); });
    return row;
  }

  function setCells(row, values) {
    values.forEach(function (value, index) {
      var cell = row.cells[index];
      if (cell.textContent !== String(value)) { cell.textContent = value; }
    });
  }

  function renderConnections(snapshot, now) {
    var list = snapshot.connections || [];
    text('connections-shown', list.length < snapshot.connectionCount
      ? 'oldest ' + list.length + ' of ' + snapshot.connectionCount : '');
    syncRows('connections', list, function (c) { return c.id; }, function (c) {
      var row = cells(element('tr'), ['id', 'app', 'transport', 'remote', 'since', 'num in', 'num out', 'num queued',
        'subscriptions', 'action']);
      row.dataset.connection = c.id;
      var button = element('button', 'danger disconnect', 'Disconnect');
      button.addEventListener('click', function () { disconnect(c.id, button); });
      row.cells[9].appendChild(button);
      return row;
    }, function (row, c) {
      row.cells[0].title = c.id;
      row.cells[4].title = c.connectedSince;
      setCells(row, [c.id, c.app, c.transport === 'WEBSOCKET' ? 'WebSocket' : c.transport, c.remoteAddress,
        clockTime(new Date(c.connectedSince)) + ' (' + since(c.connectedSince, now) + ')', c.messagesIn,
        c.messagesOut, c.sendQueueBytes, (c.subscriptions || []).join(', ')]);
    }, 'no connections', 10);
  }

  function renderChannels(snapshot) {
    syncRows('channels', snapshot.channels || [], function (c) { return c.app + '\u0000' + c.channel; }, function (c) {
      var row = cells(element('tr'), ['app', 'channel', 'num subscribers', 'num serving', 'num in', 'num out',
        'action']);
      row.dataset.app = c.app;
      row.dataset.channel = c.channel;
      var button = element('button', 'publish', 'Publish test');
      button.addEventListener('click', function () { publish(c.app, c.channel, button); });
      row.cells[6].appendChild(button);
      return row;
    }, function (row, c) {
      setCells(row, [c.app, c.channel, c.subscribers, c.serving, rate(c.messagesIn), rate(c.messagesOut)]);
    }, 'no channels yet', 7);
  }

  function renderErrors(snapshot) {
    var totals = snapshot.totals.errors || {};
    var perSecond = snapshot.point.errors || {};
    var codes = Object.keys(totals).filter(function (code) { return totals[code] > 0; }).sort();
    syncRows('errors', codes, function (code) { return code; }, function (code) {
      var row = cells(element('tr'), ['code', 'num total', 'num rate']);
      row.dataset.code = code;
      return row;
    }, function (row, code) {
      setCells(row, [code, totals[code], rate(perSecond[code] || 0)]);
    }, 'no errors', 3);
  }

  function render(snapshot) {
    var point = snapshot.point;
    var now = Date.parse(point.time);
    lastSnapshotAt = Date.now();
    text('server-time', clockTime(new Date(now)));
    text('connections-total', snapshot.connectionCount);
    text('connections-tcp', point.connections.TCP || 0);
    text('connections-websocket', point.connections.WEBSOCKET || 0);
    text('rate-in', rate(point.messagesIn));
    text('rate-out', rate(point.messagesOut));
    text('latency-p99', point.latency && point.latency.calls > 0 ? point.latency.p99.toFixed(1) : '–');
    text('errors-total', sum(snapshot.totals.errors));
    renderConnections(snapshot, now);
    renderChannels(snapshot);
    renderErrors(snapshot);
    drawCharts();
  }

  // ---- the feed ------------------------------------------------------------------------------------------------

  function connectEvents() {
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource(EVENTS_URL);
    source.addEventListener('history', function (event) {
      points = JSON.parse(event.data);
      drawCharts();
    });
    source.addEventListener('snapshot', function (event) {
      var snapshot = JSON.parse(event.data);
      addPoint(snapshot.point);
      render(snapshot);
      eventsFailed = 0;
      byId('status').dataset.feed = 'events';
      status('live', 'live');
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        // refused (401, 404): an EventSource cannot ask for credentials, a fetch can
        eventsFailed++;
        startPolling();
      }
      else {
        status('connecting', 'reconnecting…');
      }
    });
  }

  function startPolling() {
    if (!polling) {
      polling = true;
      poll();
    }
  }

  function poll() {
    fetch(STATE_URL, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) { throw new Error('sign in to see the server (the Actuator\u2019s credentials)'); }
        if (response.status === 404) { throw new Error('no live feed: expose the ipc Actuator endpoint'); }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (state) {
        if (state.snapshot) {
          points = state.history.slice(-HISTORY);
          render(state.snapshot);
        }
        if (eventsFailed === 1) {
          // the fetch may have brought the credentials the event stream lacked: try it once more
          polling = false;
          connectEvents();
          return;
        }
        byId('status').dataset.feed = 'polling';
        status('live', 'live');
        setTimeout(poll, POLL_MS);
      })
      .catch(function (error) {
        if (error.message.indexOf('sign in') === 0) {
          // asking again at once would put the browser's sign-in prompt straight back: wait for a click
          status('locked', error.message + ' \u2013 click to sign in');
          byId('status').onclick = function () { byId('status').onclick = null; poll(); };
          return;
        }
        status('down', error.message);
        setTimeout(poll, POLL_MS * 5);
      });
  }

  setInterval(function () {
    if (lastSnapshotAt && Date.now() - lastSnapshotAt > STALE_MS) {
      status('down', 'no data for ' + Math.round((Date.now() - lastSnapshotAt) / 1000) + ' s');
    }
  }, POLL_MS);

  // ---- actions -------------------------------------------------------------------------------------------------

  // on a 401 the browser asks for the Actuator's credentials itself; a 401 that reaches here was cancelled
  function act(method, url, body) {
    var init = { method: method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      if (response.status === 401) { throw new Error('this action needs the Actuator\u2019s credentials; try again and sign in'); }
      if (response.status === 403 || response.status === 405) {
        throw new Error('not allowed: the ipc endpoint is read-only here');
      }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        return { status: response.status, answer: answer };
      });
    });
  }

  function disconnect(id, button) {
    button.disabled = true;
    act('DELETE', ACTUATOR_URL + '/connections/' + encodeURIComponent(id))
      .then(function (result) {
        notice('info', result.status === 200 ? 'Disconnected ' + id : 'Already gone: ' + id);
      })
      .catch(function (error) { notice('error', error.message); button.disabled = false; });
  }

  // Actuator takes body values as strings: the payload goes as JSON text
  function testMessage() {
    var raw = byId('test-message').value;
    try { return JSON.parse(raw); } catch (notJson) { return raw; }
  }

  function publish(app, channel, button) {
    button.disabled = true;
    act('POST', ACTUATOR_URL + '/channels/' + encodeURIComponent(app) + '/' + encodeURIComponent(channel),
      { payload: JSON.stringify(testMessage()) })
      .then(function (result) {
        if (result.status === 200) {
          notice('info', 'Published to ' + app + '/' + channel + ': ' + result.answer.subscribers + ' subscriber'
            + (result.answer.subscribers === 1 ? '' : 's'));
        }
        else if (result.status === 404 && result.answer.channel === channel) {
          notice('error', 'No channel ' + app + '/' + channel + ' any more');
        }
        else {
          // without write access Actuator maps no POST here at all
          notice('error', 'Publish refused (HTTP ' + result.status + '): is the ipc endpoint read-only here?');
        }
      })
      .catch(function (error) { notice('error', error.message); })
      .then(function () { button.disabled = false; });
  }

  connectEvents();
}());
