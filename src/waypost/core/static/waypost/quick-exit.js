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
