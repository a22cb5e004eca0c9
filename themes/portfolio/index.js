/* The committee index: sort by any column (click its header) and filter by track, level,
   status, manager and open items (sealed verdicts, feedback not verified), also by clicking one
   of the counts above the table. Without JavaScript the full table is shown, sorted by name. */
(function () {
  "use strict";
  var table = document.getElementById("index-table");
  var form = document.getElementById("index-filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector(".index-count");
  form.hidden = false;

  function filter() {
    var wanted = {}, words = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) wanted[select.dataset.filter] = select.value;
      words[select.dataset.filter] = select.dataset.match === "word";
    });
    var shown = 0;
    rows.forEach(function (row) {
      var match = Object.keys(wanted).every(function (key) {
        var have = row.dataset[key] || "";
        // a word filter matches one of the row's space-separated values ("sealed unverified")
        return words[key] ? have.split(" ").indexOf(wanted[key]) >= 0 : have === wanted[key];
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " people shown";
    tiles.forEach(function (tile) {
      tile.button.setAttribute("aria-pressed", String(wanted[tile.key] === tile.value));
    });
  }

  // Each count above the table filters by what it counts; pressed again, it shows everyone.
  var tiles = Array.prototype.map.call(document.querySelectorAll(".figures li[data-filter]"), function (li) {
    var select = form.querySelector('select[data-filter="' + li.dataset.filter + '"]');
    var button = document.createElement("button");
    button.type = "button";
    button.className = "figure-filter";
    while (li.firstChild) button.appendChild(li.firstChild);
    li.appendChild(button);
    button.addEventListener("click", function () {
      select.value = select.value === li.dataset.value ? "" : li.dataset.value;
      filter();
    });
    return {button: button, key: li.dataset.filter, value: li.dataset.value};
  });

  function value(row, column, kind) {
    var cell = row.cells[column];
    var raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    return kind === "number" || cell.dataset.value !== undefined ? parseFloat(raw) : raw.toLowerCase();
  }

  var headers = table.tHead.rows[0].cells;
  table.classList.add("sortable");
  Array.prototype.forEach.call(headers, function (th, column) {
    var kind = th.dataset.sort;
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = value(a, column, kind), y = value(b, column, kind);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  form.addEventListener("change", filter);
  filter();
})();
