// The console's only script: sends the CSRF token with every htmx request (no inline script anywhere, see the CSP).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
  }
});

// A live element (sse-connect) whose stream reopens after a break reloads everything it shows, so that the changes
// made while it was away are not missed: each element in it that reloads on a server-sent event ("sse:...") reloads.
// The first opening of a stream reloads nothing (the page was just rendered).
document.addEventListener('htmx:sseOpen', function (event) {
  var live = event.target;
  if (!live.hasAttribute('data-sse-opened')) {
    live.setAttribute('data-sse-opened', '');
    return;
  }
  var reloading = [live].concat(Array.prototype.slice.call(live.querySelectorAll('[hx-trigger]')));
  reloading.forEach(function (element) {
    var trigger = element.getAttribute('hx-trigger');
    if (trigger && trigger.indexOf('sse:') === 0) {
      htmx.trigger(element, trigger.split(/[\s,]/)[0]);
    }
  });
});
