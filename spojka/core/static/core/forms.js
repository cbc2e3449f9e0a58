// After an invalid submit the error summary takes focus, so that a keyboard or screen reader user
// starts from the list of errors (WCAG 3.3.1). Its links move focus to the field itself and scroll
// the field's label (or its group's legend) into view, not only the control.
(function () {
  "use strict";

  function labelOf(control) {
    var fieldset = control.closest("fieldset");
    if (fieldset && control.type && /^(radio|checkbox)$/.test(control.type) && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    return (control.id && document.querySelector('label[for="' + control.id + '"]')) || control;
  }

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      var control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!control) return;
      event.preventDefault();
      labelOf(control).scrollIntoView();
      control.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
