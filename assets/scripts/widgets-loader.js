/* Loads the reading toggles' widget manager (widgets/embed.js, 1.9 MB) and the page's saved widget
   state and print copies (written next to the page by analytic_reader.sphinxext.widgets) only after
   the page has loaded, so that on a slow link none of them competes with the text and styles for the
   first paint. The print copies go back where they were; the state is put back into the page as the
   manager expects it; the manager then renders the saved
   widgets on the window's "load" event. Loaded later, it would wait for an event that has already
   happened, so while it starts, a "load" listener it adds runs at once instead. */
(function () {
  "use strict";
  var manager = new URL("../widgets/embed.js", document.currentScript.src).href;

  function addScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = script.onerror = done;
    document.head.appendChild(script);
  }

  function startManager() {
    var addEventListener = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      if (type === "load") {
        setTimeout(function () {
          listener.call(window, new Event("load"));
        }, 0);
        return undefined;
      }
      return addEventListener.call(window, type, listener, options);
    };
    addScript(manager, function () {
      window.addEventListener = addEventListener;
    });
  }

  function load() {
    var pointer = document.querySelector("[data-ar-widget-state]");
    if (!pointer) {
      startManager();
      return;
    }
    addScript(pointer.getAttribute("data-ar-widget-state"), function () {
      var copies = window.arPrintCopies || [];
      document.querySelectorAll("[data-ar-print-copy]").forEach(function (slot) {
        var copy = copies[Number(slot.getAttribute("data-ar-print-copy"))];
        if (copy !== undefined) {
          slot.outerHTML = copy;
        }
      });
      (window.arWidgetState || []).forEach(function (state) {
        var element = document.createElement("script");
        element.type = "application/vnd.jupyter.widget-state+json";
        element.textContent = JSON.stringify(state);
        document.body.appendChild(element);
      });
      startManager();
    });
  }

  if (document.readyState === "complete") {
    load();
  } else {
    window.addEventListener("load", load);
  }
})();
