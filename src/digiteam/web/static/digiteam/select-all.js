/* "Choose every position on this page": a checkbox in the table's heading that ticks or
   clears every row's box, and shows mixed when only some are ticked. Hidden without
   JavaScript, where each row is ticked by hand. */
(function () {
  "use strict";

  var all = document.querySelector("[data-select-all]");
  if (!all) {
    return;
  }
  var boxes = Array.prototype.slice.call(
    all.closest("table").querySelectorAll("tbody input[type=checkbox][name=selected]")
  );

  function reflect() {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  all.parentNode.hidden = false;
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
    reflect();
  });
  boxes.forEach(function (box) { box.addEventListener("change", reflect); });
  reflect();
})();
