// Registers the worker that keeps the plan page for offline use; the page works the same without it.
(function () {
  "use strict";
  var plan = document.querySelector("[data-offline-plan]");
  if (!("serviceWorker" in navigator) || !plan) { return; }
  // The worker and its scope follow the page's address, which may start with a region or language (/us/es/…)
  navigator.serviceWorker.register(plan.getAttribute("data-offline-plan"), {
    scope: plan.getAttribute("data-offline-scope")
  });
})();
