/* Copy buttons on the clinicians' short-link list and handouts. Without JavaScript the buttons stay
   hidden: the link text can be selected by hand, and each note is in a read-only box whose text
   can be selected all at once and copied. */
(function () {
  "use strict";
  var canCopy = navigator.clipboard && window.isSecureContext;

  function wire(button, getText, onFail) {
    var label = button.innerHTML;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(getText()).then(
        function () {
          button.textContent = "Copied";
          button.setAttribute("aria-live", "polite");
          window.setTimeout(function () { button.innerHTML = label; }, 2000);
        },
        onFail
      );
    });
  }

  /* Focusing a note box selects all of it, so a plain Ctrl+C / long-press Copy takes the whole note. */
  document.querySelectorAll("textarea.note-text").forEach(function (box) {
    box.addEventListener("focus", function () { box.select(); });
  });
  if (!canCopy) {
    return;
  }
  document.querySelectorAll("button.copy-link[data-copy]").forEach(function (button) {
    wire(button, function () { return button.getAttribute("data-copy"); }, function () {
      button.textContent = "Select the link to copy it";
    });
  });
  document.querySelectorAll("button.copy-note[data-copy-from]").forEach(function (button) {
    var box = document.getElementById(button.getAttribute("data-copy-from"));
    if (!box) {
      return;
    }
    wire(button, function () { return box.value; }, function () {
      box.focus();
      box.select();
      button.textContent = "Press Ctrl+C (or Copy) to copy the selected text";
    });
  });
})();
