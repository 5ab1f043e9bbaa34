/* Code it yourself (html/practice.py): rate a claim against every reading, then see the book's ratings
 * and reasons; a running agreement and Cohen's kappa per reading (computed as the package computes it);
 * progress kept in this browser; export as the CSV that `class-agreement` reads. No network. */
(function () {
  "use strict";
  var KEY = "analytic-reader-practice-v1";

  function kappa(first, second) {
    var n = first.length;
    if (!n) { return NaN; }
    var observed = 0, counts = {}, categories = {};
    for (var i = 0; i < n; i++) {
      if (first[i] === second[i]) { observed += 1; }
      categories[first[i]] = categories[second[i]] = true;
    }
    observed /= n;
    var expected = 0;
    Object.keys(categories).forEach(function (c) {
      var a = first.filter(function (x) { return x === c; }).length / n;
      var b = second.filter(function (x) { return x === c; }).length / n;
      expected += a * b;
    });
    if (expected === 1) { return observed === 1 ? 1 : NaN; }
    return (observed - expected) / (1 - expected);
  }
  window.arPracticeKappa = kappa;  // for the test that compares it with the package's

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: kept for this visit */ }
  }
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function csvField(value) { return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value; }

  function setUp(root) {
    var data = JSON.parse(document.querySelector(".ar-practice-data").textContent);
    var byId = {};
    data.claims.forEach(function (c) { byId[c.id] = c; });
    var params = new URLSearchParams(window.location.search);
    var chosen = data.claims;
    if (params.get("claims")) {
      chosen = params.get("claims").split(",").map(function (id) { return byId[id.trim()]; }).filter(Boolean);
    } else if (params.get("source")) {
      chosen = data.claims.filter(function (c) { return c.source === params.get("source"); });
    }
    var state = load();
    state.ratings = state.ratings || {};
    state.checked = state.checked || {};
    var position = 0;

    root.textContent = "";
    var student = el("input", { id: "ar-practice-student", autocomplete: "off" });
    student.value = state.student || "";
    var nameLabel = el("label", { for: "ar-practice-student", class: "ar-practice-name" }, "Your name or code ");
    nameLabel.appendChild(student);
    root.appendChild(nameLabel);
    var progress = el("p", { class: "ar-practice-progress" });
    root.appendChild(progress);
    var claimBox = el("div", { class: "ar-practice-claim" });
    root.appendChild(claimBox);
    var form = el("form", { class: "ar-practice-form" });
    root.appendChild(form);
    var definitions = el("details", { class: "ar-practice-definitions" });
    definitions.appendChild(el("summary", {}, "What the ratings mean (the codebook)"));
    var list = el("ul");
    data.ratings.forEach(function (r) { list.appendChild(el("li", {}, r.value + ": " + r.meaning)); });
    definitions.appendChild(list);
    root.appendChild(definitions);
    var result = el("div", { class: "ar-practice-result", role: "status" });
    root.appendChild(result);
    var buttons = el("p", { class: "ar-practice-buttons" });
    var next = el("button", { type: "button" }, "Next claim");
    var random = el("button", { type: "button" }, "A random claim");
    buttons.appendChild(next);
    buttons.appendChild(random);
    root.appendChild(buttons);
    var score = el("table", { class: "ar-table ar-practice-score" });
    root.appendChild(score);
    var tools = el("p", { class: "ar-practice-buttons" });
    var exportLink = el("a", { class: "ar-practice-export", download: "my-ratings.csv", href: "#" }, "Export my ratings (CSV)");
    var forget = el("button", { type: "button" }, "Forget my ratings");
    tools.appendChild(exportLink);
    tools.appendChild(forget);
    root.appendChild(tools);

    function key(claim, reading) { return claim + "|" + reading; }

    function showScore() {
      score.textContent = "";
      var head = el("tr");
      ["reading", "claims checked", "agreement with the book", "Cohen's kappa"].forEach(function (h) {
        head.appendChild(el("th", { scope: "col" }, h));
      });
      var thead = el("thead");
      thead.appendChild(head);
      score.appendChild(thead);
      var body = el("tbody");
      data.readings.forEach(function (reading) {
        var mine = [], book = [];
        Object.keys(state.checked).forEach(function (id) {
          var r = state.ratings[key(id, reading.id)];
          if (r && byId[id]) { mine.push(r); book.push(byId[id].book[reading.id]); }
        });
        var agree = mine.filter(function (r, i) { return r === book[i]; }).length;
        var k = kappa(mine, book);
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, reading.label));
        row.appendChild(el("td", {}, String(mine.length)));
        row.appendChild(el("td", {}, mine.length ? Math.round(100 * agree / mine.length) + "%" : "–"));
        row.appendChild(el("td", { "data-kappa": isNaN(k) ? "" : String(k) }, isNaN(k) ? "–" : k.toFixed(2)));
        body.appendChild(row);
      });
      score.appendChild(body);
      var lines = ["student,claim_id,reading_id,rating"];
      Object.keys(state.checked).forEach(function (id) {
        data.readings.forEach(function (reading) {
          var r = state.ratings[key(id, reading.id)];
          if (r) { lines.push([student.value || "anonymous", id, reading.id, r].map(csvField).join(",")); }
        });
      });
      exportLink.setAttribute("href", "data:text/csv;charset=utf-8," + encodeURIComponent(lines.join("\n") + "\n"));
    }

    function show() {
      var claim = chosen[position];
      progress.textContent = "Claim " + (position + 1) + " of " + chosen.length + " · " +
        Object.keys(state.checked).length + " checked so far";
      claimBox.textContent = "";
      claimBox.appendChild(el("p", { class: "ar-practice-id" }, claim.id));
      var context = el("blockquote");
      context.appendChild(document.createTextNode(claim.context));
      claimBox.appendChild(context);
      claimBox.appendChild(el("p", {}, "The claim: “" + claim.quote + "”"));
      form.textContent = "";
      data.readings.forEach(function (reading) {
        var group = el("fieldset", { class: "ar-practice-reading" });
        group.appendChild(el("legend", {}, reading.label));
        data.ratings.forEach(function (r) {
          var id = "ar-p-" + reading.id + "-" + r.value;
          var input = el("input", { type: "radio", name: reading.id, id: id, value: r.value });
          if (state.ratings[key(claim.id, reading.id)] === r.value) { input.checked = true; }
          group.appendChild(input);
          group.appendChild(el("label", { for: id }, r.value));
        });
        var thesis = el("details");
        thesis.appendChild(el("summary", {}, "The reading"));
        thesis.appendChild(el("p", {}, reading.thesis));
        group.appendChild(thesis);
        form.appendChild(group);
      });
      var check = el("button", { type: "submit" }, "Check my ratings");
      form.appendChild(check);
      result.textContent = "";
      if (state.checked[claim.id]) { reveal(claim); }
      showScore();
    }

    function reveal(claim) {
      result.textContent = "";
      result.appendChild(el("p", { class: "ar-practice-heading" }, "How the book rated it"));
      var ul = el("ul");
      data.readings.forEach(function (reading) {
        var mine = state.ratings[key(claim.id, reading.id)];
        var book = claim.book[reading.id];
        var same = mine === book ? "the same as yours" : "yours: " + (mine || "not rated");
        ul.appendChild(el("li", {}, reading.label + ": " + book + " (" + same + "). " + claim.why[reading.id]));
      });
      result.appendChild(ul);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var claim = chosen[position];
      var all = true;
      data.readings.forEach(function (reading) {
        var picked = form.querySelector('input[name="' + reading.id + '"]:checked');
        if (picked) { state.ratings[key(claim.id, reading.id)] = picked.value; } else { all = false; }
      });
      if (!all) {
        result.textContent = "Rate the claim against every reading first.";
        return;
      }
      state.checked[claim.id] = true;
      state.student = student.value;
      save(state);
      reveal(claim);
      showScore();
      progress.textContent = "Claim " + (position + 1) + " of " + chosen.length + " · " +
        Object.keys(state.checked).length + " checked so far";
    });
    next.addEventListener("click", function () { position = (position + 1) % chosen.length; show(); });
    random.addEventListener("click", function () { position = Math.floor(Math.random() * chosen.length); show(); });
    student.addEventListener("input", function () { state.student = student.value; save(state); showScore(); });
    forget.addEventListener("click", function () {
      state = { ratings: {}, checked: {}, student: student.value };
      save(state);
      show();
    });
    show();
    root.setAttribute("data-ar-ready", "");  // set up: what tools/first_paint.py times as "ready"
  }

  function start() { document.querySelectorAll(".ar-practice").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
