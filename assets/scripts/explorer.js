/* The claim explorer (html/explorer.py): hide the rows a filter leaves out, say how many remain, sort,
 * and keep the filters in the page's address so that a selection can be linked. Without this script
 * every row is shown. No network, works from file://. The words to search for are `words` in the address,
 * not `q`: Sphinx's search script, where a page loads it, takes `q` as a search of the whole book. */
(function () {
  "use strict";

  function setUp(explorer) {
    var form = explorer.querySelector("form");
    var body = explorer.querySelector("tbody");
    var status = explorer.querySelector(".ar-explorer-count");
    var rows = Array.prototype.slice.call(body.rows);
    var text = rows.map(function (row) { return row.textContent.toLowerCase(); });
    // What the filters test, per row: indexes into each field's values (html/explorer.py).
    var data = JSON.parse(explorer.querySelector(".ar-explorer-data").textContent);
    rows.forEach(function (row, index) {
      var record = {};
      data.fields.forEach(function (field, column) {
        var value = data.rows[index][column];
        record[field] = field === "weight" ? value : data.values[field][value];
      });
      row.arRecord = record;
    });
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && params.has(field.name)) { field.value = params.get(field.name); }
    });

    function matches(row, index, values) {
      for (var name in values) {
        var wanted = values[name];
        if (!wanted || name === "sort" || name === "words") { continue; }
        var have = String(row.arRecord[name] === undefined ? "" : row.arRecord[name]);
        if (name === "against" || name === "favors") {
          if (have.split(" ").indexOf(wanted) < 0) { return false; }
        } else if (name === "documentation") {
          if (have.split("; ").indexOf(wanted) < 0) { return false; }
        } else if (name === "year") {
          if (row.arRecord.date.slice(0, 4) !== wanted.trim()) { return false; }
        } else if (have !== wanted) { return false; }
      }
      var words = (values.words || "").toLowerCase().split(/\s+/).filter(Boolean);
      return words.every(function (word) { return text[index].indexOf(word) >= 0; });
    }

    function apply() {
      var values = {};
      var query = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name) { return; }
        values[field.name] = field.value;
        if (field.value) { query.set(field.name, field.value); }
      });
      var shown = 0;
      rows.forEach(function (row, index) {
        var keep = matches(row, index, values);
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      var key = values.sort || "source";
      var sorted = rows.slice().sort(function (a, b) {
        if (key === "weight") { return b.arRecord.weight - a.arRecord.weight || a.dataset.order - b.dataset.order; }
        if (key === "date") {
          var x = a.arRecord.date, y = b.arRecord.date;
          return (y > x) - (y < x) || a.dataset.order - b.dataset.order;
        }
        return a.dataset.order - b.dataset.order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      status.textContent = shown === rows.length
        ? "All " + rows.length + " claims are shown."
        : shown + " of " + rows.length + " claims match the filters.";
      var address = window.location.pathname + (query.toString() ? "?" + query.toString() : "") + window.location.hash;
      try { window.history.replaceState(null, "", address); } catch (e) { /* a file:// page may refuse: filters still work */ }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
    explorer.setAttribute("data-ar-ready", "");  // set up: what tools/first_paint.py times as "ready"
  }

  function start() { document.querySelectorAll(".ar-explorer").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
