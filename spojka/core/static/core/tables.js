// Wide tables scroll inside themselves, not the page (a 390 px phone has no room for them).
// Each .app-table is wrapped in a region named by its caption; the region takes keyboard focus
// only while it actually scrolls, so that it can be moved with the arrow keys.
(function () {
  "use strict";
  var regions = [];

  function wrap(table) {
    var parent = table.parentElement;
    if (parent.classList.contains("app-table-scroll")) return parent;
    var region = document.createElement("div");
    region.className = "app-table-scroll";
    region.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    var name = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    region.setAttribute("aria-label", name || (document.documentElement.lang === "en" ? "Table" : "Tabulka"));
    parent.insertBefore(region, table);
    region.appendChild(table);
    return region;
  }

  function update() {
    regions.forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
      else region.removeAttribute("tabindex");
    });
  }

  function init() {
    var tables = document.querySelectorAll("table.app-table:not(.app-table--stack)");
    for (var i = 0; i < tables.length; i++) regions.push(wrap(tables[i]));
    update();
    window.addEventListener("resize", update);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
