// Registers the worker that keeps the plan page for offline use; the page works the same without it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.querySelector("[data-offline-plan]")) { return; }
  navigator.serviceWorker.register("/recovery/offline-plan-worker.js", { scope: "/recovery/" });
})();
