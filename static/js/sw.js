// The journal's service worker, served as /sw.js by offline.views.service_worker, which
// puts VERSION and SHELL (the hashed URLs of the app shell) above this text.
//
// Our own forty lines rather than Workbox: all it has to do is keep a handful of files
// named in advance and show one page when the network is gone. Workbox would bring a
// vendored library, a refresh script and routing we would have to switch off, because
// pages with journal data must never be stored on the phone. The queue of taps lives in
// the pages (static/js/offline.js), not here, so it works the same whether or not this
// worker has been installed yet.
"use strict";

const CACHE = "msjournal-shell-" + VERSION;
const OFFLINE_URL = SHELL[SHELL.length - 1];

// A new version fetches its whole shell before it takes over: never half of each.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

// Then every older shell goes, and open pages are taken over at once.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("msjournal-shell-") && name !== CACHE)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages always come from the server (they hold journal data and are never stored);
    // only when there is no connection at all does the offline logging page stand in.
    event.respondWith(
      fetch(request).catch(() => caches.match(OFFLINE_URL, { ignoreSearch: true }))
    );
    return;
  }
  if (SHELL.includes(new URL(request.url).pathname)) {
    // Hashed names never change their content, so the kept copy is as good as new.
    event.respondWith(
      caches.match(request).then((kept) => kept || fetch(request))
    );
  }
});
