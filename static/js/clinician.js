// The new clinician link: copy it, or hand it to the phone's share sheet. Without this
// script the link stays in its field to select and copy by hand.
(function () {
  "use strict";
  function linkOf(button, attribute) {
    return document.getElementById(button.getAttribute(attribute)).value;
  }
  function say(words) {
    var status = document.querySelector("[data-copy-status]");
    if (status) status.textContent = words;
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(linkOf(button, "data-copy")).then(
        function () { say("Link copied."); },
        function () { say("The link could not be copied: select it and copy it by hand."); }
      );
    });
  });
  document.querySelectorAll("[data-share]").forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: linkOf(button, "data-share") })
        .catch(function () { /* the person closed the share sheet */ });
    });
  });
})();
