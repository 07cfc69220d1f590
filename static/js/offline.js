// Offline logging, drafts and a clean log-out. Every page works without this file; with
// it, nothing typed or tapped is lost when the phone locks or the connection drops.
//
// - Taps and forms marked data-offline are kept in IndexedDB when there is no
//   connection, each with the moment it happened and its client_token, and sent in
//   order when the connection returns. The token makes a resend find the first entry,
//   so a replay or a sync cut off halfway still makes exactly one entry per tap.
// - Forms marked data-draft keep what was typed in localStorage as it is typed.
// - Logging out clears all of it (and the service worker's caches) from the phone.
(function () {
  "use strict";

  var body = document.body;
  var PREFIX = "msjournal-";
  var DRAFT = PREFIX + "draft:";
  var JOURNAL = PREFIX + "journal";
  var SENT_DRAFT = PREFIX + "sent-draft";

  // ---- IndexedDB: one store of queued requests, in the order they were made ----------

  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("msjournal", 1);
        open.onupgradeneeded = function () {
          open.result.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }

  function store(mode, work) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var tx = conn.transaction("queue", mode);
        var result = work(tx.objectStore("queue"));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var queued = function () { return store("readonly", function (s) { return s.getAll(); }); };
  var add = function (item) { return store("readwrite", function (s) { return s.add(item); }); };
  var put = function (item) { return store("readwrite", function (s) { return s.put(item); }); };
  var remove = function (id) { return store("readwrite", function (s) { return s.delete(id); }); };

  // ---- Small helpers ------------------------------------------------------------------

  function newToken() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.from(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // The moment of the tap as the server reads it: local time with its UTC offset.
  function isoWithOffset(d) {
    var pad = function (n) { return String(Math.abs(n)).padStart(2, "0"); };
    var off = -d.getTimezoneOffset();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      (off >= 0 ? "+" : "-") + pad(Math.floor(Math.abs(off) / 60)) + ":" + pad(Math.abs(off) % 60);
  }

  // The session's CSRF token as it is now: one kept with a tap may be from before a log-in.
  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // ---- What the person sees: one status region at the top of the page ------------------

  var lastNews = "";
  function showStatus(news) {
    var box = document.getElementById("offline-status");
    if (!box) return Promise.resolve();
    if (news !== undefined) lastNews = news;
    return queued().then(function (items) {
      var waiting = items.filter(function (i) { return !i.problem; });
      var stuck = items.filter(function (i) { return i.problem; });
      box.textContent = "";
      if (!lastNews && !items.length) { box.hidden = true; return; }
      box.hidden = false;
      if (lastNews) box.appendChild(el("p", "offline-news", lastNews));
      if (waiting.length) {
        box.appendChild(el("p", "", plural(waiting.length, "entry", "entries") +
          " waiting on this phone to be sent."));
      }
      if (stuck.length) {
        box.appendChild(el("h2", "", "Needs your attention"));
        var list = el("ul", "offline-stuck", "");
        stuck.forEach(function (item) {
          var li = el("li", "", "");
          li.appendChild(el("p", "", item.summary + ": " + item.problem));
          var button = el("button", "secondary", "Remove it from this phone");
          button.type = "button";
          button.addEventListener("click", function () {
            remove(item.id).then(function () { showStatus(""); });
          });
          li.appendChild(button);
          list.appendChild(li);
        });
        box.appendChild(list);
      }
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // ---- Keeping a tap or a form on the phone ---------------------------------------------

  function summary(form, data) {
    var label = form.dataset.offlineLabel || "Entry";
    var severity = data.get("severity");
    var when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    return label + (severity ? " " + severity + "/10" : "") + ", at " + when;
  }

  var KEPT_OFFLINE = "Saved on this phone — it will be sent when you're back online.";
  var KEPT_SERVER_AWAY = "The journal could not be reached just now. Saved on this phone — " +
    "it will be sent in a minute or so.";

  function keep(form, submitter, news) {
    var data = new FormData(form, submitter || undefined);
    data.delete("csrfmiddlewaretoken");
    data.set("tapped_at", isoWithOffset(new Date()));
    var item = {
      url: form.action,
      body: new URLSearchParams(data).toString(),
      summary: summary(form, data),
      problem: "",
    };
    return add(item).then(function () {
      // The next tap on this form is a new entry: it needs a token of its own.
      if (form.dataset.draft) localStorage.removeItem(DRAFT + form.dataset.draft);
      form.reset();
      if (form.elements.client_token) form.elements.client_token.value = newToken();
      form.dispatchEvent(new CustomEvent("offline:kept", { bubbles: true }));
      return showStatus(news || KEPT_OFFLINE);
    }).then(function () {
      var box = document.getElementById("offline-status");
      if (box) box.scrollIntoView({ block: "nearest" });
      if (navigator.onLine) sync();
    });
  }

  var lastSubmitter = new WeakMap();
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    lastSubmitter.set(form, event.submitter);
    if (form.dataset.draft && !form.hasAttribute("data-offline-always")) {
      sessionStorage.setItem(SENT_DRAFT, form.dataset.draft);
    }
    if (!form.hasAttribute("data-offline")) return;
    if (navigator.onLine && !form.hasAttribute("data-offline-always")) return;
    // Runs before htmx and the double-submit guard (capture on the document): neither
    // should try a request that cannot go anywhere.
    event.preventDefault();
    event.stopImmediatePropagation();
    keep(form, event.submitter);
  }, true);

  // The phone thought it was online but the request never got an answer: keep it. If it
  // did reach the server after all, the token makes the resend find that entry.
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail.elt;
    var form = elt && elt.closest && elt.closest("form[data-offline]");
    if (form) { keep(form, lastSubmitter.get(form)); return; }
    // A step of the quick log that could not load: open it as a page instead, which the
    // service worker answers with the offline logging screen.
    if (elt && elt.tagName === "A" && elt.href) location.assign(elt.href);
  });

  // The journal answered, but could not take it now (restarting, its database away, a
  // proxy with no app behind it): keep the tap, as with no connection, and send it later.
  var SERVER_AWAY = [502, 503, 504];
  document.addEventListener("htmx:responseError", function (event) {
    var elt = event.detail.elt;
    var form = elt && elt.closest && elt.closest("form[data-offline]");
    if (SERVER_AWAY.indexOf(event.detail.xhr.status) < 0) return;
    if (form) keep(form, lastSubmitter.get(form), KEPT_SERVER_AWAY);
    // A step that could not load: open it as a page, which says to try again shortly.
    else if (elt && elt.tagName === "A" && elt.href) location.assign(elt.href);
  });

  // ---- Sending what was kept, in order, once -------------------------------------------

  function problemIn(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var texts = [];
    doc.querySelectorAll("main .errorlist li, main [role=alert]").forEach(function (n) {
      var t = n.textContent.trim().replace(/\s+/g, " ");
      if (t && texts.indexOf(t) < 0 && !texts.some(function (s) { return s.indexOf(t) >= 0; })) texts.push(t);
    });
    return texts.join(" ") || "The journal did not accept it.";
  }

  // "sent", "later" (no connection, or the journal away for a moment: 502, 503, 504, 429;
  // what comes after it would wait too), "fault" (a fault on the journal's side with this
  // one: try it again later, the rest now), "login", or the reason the journal gave for
  // refusing it.
  function send(item) {
    var data = new URLSearchParams(item.body);
    data.set("csrfmiddlewaretoken", csrfToken());
    return fetch(item.url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        var path = new URL(response.url).pathname;
        if (path.indexOf("/accounts/login/") === 0) return "login";
        if ([502, 503, 504, 429].indexOf(response.status) >= 0) {
          waitAsAsked(response.headers.get("Retry-After"));
          return "later";
        }
        if (response.status >= 500) return "fault";
        if (response.ok && response.redirected) return "sent";  // saved, then sent on
        if (response.status === 403 || response.status === 404) {
          return "This journal is not open to you for logging any more.";
        }
        return response.text().then(problemIn);
      }, function () { return "later"; });
  }

  var syncing = null;
  function sync() {
    if (syncing) return syncing;
    loggedOut = false;
    var run = function () {
      return queued().then(function (items) {
        var todo = items.filter(function (i) { return !i.problem; });
        var sent = 0;
        var next = function () {
          var item = todo.shift();
          if (!item) return sent;
          return send(item).then(function (result) {
            if (result === "later") return sent;
            if (result === "fault") return next();
            if (result === "login") {
              loggedOut = true;
              showStatus("Log in again to send what is waiting on this phone.");
              return sent;
            }
            var step = result === "sent" ? remove(item.id) : put(Object.assign(item, { problem: result }));
            if (result === "sent") sent += 1;
            return step.then(function () { return showStatus(); }).then(next);
          });
        };
        return next();
      });
    };
    // One tab sends at a time; tokens would catch a double, but this spares the requests.
    var locked = navigator.locks
      ? navigator.locks.request("msjournal-sync", run)
      : run();
    syncing = locked.then(function (sent) {
      if (sent) showStatus(plural(sent, "entry", "entries") + " sent from this phone to the journal.");
      return queued().then(function (items) {
        var waiting = items.some(function (i) { return !i.problem; });
        if (!waiting || sent) retryMs = RETRY_MS;  // the journal is answering again
        if (waiting && !loggedOut) retryLater();
      });
    }).finally(function () { syncing = null; });
    return syncing;
  }

  // Still waiting with the connection up: the journal was away, or failed on one entry.
  // Ask again after the wait a 503 names (Retry-After), else half a minute, doubling
  // while it stays away (up to ten minutes), never in a tight loop; going back online or
  // opening a page tries at once anyway. Logged out, only logging in helps: no timer.
  var RETRY_MS = 30000;
  var MAX_RETRY_MS = 600000;
  var retryMs = RETRY_MS;
  var askedMs = 0;
  var retryTimer = null;
  var loggedOut = false;

  function waitAsAsked(header) {
    var seconds = parseInt(header, 10);
    askedMs = seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_MS) : 0;
  }

  function retryLater() {
    if (retryTimer || !navigator.onLine) return;
    var wait = askedMs || retryMs;
    askedMs = 0;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    retryTimer = setTimeout(function () { retryTimer = null; sync(); }, wait);
  }

  window.addEventListener("online", function () { sync(); });

  // ---- Drafts of the long forms ---------------------------------------------------------

  function saveDraft(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (fields[name] = fields[name] || []).push(value);
    });
    localStorage.setItem(DRAFT + form.dataset.draft, JSON.stringify(fields));
  }

  function restoreDraft(form) {
    var saved = localStorage.getItem(DRAFT + form.dataset.draft);
    if (!saved) return;
    var fields = JSON.parse(saved);
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === "csrfmiddlewaretoken" || !input.type) return;
      if (input.type === "submit" || input.type === "button") return;
      var values = fields[input.name] || [];
      if (input.type === "checkbox" || input.type === "radio") {
        input.checked = values.indexOf(input.value) >= 0;
      } else if (input.type !== "hidden" || values.length) {
        input.value = values[0] || "";
      }
    });
    var note = el("p", "message info draft-note", "Restored what you typed earlier on this phone.");
    note.setAttribute("role", "status");
    form.insertBefore(note, form.firstChild);
  }

  function watchDrafts(root) {
    root.querySelectorAll("form[data-draft]").forEach(function (form) {
      if (form.dataset.draftWatched) return;
      form.dataset.draftWatched = "1";
      restoreDraft(form);
      var save = function () { saveDraft(form); };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    });
  }

  // A form that was sent and is gone from the page, with a "saved" message shown, was
  // saved: its draft can go. If it came back with errors, or the connection failed,
  // the draft stays.
  function forgetSavedDraft() {
    var key = sessionStorage.getItem(SENT_DRAFT);
    if (!key) return;
    sessionStorage.removeItem(SENT_DRAFT);
    var stillHere = document.querySelector('form[data-draft="' + CSS.escape(key) + '"]');
    if (!stillHere && document.querySelector(".message.success, #check-in:not(:has(form))")) {
      localStorage.removeItem(DRAFT + key);
    }
  }

  // ---- Logging out: nothing of the journal stays on the phone --------------------------

  function clearPhone() {
    Object.keys(localStorage).forEach(function (k) {
      if (k.indexOf(PREFIX) === 0) localStorage.removeItem(k);
    });
    sessionStorage.removeItem(SENT_DRAFT);
    var steps = [store("readwrite", function (s) { return s.clear(); })];
    if (window.caches) {
      steps.push(caches.keys().then(function (names) {
        return Promise.all(names.map(function (n) { return caches.delete(n); }));
      }));
    }
    if (navigator.serviceWorker) {
      steps.push(navigator.serviceWorker.getRegistrations().then(function (regs) {
        return Promise.all(regs.map(function (r) { return r.unregister(); }));
      }));
    }
    return Promise.all(steps);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-logout")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var trySending = navigator.onLine ? sync() : Promise.resolve();
    trySending.then(queued).then(function (items) {
      if (items.length && !window.confirm(
        plural(items.length, "entry is", "entries are") + " saved only on this phone and not " +
        "sent yet. If you log out now, they are lost. Log out anyway?")) return;
      return clearPhone().then(function () { form.submit(); });
    });
  }, true);

  // ---- The offline logging page ---------------------------------------------------------

  // Which journal a tap on the offline page goes to: the last one opened here in which
  // this person may log.
  function rememberJournal() {
    if (body.dataset.journalLog) {
      localStorage.setItem(JOURNAL, JSON.stringify({
        url: body.dataset.journalLog, name: body.dataset.journalName,
      }));
    }
  }

  function offlinePage() {
    var page = document.getElementById("offline-log");
    if (!page) return;
    var journal = JSON.parse(localStorage.getItem(JOURNAL) || "null");
    var form = page.querySelector("form");
    var regionStep = document.getElementById("offline-region-step");
    var severityStep = document.getElementById("offline-severity-step");
    var title = document.getElementById("offline-severity-title");
    if (!journal) {
      document.getElementById("offline-no-journal").hidden = false;
      return;
    }
    document.getElementById("offline-journal-name").textContent = journal.name;
    page.hidden = false;
    form.action = journal.url;
    form.elements.client_token.value = newToken();
    var showRegions = function () {
      severityStep.hidden = true;
      regionStep.hidden = false;
    };
    // A place on the body map or in the list below it: both are buttons with data-region.
    regionStep.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-region]");
      if (!button) return;
      // The map's buttons carry their words in a hidden span beside the drawing's tick.
      var words = button.querySelector(".visually-hidden") || button;
      form.elements.region.value = button.dataset.region;
      form.dataset.offlineLabel = "Spasm in " + words.textContent.trim().toLowerCase();
      title.textContent = form.dataset.offlineLabel + ": how bad?";
      regionStep.hidden = true;
      severityStep.hidden = false;
      title.focus();
    });
    document.getElementById("offline-back").addEventListener("click", function () {
      showRegions();
      // The Back button is hidden now: focus goes where the places begin, not nowhere.
      document.getElementById("offline-region-title").focus();
    });
    form.addEventListener("offline:kept", showRegions);
  }

  // ---- Start --------------------------------------------------------------------------

  // Drafts and the offline page are set up at once, before anyone types. The rest waits:
  // the queue and the phone's storage in a task of their own, the service worker (which
  // downloads the app shell) until the page has loaded, so a slow phone draws and answers
  // taps first.
  function start() {
    forgetSavedDraft();
    watchDrafts(document);
    offlinePage();
    setTimeout(function () {
      rememberJournal();
      showStatus();
      if (navigator.onLine) sync();
    });
    if (document.readyState === "complete") registerWorker();
    else window.addEventListener("load", registerWorker);
  }

  function registerWorker() {
    if (body.dataset.serviceWorker && navigator.serviceWorker) {
      navigator.serviceWorker.register(body.dataset.serviceWorker, { scope: "/" });
    }
  }

  document.addEventListener("htmx:load", function (e) { watchDrafts(e.target); });
  document.addEventListener("htmx:afterSwap", function () {
    var key = sessionStorage.getItem(SENT_DRAFT);
    if (key && !document.querySelector('form[data-draft="' + CSS.escape(key) + '"]')) {
      localStorage.removeItem(DRAFT + key);
      sessionStorage.removeItem(SENT_DRAFT);
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
