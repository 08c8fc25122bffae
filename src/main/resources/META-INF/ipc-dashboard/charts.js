// The four charts over the last chart points (uPlot), and the points themselves.
(function (dashboard) {
  'use strict';

  var page = dashboard.page;
  var HISTORY = 300;
  var CHART_HEIGHT = 200;
  var PALETTE = ['#c0392b', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#2c3e50', '#b7950b', '#1abc9c'];

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

  dashboard.charts = function () {
    var points = [];
    var charts = {};

    function times() { return points.map(function (point) { return Date.parse(point.time) / 1000; }); }

    function column(read) { return points.map(read); }

    // draws a chart; makes it anew when its series change (a new error code)
    function draw(id, series, columns, unit) {
      var container = page.byId(id);
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

    // a wide pale line under a narrow dashed one: where two series are equal both still show
    function drawAll() {
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
        charts[id].plot.setSize({ width: Math.max(300, page.byId(id).clientWidth), height: CHART_HEIGHT });
      });
    });

    return {
      // the server's chart points so far (it keeps as many as the page shows)
      replace: function (history) { points = history.slice(-HISTORY); },
      add: function (point) {
        var last = points[points.length - 1];
        if (last && Date.parse(point.time) <= Date.parse(last.time)) { return; }
        points.push(point);
        while (points.length > HISTORY) { points.shift(); }
      },
      draw: drawAll
    };
  };
}(window.ipcDashboard));
