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
