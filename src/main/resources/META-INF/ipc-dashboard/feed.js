// The live feed. The service pushes a snapshot every second as a server-sent event; every rate in it was computed
// by the server from its own counters and clock, so a throttled tab still shows right figures. Where the event
// stream cannot be used the page polls the state instead, and the status line says how live the page is.
(function (dashboard) {
  'use strict';

  var page = dashboard.page;
  var POLL_MS = 1000;
  var STALE_MS = 5000;

  /**
   * @param urls the event stream ({@code events}) and the state ({@code state}), relative to the page
   * @param charts where the chart points go
   * @param show shows a snapshot
   */
  dashboard.feed = function (urls, charts, show) {
    var lastSnapshotAt = 0;
    var eventsFailed = 0;
    var polling = false;
    var source = null;

    function arrived(snapshot) {
      lastSnapshotAt = Date.now();
      show(snapshot);
    }

    function connectEvents() {
      if (!window.EventSource) { startPolling(); return; }
      source = new EventSource(urls.events);
      source.addEventListener('history', function (event) {
        charts.replace(JSON.parse(event.data));
        charts.draw();
      });
      source.addEventListener('snapshot', function (event) {
        var snapshot = JSON.parse(event.data);
        charts.add(snapshot.point);
        arrived(snapshot);
        eventsFailed = 0;
        page.byId('status').dataset.feed = 'events';
        page.status('live', 'live');
      });
      source.addEventListener('error', function () {
        if (source.readyState === EventSource.CLOSED) {
          // refused (401, 404): an EventSource cannot ask for credentials, a fetch can
          eventsFailed++;
          startPolling();
        }
        else {
          page.status('connecting', 'reconnecting…');
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
      fetch(urls.state, { headers: { Accept: 'application/json' }, cache: 'no-store' })
        .then(function (response) {
          if (response.status === 401) { throw new Error('sign in to see the server (the Actuator\u2019s credentials)'); }
          if (response.status === 404) { throw new Error('no live feed: expose the ipc Actuator endpoint'); }
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          return response.json();
        })
        .then(function (state) {
          if (state.snapshot) {
            charts.replace(state.history);
            arrived(state.snapshot);
          }
          if (eventsFailed === 1) {
            // the fetch may have brought the credentials the event stream lacked: try it once more
            polling = false;
            connectEvents();
            return;
          }
          page.byId('status').dataset.feed = 'polling';
          page.status('live', 'live');
          setTimeout(poll, POLL_MS);
        })
        .catch(function (error) {
          if (error.message.indexOf('sign in') === 0) {
            // asking again at once would put the browser's sign-in prompt straight back: wait for a click
            page.status('locked', error.message + ' \u2013 click to sign in');
            page.byId('status').onclick = function () { page.byId('status').onclick = null; poll(); };
            return;
          }
          page.status('down', error.message);
          setTimeout(poll, POLL_MS * 5);
        });
    }

    return {
      start: function () {
        setInterval(function () {
          if (lastSnapshotAt && Date.now() - lastSnapshotAt > STALE_MS) {
            page.status('down', 'no data for ' + Math.round((Date.now() - lastSnapshotAt) / 1000) + ' s');
          }
        }, POLL_MS);
        connectEvents();
      }
    };
  };
}(window.ipcDashboard));
