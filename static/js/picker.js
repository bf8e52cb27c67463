// A long <select data-filterable> gets a filter box: typing hides the options (and empty groups) that do
// not contain every typed word; the selected option always stays.
(function () {
  "use strict";
  function words(text) { return text.toLowerCase().split(/\s+/).filter(Boolean); }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-filterable]").forEach(function (select) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "picker-filter";
      box.id = select.id + "-filter";
      box.placeholder = select.dataset.filterable;
      box.setAttribute("aria-label", select.dataset.filterable);
      box.setAttribute("aria-controls", select.id);
      var count = document.createElement("p");
      count.className = "muted picker-count";
      count.id = select.id + "-count";
      count.setAttribute("aria-live", "polite");
      select.parentNode.insertBefore(box, select);
      select.parentNode.insertBefore(count, select.nextSibling);
      select.querySelectorAll("option").forEach(function (option) { option.title = option.textContent; });
      box.addEventListener("input", function () {
        var wanted = words(box.value), shown = 0;
        select.querySelectorAll("option").forEach(function (option) {
          var text = option.textContent.toLowerCase();
          var match = !option.value || option.selected || wanted.every(function (w) { return text.indexOf(w) !== -1; });
          option.hidden = !match;
          if (match && option.value) shown++;
        });
        select.querySelectorAll("optgroup").forEach(function (group) {
          group.hidden = !group.querySelector("option:not([hidden])");
        });
        count.textContent = wanted.length ? shown + (shown === 1 ? " question matches" : " questions match") : "";
      });
    });
  });
})();
