// Live preview of a letter template: re-render the PDF into the frame shortly after the operator stops typing.
(function () {
  var form = document.getElementById("form-jenis");
  var button = document.getElementById("tombol-pratinjau");
  if (!form || !button) return;
  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { button.click(); }, 900);
  });
  button.click();
})();
