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

/* The theme's buttons show their tooltips on hover and focus, and a tooltip stays up when a sidebar
 * dialog closes and gives the focus back to its button (on a phone, over the page, until the next
 * tap). Escape hides every tooltip (WCAG 1.4.13: dismissible), and a closing dialog hides the
 * tooltip of the button it returns to. */
(function () {
  "use strict";
  function hideTooltips() {
    if (!window.bootstrap || !window.bootstrap.Tooltip) { return; }
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (element) {
      var tooltip = window.bootstrap.Tooltip.getInstance(element);
      if (tooltip) { tooltip.hide(); }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideTooltips();
      window.setTimeout(hideTooltips, 0);  // after a dialog that Escape closes has moved the focus
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("dialog").forEach(function (dialog) {
      dialog.addEventListener("close", function () { window.setTimeout(hideTooltips, 0); });
    });
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
