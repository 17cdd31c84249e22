// Live chat transcript: asks for the messages numbered after the last one shown (?after=N), so a dropped
// connection loses and repeats nothing; new messages from others are announced politely. Without JavaScript,
// "Check for new messages" does the same by reloading the page (ADR 0039).
(function () {
  "use strict";
  var transcript = document.querySelector("[data-chat-transcript]");
  if (!transcript || !window.fetch || document.querySelector("[data-chat-ended]")) { return; }
  var announcer = document.querySelector("[data-chat-announcer]");
  var url = transcript.getAttribute("data-messages-url");
  var last = parseInt(transcript.getAttribute("data-last-sequence"), 10) || 0;
  var quickDelay = 2000;
  var longestDelay = 30000;
  var delay = quickDelay;
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

  function schedule() { window.setTimeout(poll, document.hidden ? Math.max(delay, 10000) : delay); }

  function poll() {
    window.fetch(url + "?after=" + last, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (answer) {
        answer.messages.forEach(show);
        delay = quickDelay;
        if (answer.status === "ended") { window.location.reload(); return; }
        schedule();
      })
      .catch(function () {
        // Offline or the server restarting: try again later, from the same last number
        delay = Math.min(delay * 2, longestDelay);
        schedule();
      });
  }

  schedule();
})();
