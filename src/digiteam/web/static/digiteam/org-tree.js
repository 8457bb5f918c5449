/* The unit tree. Each "sub-units" link becomes a disclosure button: the first press loads the
   children with htmx, later presses show or hide them. Without JavaScript the link leads to
   the unit's page, which lists its sub-units. */
(function () {
  "use strict";

  function upgrade(link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.dataset.children = link.dataset.children;
    button.dataset.href = link.href;
    button.setAttribute("aria-controls", link.dataset.controls);
    button.setAttribute("aria-expanded", link.dataset.expanded === "true" ? "true" : "false");
    link.replaceWith(button);
  }

  function setOpen(button, list, open) {
    list.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function load(button) {
    var id = button.getAttribute("aria-controls");
    button.setAttribute("aria-busy", "true");
    htmx
      .ajax("GET", button.dataset.children, { target: document.getElementById(id), swap: "outerHTML" })
      .then(function () {
        button.removeAttribute("aria-busy");
        var list = document.getElementById(id);
        if (list && list.children.length > 0) {
          setOpen(button, list, true);
        } else {
          window.location.href = button.dataset.href; // could not load: show the unit's page
        }
      });
  }

  function toggle(button) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list || button.hasAttribute("aria-busy")) return;
    if (button.getAttribute("aria-expanded") === "true") {
      setOpen(button, list, false);
    } else if (list.children.length > 0) {
      setOpen(button, list, true);
    } else {
      load(button);
    }
  }

  htmx.onLoad(function (root) {
    root.querySelectorAll("a.tree-toggle[data-children]").forEach(upgrade);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.tree-toggle");
    if (button) toggle(button);
  });
})();
