// The connections, channels and errors tables, updated in place from each snapshot, with each row's button.
(function (dashboard) {
  'use strict';

  var page = dashboard.page;
  var element = page.element;

  // updates a table in place, row by key, so that a button being clicked is not replaced under the pointer
  function syncRows(tableId, items, keyOf, create, update, emptyText, columns) {
    var body = page.byId(tableId).tBodies[0];
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

  /** @param actions what the rows' buttons do: disconnect(id, button), publish(app, channel, button) */
  dashboard.tables = function (actions) {

    function renderConnections(snapshot, now) {
      var list = snapshot.connections || [];
      page.text('connections-shown', list.length < snapshot.connectionCount
        ? 'oldest ' + list.length + ' of ' + snapshot.connectionCount : '');
      syncRows('connections', list, function (c) { return c.id; }, function (c) {
        var row = cells(element('tr'), ['id', 'app', 'transport', 'remote', 'since', 'num in', 'num out', 'num queued',
          'subscriptions', 'action']);
        row.dataset.connection = c.id;
        var button = element('button', 'danger disconnect', 'Disconnect');
        button.addEventListener('click', function () { actions.disconnect(c.id, button); });
        row.cells[9].appendChild(button);
        return row;
      }, function (row, c) {
        row.cells[0].title = c.id;
        row.cells[4].title = c.connectedSince;
        setCells(row, [c.id, c.app, c.transport === 'WEBSOCKET' ? 'WebSocket' : c.transport, c.remoteAddress,
          page.clockTime(new Date(c.connectedSince)) + ' (' + page.since(c.connectedSince, now) + ')', c.messagesIn,
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
        button.addEventListener('click', function () { actions.publish(c.app, c.channel, button); });
        row.cells[6].appendChild(button);
        return row;
      }, function (row, c) {
        setCells(row, [c.app, c.channel, c.subscribers, c.serving, page.rate(c.messagesIn), page.rate(c.messagesOut)]);
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
        setCells(row, [code, totals[code], page.rate(perSecond[code] || 0)]);
      }, 'no errors', 3);
    }

    return {
      /** @param now the snapshot's time, in milliseconds */
      show: function (snapshot, now) {
        renderConnections(snapshot, now);
        renderChannels(snapshot);
        renderErrors(snapshot);
      }
    };
  };
}(window.ipcDashboard));
