/* Accessibility of the reading toggle in the published book.
 * ipywidgets' ToggleButtons show which reading is chosen by style alone. This script, served by the
 * book (no network), gives the buttons a labelled group role and keeps aria-pressed in step with the
 * chosen button, so screen readers announce the control and its state. It changes nothing else. */
(function () {
  "use strict";
  var labels = 0;

  function enhance() {
    document.querySelectorAll(".ar-toggle .widget-toggle-buttons").forEach(function (group) {
      var buttons = group.querySelectorAll("button.widget-toggle-button");
      if (!buttons.length) { return; }
      var container = buttons[0].parentElement;
      var label = group.querySelector(".widget-label");
      if (label && !label.id) { label.id = "ar-reading-toggle-label-" + (++labels); }
      container.setAttribute("role", "group");
      if (label) { container.setAttribute("aria-labelledby", label.id); }
      buttons.forEach(function (button) {
        var pressed = button.classList.contains("mod-active") ? "true" : "false";
        if (button.getAttribute("aria-pressed") !== pressed) { button.setAttribute("aria-pressed", pressed); }
      });
    });
  }

  // Widgets render after the page loads, and the chosen button changes on click: follow both.
  new MutationObserver(enhance).observe(document.documentElement,
    { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  document.addEventListener("DOMContentLoaded", enhance);
})();
