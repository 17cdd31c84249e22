// Live chat transcript: asks for the messages numbered after the last one shown (?after=N), so a dropped
// connection loses and repeats nothing; new messages from others are announced politely. Where the site pushes
// (data-events-url), an event carries the next message itself (shown at once) or says a message is there (then it
// asks), and otherwise it asks only now and then; where it does not push, or the push connection keeps failing, it
// asks every 2 seconds. Without JavaScript, "Check for new
// messages" does the same by reloading the page (ADR 0039).
(function () {
  "use strict";
  var transcript = document.querySelector("[data-chat-transcript]");
  if (!transcript || !window.fetch || document.querySelector("[data-chat-ended]")) { return; }
  var announcer = document.querySelector("[data-chat-announcer]");
  var url = transcript.getAttribute("data-messages-url");
  var last = parseInt(transcript.getAttribute("data-last-sequence"), 10) || 0;
  var quickDelay = 2000;
  var pushedDelay = 15000;  // with push, a safety net only
  var longestDelay = 30000;
  var eventsUrl = transcript.getAttribute("data-events-url");
  var pushFailures = 0;
  var isPushed = false;
  var delay = quickDelay;
  var timer = null;
  var isAsking = false;
  var isAskingAgain = false;  // an event came while a request was out: ask once more when it is back
  var isLeaving = false;  // a form was sent (a message, or ending the chat): no more asking from this page
  var refresh = document.querySelector("[data-chat-refresh]");
  if (refresh) { refresh.hidden = true; }

  function paragraph(className, text) {
    var element = document.createElement("p");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function show(message) {
    if (message.sequence <= last || document.getElementById("message-" + message.sequence)) { return; }
    var item = document.createElement("li");
    item.className = "transcript__message transcript__message--" + message.sender;
    item.id = "message-" + message.sequence;
    var who = paragraph("transcript__who", message.who + " ");
    var time = document.createElement("span");
    time.className = "transcript__time";
    time.textContent = message.time;
    who.appendChild(time);
    item.appendChild(who);
    item.appendChild(paragraph("transcript__body", message.body));
    transcript.appendChild(item);
    last = message.sequence;
    if (announcer && message.sender !== "person") { announcer.textContent = message.who + ": " + message.body; }
  }

  function carried(data) {
    try {
      var message = JSON.parse(data);
      return message && typeof message === "object" && typeof message.sequence === "number" ? message : null;
    } catch (error) {
      return null;  // "check", or a bare number: ask instead
    }
  }

  function schedule() {
    var wait = isPushed ? Math.max(delay, pushedDelay) : delay;
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, document.hidden ? Math.max(wait, 10000) : wait);
  }

  function poll() {
    if (isLeaving) { return; }
    if (isAsking) { isAskingAgain = true; return; }
    isAsking = true;
    isAskingAgain = false;
    window.fetch(url + "?after=" + last, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (answer) {
        isAsking = false;
        answer.messages.forEach(show);
        delay = quickDelay;
        if (answer.status === "ended") { window.location.reload(); return; }
        if (isAskingAgain) { poll(); return; }
        schedule();
      })
      .catch(function () {
        isAsking = false;
        // Offline or the server restarting: try again later, from the same last number
        delay = Math.min(delay * 2, longestDelay);
        schedule();
      });
  }

  function listen() {
    if (!eventsUrl || !window.EventSource) { return; }
    var source = new window.EventSource(eventsUrl + "?after=" + last);
    source.addEventListener("open", function () { isPushed = true; pushFailures = 0; });
    source.addEventListener("message", function (event) {
      var message = carried(event.data);
      if (message && message.sequence <= last) { return; }  // a read already showed it
      // Only the very next number is shown from the event: after a gap, asking fills it in order
      if (message && message.sequence === last + 1) { show(message); } else { poll(); }
    });
    source.addEventListener("error", function () {
      isPushed = false;
      pushFailures += 1;
      // The browser reconnects by itself; after repeated failures, asking every 2 seconds is the better bet
      if (pushFailures >= 5) { source.close(); }
      schedule();
    });
  }

  document.addEventListener("submit", function () { isLeaving = true; window.clearTimeout(timer); });
  listen();
  schedule();
})();
