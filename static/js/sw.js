// The journal's service worker, served as /sw.js by offline.views.service_worker, which
// puts VERSION and SHELL (the hashed URLs of the app shell) above this text.
//
// Our own few lines rather than Workbox: all it has to do is keep a handful of files
// named in advance, show one page when the network is gone, and show the reminders the
// server pushes. Workbox would bring a vendored library, a refresh script and routing we
// would have to switch off, because pages with journal data must never be stored on the
// phone. The queue of taps is sent by the pages (static/js/offline.js), not here, so it
// works the same whether or not this worker has been installed yet; a reminder's "Taken"
// tapped with no connection only joins that queue.
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

// ---- Reminders: notifications the server pushes (reminders/push.py) -------------------
//
// The payload: {title, body, url, tag, kind} and, for a dose, actions [{action, title,
// url}] with a token signed by the server. Nothing of the journal is in it.

const ICON = SHELL.find((url) => url.includes("app-192")) || "";

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  const actions = (data.actions || []).map(({ action, title }) => ({ action, title }));
  event.waitUntil(
    self.registration.showNotification(data.title || "MS Journal", {
      body: data.body || "",
      tag: data.tag || "",
      icon: ICON,
      data: data,
      actions: actions,
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(answerNotification(event.action, event.notification.data || {}));
});

// A button ("Taken", "Not now") posts its token; a tap anywhere else opens the page the
// reminder is about. Named at the top level so a test can call it as the handler does.
function answerNotification(action, data) {
  const button = (data.actions || []).find((a) => a.action === action);
  return button ? pressButton(button, data) : openPage(data.url);
}

// The journal already open on the phone goes to the page (one window, not one more per
// reminder); with none open, a new one opens.
function openPage(url) {
  const target = new URL(url || "/", self.location.origin);
  if (target.origin !== self.location.origin) return Promise.resolve();
  return self.clients.matchAll({ type: "window" }).then((open) => {
    if (!open.length) return self.clients.openWindow(target.href);
    const client = open[0];
    return client.navigate(target.href).then(
      (moved) => (moved || client).focus().catch(() => undefined),  // there, if not in front
      () => self.clients.openWindow(target.href)
    );
  });
}

// "Taken" must not be lost: with no connection, or the journal away for a moment, it
// joins the phone's queue of taps (static/js/offline.js sends it when a page is open and
// online). Its token makes a resend find the first dose, so it is logged once.
// "Not now" is only worth sending now: an hour later the reminder comes again anyway.
function pressButton(button, data) {
  const body = new URLSearchParams({ token: data.token || "", tapped_at: isoWithOffset(new Date()) });
  const url = new URL(button.url, self.location.origin).href;
  const keep = () => (button.action === "taken" ? queueTap(url, body, data) : undefined);
  return fetch(url, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
    .then((response) => {
      if (response.status >= 500 || response.status === 429) return keep();
      return undefined;  // done (a redirect or 204), or refused for good (404): nothing to retry
    }, keep);
}

function queueTap(url, body, data) {
  const item = {
    url: url,
    body: body.toString(),
    summary: "Dose taken, from the reminder “" + (data.body || data.title || "") + "”",
    problem: "",
  };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("msjournal", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("queue", "readwrite");
      tx.objectStore("queue").add(item);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// The moment of the tap as the server reads it, as offline.js sends a kept tap.
function isoWithOffset(d) {
  const pad = (n) => String(Math.abs(n)).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
    pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
    (off >= 0 ? "+" : "-") + pad(Math.floor(Math.abs(off) / 60)) + ":" + pad(Math.abs(off) % 60);
}
