/* Loads the widget manager (widgets/embed.js, 1.9 MB) only after the page has loaded, so that on a
   slow link it does not compete with the page's text and styles for the first paint. The manager
   renders the saved widgets on the window's "load" event; loaded later, it would wait for an event
   that has already happened, so while it starts, a "load" listener it adds runs at once instead. */
(function () {
  "use strict";
  var source = new URL("../widgets/embed.js", document.currentScript.src).href;

  function loadManager() {
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
    var script = document.createElement("script");
    script.src = source;
    script.onload = script.onerror = function () {
      window.addEventListener = addEventListener;
    };
    document.head.appendChild(script);
  }

  if (document.readyState === "complete") {
    loadManager();
  } else {
    window.addEventListener("load", loadManager);
  }
})();
