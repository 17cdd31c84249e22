// Keeps the signed-in person's own plan page for when they are offline, and nothing else (ADR 0040).
"use strict";
var CACHE = "recovery-plan";
var PLAN = "{% url 'recovery:plan' %}";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname !== PLAN) { return; }
  event.respondWith(fetch(event.request).then(function (response) {
    if (response.status === 200) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(PLAN, copy); });
    } else {
      // Signed out, ended or deleted: the plan must not outlive the session on this phone
      caches.delete(CACHE);
    }
    return response;
  }).catch(function () {
    return caches.match(PLAN).then(function (cached) { return cached || Response.error(); });
  }));
});
