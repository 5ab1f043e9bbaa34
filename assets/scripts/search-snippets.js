/* The search page's snippets (loaded there only, by analytic_reader.sphinxext.search).
 * Sphinx cuts each result's snippet from the text of the page's [role="main"], which in this theme
 * holds the page's own buttons ("Color mode", the download menu's ".ipynb") and its contents list as
 * well as the chapter, and joins the text of neighbouring table cells and list items with no space
 * ("sourcepublishedsentences"). Cut the snippets from the chapter's article alone, with a space at
 * the edge of every block, and keep Sphinx's own function for any page without an article. */
(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") { return; }
  var sphinxText = Search.htmlToText;
  var SKIP = ".headerlink, script, style, .ar-marks-label, .toggle-button";
  var BLOCKS = "p, li, dt, dd, td, th, tr, caption, h1, h2, h3, h4, h5, h6, blockquote, pre, div, " +
    "section, details, summary, figcaption, legend, label, br";
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    var article = page.querySelector('[role="main"] article');
    if (!article) { return sphinxText(htmlString, anchor); }
    article.querySelectorAll(SKIP).forEach(function (element) { element.remove(); });
    article.querySelectorAll(BLOCKS).forEach(function (element) {
      element.insertAdjacentText("afterbegin", " ");
      element.insertAdjacentText("beforeend", " ");
    });
    var part = null;
    try { part = anchor ? article.querySelector(anchor) : null; } catch (error) { part = null; }
    return (part || article).textContent.replace(/\s+/g, " ");
  };
})();
