/* Accessible names Material's scripts leave out of step with what is shown. */
(function () {
  "use strict";
  /* The version selector's button reads "2026.2" but was named "Select version": its name
     must contain its visible text (WCAG 2.5.3, label in name). */
  function nameVersionButton() {
    var button = document.querySelector(".md-version__current");
    if (!button) return false;
    var shown = button.textContent.trim();
    button.setAttribute("aria-label", "Version " + shown + ", choose another");
    return true;
  }
  if (!nameVersionButton()) {
    var observer = new MutationObserver(function () { if (nameVersionButton()) observer.disconnect(); });
    observer.observe(document.body, { childList: true, subtree: true });
  }
})();

/* A link to a milestone opens its card; printing opens every card. */
(function () {
  "use strict";
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var card = target && target.closest("details");
    if (card && !card.open) { card.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openTarget);
  else openTarget();
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
