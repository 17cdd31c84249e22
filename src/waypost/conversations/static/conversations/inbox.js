// Staff inbox, kept up to date: every 10 seconds the same page is read again and its lists replaced, so a new
// conversation shows without a reload; the tab's title counts the waiting ones, and a short sound plays for a new
// one when the staff member has turned sound on. Without JavaScript, "Check for new conversations" reloads.
(function () {
  "use strict";
  var live = document.querySelector("[data-inbox-live]");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  var announcer = document.querySelector("[data-inbox-announcer]");
  var soundButton = document.querySelector("[data-inbox-sound]");
  var baseTitle = document.title;
  var soundKey = "waypost-inbox-sound";
  var waiting = parseInt(live.getAttribute("data-waiting-count"), 10) || 0;
  var audio = null;

  function isSoundOn() { return window.localStorage && window.localStorage.getItem(soundKey) === "on"; }

  function showSoundChoice() {
    if (!soundButton) { return; }
    soundButton.hidden = false;
    soundButton.textContent = soundButton.getAttribute(isSoundOn() ? "data-label-on" : "data-label-off");
  }

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    audio = audio || new Context();
    var tone = audio.createOscillator();
    var volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.value = 0.15;
    tone.connect(volume);
    volume.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  }

  function showCount(count) {
    document.title = count > 0 ? "(" + count + ") " + baseTitle : baseTitle;
  }

  function refresh() {
    window.fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new window.DOMParser().parseFromString(html, "text/html").querySelector("[data-inbox-live]");
        if (!fresh) { return; }
        var count = parseInt(fresh.getAttribute("data-waiting-count"), 10) || 0;
        live.innerHTML = fresh.innerHTML;
        if (count > waiting) {
          if (announcer) { announcer.textContent = announcer.getAttribute("data-new-words"); }
          if (isSoundOn()) { beep(); }
        }
        waiting = count;
        showCount(count);
      })
      .catch(function () { /* signed out or offline: the next round tries again */ })
      .then(function () { window.setTimeout(refresh, 10000); });
  }

  if (soundButton) {
    soundButton.addEventListener("click", function () {
      window.localStorage.setItem(soundKey, isSoundOn() ? "off" : "on");
      showSoundChoice();
      if (isSoundOn()) { beep(); }  // a first sound now, which also lets the browser play later ones
    });
  }
  showSoundChoice();
  showCount(waiting);
  window.setTimeout(refresh, 10000);
})();
