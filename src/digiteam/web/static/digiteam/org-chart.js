/* The org chart of reporting lines. Every branch is a native <details>: it opens and closes
   with a click, Enter or Space, with or without JavaScript. This script only shows the
   "Expand all" and "Collapse all" buttons and makes them work; it also opens every branch for
   printing in browsers whose print stylesheet cannot (no ::details-content), then restores. */
(function () {
  "use strict";
  var chart = document.getElementById("chart");
  var actions = document.querySelector("[data-chart-actions]");
  if (!chart || !actions) return;
  var status = actions.querySelector("[data-chart-status]");

  function branches() {
    return chart.querySelectorAll("details");
  }

  actions.hidden = false;
  actions.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-chart-toggle]");
    if (!button) return;
    var open = button.dataset.chartToggle === "open";
    branches().forEach(function (details) {
      details.open = open;
    });
    status.textContent = open ? status.dataset.opened : status.dataset.closed;
  });

  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    if (window.CSS && CSS.supports("selector(::details-content)")) return;
    closedForPrint = Array.prototype.filter.call(branches(), function (d) {
      return !d.open;
    });
    closedForPrint.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) {
      d.open = false;
    });
    closedForPrint = [];
  });
})();
