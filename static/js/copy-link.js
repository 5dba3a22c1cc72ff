/* Copy buttons on the clinicians' short-link list. Without JavaScript the buttons stay hidden
   and the link text can be selected and copied by hand. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button.copy-link[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(
        function () {
          button.textContent = "Copied";
          button.setAttribute("aria-live", "polite");
          window.setTimeout(function () { button.textContent = label; }, 2000);
        },
        function () {
          button.textContent = "Select the link to copy it";
        }
      );
    });
  });
})();
