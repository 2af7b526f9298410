// "Salin" buttons: copy the text of the input named in data-salin. In a file, not inline: the site's
// Content-Security-Policy allows no inline script. Without JavaScript the input is still there to select.
(function () {
  document.querySelectorAll("[data-salin]").forEach(function (button) {
    var input = document.getElementById(button.dataset.salin);
    var done = document.getElementById(button.dataset.salinPesan || "");
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      input.select();
      var said = function () { if (done) done.textContent = "Tersalin."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(said, function () { document.execCommand("copy"); said(); });
      } else {
        document.execCommand("copy");
        said();
      }
    });
  });
})();
