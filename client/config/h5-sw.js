// The h5 build's service worker (emitted as /sw.js by ServiceWorkerPlugin in h5-service-worker.ts,
// which puts VERSION and PRECACHE in front of this text). Its one job: the app itself opens with
// no network, so the reading the offline cache keeps (lib/offline-cache.ts) can be shown after a
// cold reload too. It keeps the app shell only; API calls (POST /fn/…) pass it by untouched, and
// what they answer stays the offline cache's business.
/* global VERSION, PRECACHE */
'use strict';

var CACHE = 'shell-' + VERSION;
var PREFIX = 'shell-';
var INDEX = '/index.html';
// A navigation waits this long for the network before the kept page is shown: on a link that
// answers nothing (a remote station's weak signal) the reader is not left on a white page.
var NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        // index.html from the server, never the HTTP cache: it names this build's files.
        return cache.addAll([new Request(INDEX, { cache: 'reload' })].concat(PRECACHE));
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k.indexOf(PREFIX) === 0 && k !== CACHE;
            })
            .map(function (k) {
              return caches.delete(k);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

/** The page: from the network (a new release shows at once), the kept copy when there is none. */
function navigation(request) {
  return caches.open(CACHE).then(function (cache) {
    var fromNetwork = fetch(request).then(function (response) {
      if (response.ok) cache.put(INDEX, response.clone());
      return response;
    });
    var fallback = function () {
      return cache.match(INDEX).then(function (kept) {
        return kept || fromNetwork;
      });
    };
    var timeout = new Promise(function (resolve) {
      setTimeout(resolve, NAVIGATION_TIMEOUT_MS);
    }).then(fallback);
    return Promise.race([fromNetwork.catch(fallback), timeout]);
  });
}

/** A file whose name carries its content hash never changes: the kept copy, else the network (then kept). */
function hashed(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (kept) {
      if (kept) return kept;
      return fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

var HASHED = /[.-][0-9a-f]{8,}\.(?:js|css|png|jpe?g|gif|webp|svg|woff2?|ttf)$/i;

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname === INDEX)) {
    event.respondWith(navigation(request));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(hashed(request));
  }
  // Everything else (the API, storage URLs, /dev/…) goes to the network as if there were no worker.
});
