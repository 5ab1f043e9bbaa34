/* Repairs to the theme's behaviour in the published book (no network, no dependencies).
 * pydata-sphinx-theme binds its sidebar dialogs to the *first* .primary-toggle / .secondary-toggle in
 * the page, which sphinx-book-theme hides on small screens behind its own header buttons; a reader on a
 * phone then presses a button that does nothing. Forward those visible buttons to the bound ones. */
(function () {
  "use strict";
  function forward(selector) {
    var buttons = document.querySelectorAll(selector);
    if (buttons.length < 2) { return; }
    var bound = buttons[0];
    Array.prototype.slice.call(buttons, 1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  });
})();

/* Printing: a closed <details> prints as its summary only, so open them all for the paper copy. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (element) {
    element.setAttribute("open", "");
    element.setAttribute("data-ar-opened-for-print", "");
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-ar-opened-for-print]").forEach(function (element) {
    element.removeAttribute("open");
    element.removeAttribute("data-ar-opened-for-print");
  });
});
