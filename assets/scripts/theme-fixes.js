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

/* The theme scrolls the sidebar down to the current page's link when a reader arrives on a page far
 * down the table of contents (timeline, glossary, appendices, instructor guide), so the sidebar opens
 * with the book's title and its search field scrolled out of view. The page's own title says where the
 * reader is: a sidebar that the reader has not scrolled opens at its top. (Once the reader scrolls it,
 * the theme remembers that position from page to page, as before.) The theme has scrolled by the time
 * the page is parsed: its script runs before DOMContentLoaded, and this file's check runs before it. */
(function () {
  "use strict";
  var remembered = false;
  try { remembered = sessionStorage.getItem("sidebar-scroll-top") !== null; } catch (error) { remembered = false; }
  if (remembered) { return; }
  document.addEventListener("DOMContentLoaded", function () {
    var sidebar = document.querySelector("div.bd-sidebar");
    if (sidebar) { sidebar.scrollTop = 0; }
  });
})();

/* The theme's buttons show their tooltips on hover and focus, and a tooltip came up and stayed when a
 * sidebar dialog closed on Escape and gave the focus back to its button (on a phone, over the page,
 * until the next tap). Escape hides every tooltip (WCAG 1.4.13: dismissible), and none shows for a
 * moment after it or after a dialog closes: the focus coming back is not the reader asking for one.
 * (The dialog handles Escape itself, so the key is caught on its way down.) */
(function () {
  "use strict";
  var quietUntil = 0;
  function quiet() {
    quietUntil = Date.now() + 1000;
    if (!window.bootstrap || !window.bootstrap.Tooltip) { return; }
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (element) {
      var tooltip = window.bootstrap.Tooltip.getInstance(element);
      if (tooltip) { tooltip.hide(); }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { quiet(); }
  }, true);
  document.addEventListener("show.bs.tooltip", function (event) {
    if (Date.now() < quietUntil) { event.preventDefault(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("dialog").forEach(function (dialog) {
      dialog.addEventListener("close", quiet);
    });
  });
})();
