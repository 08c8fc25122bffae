// Live view of /actuator/ipc: polls once a second and redraws; rates come from the difference of the totals.
(function () {
  'use strict';

  var POLL_MS = 1000;
  var SAMPLES = 60;
  var history = [];
  var previous = null;

  function sum(counts) {
    return Object.keys(counts || {}).reduce(function (total, key) { return total + counts[key]; }, 0);
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function renderTree(apps) {
    var tree = document.getElementById('apps');
    tree.replaceChildren();
    var ids = Object.keys(apps);
    if (ids.length === 0) {
      tree.appendChild(element('li', 'empty', 'no applications yet'));
      return;
    }
    ids.forEach(function (appId) {
      var app = apps[appId];
      var item = element('li', 'app');
      item.dataset.app = appId;
      item.appendChild(element('span', 'name', appId));
      item.appendChild(element('span', 'meta', ' — ' + app.connections + ' connection' + (app.connections === 1 ? '' : 's')));
      var channels = element('ul');
      app.channels.forEach(function (channel) {
        var line = element('li', 'channel', channel.channelId);
        line.dataset.channel = channel.channelId;
        line.appendChild(element('span', 'meta subscribers',
          ' ' + channel.subscribers + ' subscriber' + (channel.subscribers === 1 ? '' : 's')));
        channels.appendChild(line);
      });
      item.appendChild(channels);
      tree.appendChild(item);
    });
  }

  function points(values, max, width, height) {
    var step = width / (SAMPLES - 1);
    var offset = SAMPLES - values.length;
    return values.map(function (value, index) {
      return ((offset + index) * step).toFixed(1) + ',' + (height - (value / max) * (height - 10)).toFixed(1);
    }).join(' ');
  }

  function renderChart() {
    var svg = document.getElementById('rate-chart');
    var width = 600, height = 160;
    var ins = history.map(function (sample) { return sample.in; });
    var outs = history.map(function (sample) { return sample.out; });
    var max = Math.max(1, Math.max.apply(null, ins.concat(outs)));
    var ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    [0.25, 0.5, 0.75].forEach(function (fraction) {
      var line = document.createElementNS(ns, 'line');
      var y = height - fraction * (height - 10);
      line.setAttribute('class', 'grid');
      line.setAttribute('x1', 0); line.setAttribute('x2', width);
      line.setAttribute('y1', y); line.setAttribute('y2', y);
      svg.appendChild(line);
    });
    var label = document.createElementNS(ns, 'text');
    label.setAttribute('class', 'axis');
    label.setAttribute('x', 4); label.setAttribute('y', 12);
    label.textContent = max.toFixed(max < 10 ? 1 : 0) + '/s';
    svg.appendChild(label);
    [['in', ins], ['out', outs]].forEach(function (series) {
      var line = document.createElementNS(ns, 'polyline');
      line.setAttribute('class', series[0]);
      line.setAttribute('points', points(series[1], max, width, height));
      svg.appendChild(line);
    });
  }

  function render(report, at) {
    var byTransport = report.connectionsByTransport || {};
    text('connections-total', report.connections);
    text('connections-tcp', byTransport.TCP || 0);
    text('connections-websocket', byTransport.WEBSOCKET || 0);
    text('errors-total', sum(report.totals.errors));
    var totals = { in: sum(report.totals.messagesReceived), out: sum(report.totals.messagesSent), at: at };
    if (previous) {
      var seconds = Math.max(0.001, (totals.at - previous.at) / 1000);
      var sample = { in: (totals.in - previous.in) / seconds, out: (totals.out - previous.out) / seconds };
      history.push(sample);
      if (history.length > SAMPLES) { history.shift(); }
      text('rate-in', sample.in.toFixed(1));
      text('rate-out', sample.out.toFixed(1));
      renderChart();
    }
    previous = totals;
    renderTree(report.apps || {});
  }

  function status(state, label) {
    var node = document.getElementById('status');
    node.dataset.state = state;
    node.textContent = label;
  }

  // the page is served at <context path>/ipc/dashboard/, Actuator at <context path>/actuator
  var REPORT_URL = '../../actuator/ipc';

  function poll() {
    fetch(REPORT_URL, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (report) {
        render(report, Date.now());
        status('live', 'live');
      })
      .catch(function (error) { status('down', 'unreachable: ' + error.message); })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
}());
