// The buttons' actions, through the ipc Actuator endpoint: disconnect a connection, publish the test message.
(function (dashboard) {
  'use strict';

  var page = dashboard.page;

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

  // Actuator takes body values as strings: the payload goes as JSON text
  function testMessage() {
    var raw = page.byId('test-message').value;
    try { return JSON.parse(raw); } catch (notJson) { return raw; }
  }

  /** @param actuatorUrl the ipc Actuator endpoint, relative to the page */
  dashboard.actions = function (actuatorUrl) {

    function disconnect(id, button) {
      button.disabled = true;
      act('DELETE', actuatorUrl + '/connections/' + encodeURIComponent(id))
        .then(function (result) {
          page.notice('info', result.status === 200 ? 'Disconnected ' + id : 'Already gone: ' + id);
        })
        .catch(function (error) { page.notice('error', error.message); button.disabled = false; });
    }

    function publish(app, channel, button) {
      button.disabled = true;
      act('POST', actuatorUrl + '/channels/' + encodeURIComponent(app) + '/' + encodeURIComponent(channel),
        { payload: JSON.stringify(testMessage()) })
        .then(function (result) {
          if (result.status === 200) {
            page.notice('info', 'Published to ' + app + '/' + channel + ': ' + result.answer.subscribers + ' subscriber'
              + (result.answer.subscribers === 1 ? '' : 's'));
          }
          else if (result.status === 404 && result.answer.channel === channel) {
            page.notice('error', 'No channel ' + app + '/' + channel + ' any more');
          }
          else {
            // without write access Actuator maps no POST here at all
            page.notice('error', 'Publish refused (HTTP ' + result.status + '): is the ipc endpoint read-only here?');
          }
        })
        .catch(function (error) { page.notice('error', error.message); })
        .then(function () { button.disabled = false; });
    }

    return { disconnect: disconnect, publish: publish };
  };
}(window.ipcDashboard));
