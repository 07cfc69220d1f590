// The place page's "Use this phone's location": the phone's position, rounded to 0.1°
// (about 10 km) here already, goes into the form's latitude and longitude, which is then
// sent as if typed. The browser asks the person first; nothing happens without a tap.
(function () {
  "use strict";

  var button = document.getElementById("use-location");
  var form = document.getElementById("place-here");
  if (!button || !form || !("geolocation" in navigator)) return;
  var status = document.getElementById("location-status");

  function cell(degrees) { return (Math.round(degrees * 10) / 10).toFixed(1); }

  // The From day is asked once, in the search form; a place set from here starts on it too.
  function copySince() {
    var typed = document.querySelector("#search [name=since]");
    var since = form.querySelector("[name=since]");
    if (typed && since && typed.value && !since.value) since.value = typed.value;
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Finding where this phone is…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.querySelector("[name=latitude]").value = cell(position.coords.latitude);
      form.querySelector("[name=longitude]").value = cell(position.coords.longitude);
      form.querySelector("[name=name]").value = "";
      copySince();
      status.textContent = "Setting the place…";
      form.requestSubmit();
    }, function (error) {
      button.disabled = false;
      status.textContent = error.code === error.PERMISSION_DENIED
        ? "This phone did not share its location. Search for your town instead."
        : "This phone could not find where it is just now. Search for your town instead.";
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
  });
})();
