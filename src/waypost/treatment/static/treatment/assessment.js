// Shows the insurer and member number only while "Private insurance" is chosen. Without JavaScript both stay visible.
(function () {
  "use strict";
  var details = document.querySelector("[data-insurance-details]");
  var choices = document.querySelectorAll("input[name='payment']");
  if (!details || !choices.length) {
    return;
  }
  function update() {
    var chosen = document.querySelector("input[name='payment']:checked");
    details.hidden = !chosen || chosen.value !== "private-insurance";
  }
  choices.forEach(function (choice) {
    choice.addEventListener("change", update);
  });
  update();
})();
