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
