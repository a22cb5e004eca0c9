/* Self-assessment of a track: levels, ticked behaviours, a radar, the gaps and a reflection entry to download.
 *
 * Plain JavaScript, no framework. It reads the JSON block the page was built with and
 * keeps the answers only in the page address (#...) and localStorage: it makes no
 * network request. Without it the page stays a printable checklist.
 */
(function () {
  "use strict";

  var source = document.getElementById("sa-data");
  var root = document.getElementById("sa");
  if (!source || !root) return;
  var data = JSON.parse(source.textContent);
  var storageKey = "handbook-self-assessment:" + data.track;
  var form = document.getElementById("sa-form");
  var current = document.getElementById("sa-current");
  var target = document.getElementById("sa-target");
  var levelIds = data.levels.map(function (l) { return l.id; });
  var SVG = "http://www.w3.org/2000/svg";

  function boxes() { return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")); }
  function boxId(box) { return box.name + "." + box.value; }

  /* --- State: the page address first (it can be shared or bookmarked), else local storage --- */

  function readState() {
    var text = window.location.hash.slice(1);
    if (!text) {
      try { text = window.localStorage.getItem(storageKey) || ""; } catch (e) { text = ""; }
    }
    var params = new URLSearchParams(text);
    return {
      current: params.get("current"), target: params.get("target"),
      ticked: (params.get("shows") || "").split(",").filter(Boolean)
    };
  }

  function writeState() {
    var ticked = boxes().filter(function (b) { return b.checked; }).map(boxId);
    var params = new URLSearchParams();
    params.set("current", current.value);
    params.set("target", target.value);
    if (ticked.length) params.set("shows", ticked.join(","));
    var text = params.toString();
    window.history.replaceState(null, "", "#" + text);
    try { window.localStorage.setItem(storageKey, text); } catch (e) { /* private mode: the address still keeps it */ }
  }

  function applyState(state) {
    if (levelIds.indexOf(state.current) >= 0) current.value = state.current;
    if (levelIds.indexOf(state.target) >= 0) target.value = state.target;
    var ticked = {};
    state.ticked.forEach(function (id) { ticked[id] = true; });
    boxes().forEach(function (b) { b.checked = !!ticked[boxId(b)]; });
  }

  /* --- What the chosen levels expect, and what is ticked --- */

  function assess() {
    var ticked = {};
    boxes().forEach(function (b) { if (b.checked) ticked[boxId(b)] = true; });
    return data.competencies.map(function (c) {
      var atTarget = c.expected[target.value] || [];
      var atCurrent = c.expected[current.value] || [];
      var shown = c.behaviours.filter(function (b) { return ticked[c.id + "." + b.key]; });
      var missing = c.behaviours.filter(function (b) {
        return atTarget.indexOf(b.key) >= 0 && !ticked[c.id + "." + b.key];
      });
      var overlap = atCurrent.filter(function (k) { return atTarget.indexOf(k) >= 0; }).length;
      return {
        competency: c, shown: shown, missing: missing, expected: atTarget.length, atTarget: atTarget,
        score: atTarget.length ? (atTarget.length - missing.length) / atTarget.length : 0,
        baseline: atTarget.length ? overlap / atTarget.length : 0,
        relevant: atTarget.concat(atCurrent)
      };
    });
  }

  function showRelevant(results) {
    results.forEach(function (r) {
      var set = form.querySelector('fieldset[data-competency="' + r.competency.id + '"]');
      if (!set) return;
      var any = false;
      Array.prototype.forEach.call(set.querySelectorAll("li[data-key]"), function (li) {
        var keep = r.relevant.indexOf(li.getAttribute("data-key")) >= 0;
        li.hidden = !keep;
        any = any || keep;
      });
      set.hidden = !any;
    });
  }

  /* --- The radar: one axis per competency the target expects something of --- */

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function drawRadar(results) {
    var svg = document.getElementById("sa-radar");
    var title = svg.querySelector("title");
    while (svg.lastChild && svg.lastChild !== title) svg.removeChild(svg.lastChild);
    var axes = results.filter(function (r) { return r.expected > 0; });
    var cx = 210, cy = 210, radius = 140, n = axes.length;
    title.textContent = "Radar of the behaviours you show at " + target.value + ", by competency: " +
      axes.map(function (r) { return r.competency.name + " " + Math.round(r.score * 100) + "%"; }).join(", ");
    if (n === 0) return;
    function point(i, value) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return [cx + Math.cos(angle) * radius * value, cy + Math.sin(angle) * radius * value];
    }
    function polygon(values, cls) {
      var pts = values.map(function (v, i) { return point(i, Math.max(v, 0.02)).join(","); }).join(" ");
      return el("polygon", { points: pts, "class": cls });
    }
    [0.25, 0.5, 0.75, 1].forEach(function (ring) {
      svg.appendChild(polygon(axes.map(function () { return ring; }), "hb-sa-ring"));
    });
    axes.forEach(function (r, i) {
      var end = point(i, 1), label = point(i, 1.18);
      svg.appendChild(el("line", { x1: cx, y1: cy, x2: end[0], y2: end[1], "class": "hb-sa-axis" }));
      var anchor = Math.abs(label[0] - cx) < 5 ? "middle" : label[0] < cx ? "end" : "start";
      svg.appendChild(el("text", { x: label[0], y: label[1], "text-anchor": anchor, "class": "hb-sa-label" },
        r.competency.name));
    });
    svg.appendChild(polygon(axes.map(function (r) { return r.baseline; }), "hb-sa-baseline"));
    var shown = polygon(axes.map(function (r) { return r.score; }), "hb-sa-shown");
    shown.setAttribute("data-scores", axes.map(function (r) { return r.score.toFixed(2); }).join(" "));
    svg.appendChild(shown);
  }

  /* --- The gaps in words, and the live summary screen readers announce --- */

  function levelTitle(id) {
    var level = data.levels.filter(function (l) { return l.id === id; })[0];
    return level ? (level.label || level.id) + " (" + level.title + ")" : id;
  }

  function renderGaps(results) {
    var box = document.getElementById("sa-gaps");
    box.textContent = "";
    var open = results.filter(function (r) { return r.missing.length; });
    if (!open.length) {
      var done = document.createElement("p");
      done.textContent = "You show every behaviour " + levelTitle(target.value) + " expects.";
      box.appendChild(done);
      return;
    }
    open.forEach(function (r) {
      var heading = document.createElement("h4");
      heading.textContent = r.competency.name + ": " + r.missing.length + " of " + r.expected + " to show";
      var list = document.createElement("ul");
      r.missing.forEach(function (b) {
        var item = document.createElement("li");
        item.textContent = b.text;
        list.appendChild(item);
      });
      box.appendChild(heading);
      box.appendChild(list);
    });
  }

  function summarise(results) {
    var expected = 0, shown = 0, gaps = 0;
    results.forEach(function (r) {
      expected += r.expected;
      shown += r.expected - r.missing.length;
      if (r.missing.length) gaps += 1;
    });
    var sentence = "You show " + shown + " of the " + expected + " behaviours " + levelTitle(target.value) +
      " expects" + (gaps ? "; gaps in " + gaps + " competenc" + (gaps === 1 ? "y" : "ies") + "." : ".");
    document.getElementById("sa-summary").textContent = sentence;
    // the same result stays in view above the checkboxes while ticking (not announced twice)
    document.getElementById("sa-progress").textContent = sentence;
    document.getElementById("sa-meter").value = expected ? shown / expected : 0;
  }

  function update() {
    if (levelIds.indexOf(target.value) <= levelIds.indexOf(current.value)) {
      var next = levelIds[Math.min(levelIds.indexOf(current.value) + 1, levelIds.length - 1)];
      target.value = next;
    }
    var results = assess();
    showRelevant(results);
    drawRadar(results);
    renderGaps(results);
    summarise(results);
    writeState();
  }

  /* --- The reflection entry: Markdown with front matter that `handbook check` accepts --- */

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function yamlList(items) { return "[" + items.map(function (i) { return JSON.stringify(i); }).join(", ") + "]"; }

  function entryText() {
    var results = assess();
    var lines = ["---", "title: " + JSON.stringify("Self-assessment against " + levelTitle(target.value)),
      "date: " + today(), "kind: reflection"];
    var linkedCompetencies = results.filter(function (r) { return r.shown.length; })
      .map(function (r) { return r.competency.id; });
    var linkedBehaviours = [];
    results.forEach(function (r) {
      // only behaviours the target expects: a lower level's, replaced since, would evidence nothing
      r.shown.forEach(function (b) {
        if (b.id && r.atTarget.indexOf(b.key) >= 0) linkedBehaviours.push(r.competency.id + "/" + b.id);
      });
    });
    if (linkedCompetencies.length) {
      lines.push("competencies: " + yamlList(linkedCompetencies));
    }
    if (linkedBehaviours.length) {
      lines.push("behaviours: " + yamlList(linkedBehaviours));
    }
    lines.push("---", "", "Self-assessment on the " + data.trackName + " track: current level " +
      levelTitle(current.value) + ", target " + levelTitle(target.value) + ".", "", "## Behaviours I show", "");
    results.forEach(function (r) {
      if (!r.shown.length) return;
      lines.push("### " + r.competency.name, "");
      r.shown.forEach(function (b) { lines.push("- " + b.text); });
      lines.push("");
    });
    lines.push("## Gaps to " + target.value, "");
    results.forEach(function (r) {
      if (!r.missing.length) return;
      lines.push("### " + r.competency.name, "");
      r.missing.forEach(function (b) { lines.push("- " + b.text); });
      lines.push("");
    });
    lines.push("## What I will do next", "", "<!-- Which gap first, with which milestone or project, and by when. -->", "");
    return lines.join("\n");
  }

  function download() {
    var name = today() + "-self-assessment-" + target.value.toLowerCase().replace(/[^a-z0-9]+/g, "-") + ".md";
    var blob = new Blob([entryText()], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    document.getElementById("sa-summary").textContent = "Downloaded " + name +
      ": save it in portfolios/<your-id>/entries/, run handbook check, and commit it.";
  }

  function clear() {
    boxes().forEach(function (b) { b.checked = false; });
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    update();
  }

  /* --- Start: reveal the controls, restore the answers, follow every change --- */

  Array.prototype.forEach.call(root.querySelectorAll("[data-sa-js]"), function (n) { n.hidden = false; });
  Array.prototype.forEach.call(root.querySelectorAll("[data-sa-nojs]"), function (n) { n.hidden = true; });
  applyState(readState());
  form.addEventListener("change", update);
  window.addEventListener("hashchange", function () { applyState(readState()); update(); });
  document.getElementById("sa-download").addEventListener("click", download);
  document.getElementById("sa-clear").addEventListener("click", clear);
  update();
})();
