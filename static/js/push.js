// The reminders page's devices: turn notifications on for this phone, mark it in the
// list, and let go of its subscription when it is removed. The browser's permission
// prompt comes only after the person taps "Turn on notifications on this phone".
(function () {
  "use strict";

  var box = document.getElementById("push");
  if (!box) return;
  var button = document.getElementById("push-on");
  var status = document.getElementById("push-status");

  function show(id) { document.getElementById(id).hidden = false; }
  function say(text) { status.textContent = text; }

  // Where PushManager is missing (an iPhone's Safari outside the home screen, an old
  // browser), say so and point to e-mail.
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    show("push-unsupported");
    return;
  }

  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function keyBytes(base64url) {
    var padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4);
    return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); });
  }

  function registration() {
    return navigator.serviceWorker.getRegistration("/").then(function (found) {
      return found || navigator.serviceWorker.register(document.body.dataset.serviceWorker, { scope: "/" });
    }).then(function () { return navigator.serviceWorker.ready; });
  }

  // A subscription made with another server key (the server's key changed) cannot be
  // reused: it is dropped and a new one made.
  function subscribe(reg) {
    var options = { userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key) };
    return reg.pushManager.subscribe(options).catch(function (error) {
      if (error.name !== "InvalidStateError") throw error;
      return reg.pushManager.getSubscription()
        .then(function (old) { return old && old.unsubscribe(); })
        .then(function () { return reg.pushManager.subscribe(options); });
    });
  }

  function send(subscription) {
    return fetch(box.dataset.subscribeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(subscription.toJSON()),
    }).then(function (response) {
      if (response.ok) return;
      return response.json().then(function (answer) { throw new Error(answer.error); },
        function () { throw new Error("The journal did not take it (" + response.status + ")."); });
    });
  }

  function turnOn() {
    button.disabled = true;
    say("Asking this browser…");
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        show("push-blocked");
        say("");
        return;
      }
      return registration().then(subscribe).then(send).then(function () {
        say("Notifications are on for this phone.");
        location.reload();
      });
    }).catch(function (error) {
      say("Notifications could not be turned on here: " + (error.message || error.name) +
        " Try again later, or choose e-mail for your reminders.");
    }).finally(function () { button.disabled = false; });
  }

  // "this phone": the listed device whose address is this browser's subscription.
  function markThisPhone(subscription) {
    var listed = false;
    document.querySelectorAll("[data-endpoint]").forEach(function (item) {
      if (subscription && item.dataset.endpoint === subscription.endpoint) {
        item.querySelector(".this-device").hidden = false;
        listed = true;
      }
    });
    return listed;
  }

  function currentSubscription() {
    return navigator.serviceWorker.getRegistration("/").then(function (reg) {
      return reg ? reg.pushManager.getSubscription() : null;
    }).catch(function () { return null; });
  }

  // Removing this phone also ends its subscription in the browser.
  document.querySelectorAll("form[data-remove-device]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var item = form.closest("[data-endpoint]");
      event.preventDefault();
      currentSubscription().then(function (subscription) {
        if (subscription && subscription.endpoint === item.dataset.endpoint) return subscription.unsubscribe();
      }).catch(function () {}).finally(function () { form.submit(); });
    });
  });

  if (Notification.permission === "denied") show("push-blocked");
  currentSubscription().then(function (subscription) {
    if (!markThisPhone(subscription)) button.hidden = false;
  });
  button.addEventListener("click", turnOn);
})();
