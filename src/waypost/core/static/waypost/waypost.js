// Waypost's small enhancements, one file so a page makes one request; each part does nothing on a page without
// the elements it looks for, and every page works without any of them.

// Quick exit: leave through /exit (which forgets the session) for a neutral site, without adding this page to the
// back button's history.
(function () {
  "use strict";
  var links = document.querySelectorAll("[data-quick-exit]");
  if (!links.length) { return; }
  var destination = links[0].getAttribute("href");
  var shiftPresses = 0;
  var resetTimer = null;

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("is-exiting");
    window.location.replace(destination);
  }

  function countShift(event) {
    if (event.key !== "Shift") { shiftPresses = 0; return; }
    shiftPresses += 1;
    window.clearTimeout(resetTimer);
    resetTimer = window.setTimeout(function () { shiftPresses = 0; }, 5000);
    if (shiftPresses >= 3) { leave(); }
  }

  Array.prototype.forEach.call(links, function (link) { link.addEventListener("click", leave); });
  document.addEventListener("keyup", countShift);
})();

// Move focus to the error summary, so screen-reader and keyboard users hear what went wrong first.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();

// Tell people, as they type, how many characters they have left; the server enforces the same limit.
(function () {
  "use strict";
  var areas = document.querySelectorAll("textarea[data-maxlength]");
  Array.prototype.forEach.call(areas, function (area) {
    var limit = parseInt(area.getAttribute("data-maxlength"), 10);
    var message = document.getElementById(area.id + "-count");
    if (!message || !limit) { return; }
    function update() {
      var remaining = limit - area.value.length;
      message.textContent = remaining >= 0
        ? "You have " + remaining + " character" + (remaining === 1 ? "" : "s") + " remaining"
        : "You have " + (-remaining) + " character" + (remaining === -1 ? "" : "s") + " too many";
      message.classList.toggle("error-message", remaining < 0);
    }
    area.addEventListener("input", update);
    update();
  });
})();
