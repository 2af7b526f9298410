// The article and page editor: Trix takes the place of the plain textarea (which stays the form's field), and
// pictures dropped or pasted into it are uploaded to Balai (checked and resized there) before they are inserted.
(function () {
  "use strict";
  var ACCEPTED = ["image/jpeg", "image/png", "image/webp", "image/gif"];
  var LIMIT = 8 * 1024 * 1024;

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)balai_csrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function say(editor, text) {
    var box = editor.parentNode.querySelector(".editor-galat");
    if (!box) {
      box = document.createElement("p");
      box.className = "editor-galat";
      box.setAttribute("role", "alert");
      editor.parentNode.insertBefore(box, editor.nextSibling);
    }
    box.textContent = text;
    box.hidden = !text;
  }

  // The picture is uploaded first and inserted with Balai's URL: Trix's own preview of the local file (a blob: URL)
  // is blocked by the Content-Security-Policy, so the editor shows the stored, resized picture instead.
  function upload(editor, url, file) {
    var form = new FormData();
    form.append("berkas", file);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url, true);
    xhr.setRequestHeader("x-csrftoken", csrf());
    say(editor, "Mengunggah gambar…");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) say(editor, "Mengunggah gambar… " + Math.round(event.loaded / event.total * 100) + "%");
    });
    xhr.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 201 && answer.url) {
        editor.editor.insertAttachment(new window.Trix.Attachment({
          url: answer.url, href: answer.url, contentType: "image/webp", width: answer.lebar, height: answer.tinggi}));
        say(editor, "");
      } else {
        say(editor, answer.galat || "Gambar gagal diunggah. Coba lagi.");
      }
    });
    xhr.addEventListener("error", function () {
      say(editor, "Gambar gagal diunggah: sambungan terputus. Coba lagi.");
    });
    xhr.send(form);
  }

  function start(textarea) {
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", textarea.id);
    editor.setAttribute("aria-label", "Isi");
    editor.className = "trix-content";
    textarea.parentNode.insertBefore(editor, textarea);
    textarea.parentNode.classList.add("editor-aktif");
    var url = textarea.getAttribute("data-unggah");
    editor.addEventListener("trix-file-accept", function (event) {
      event.preventDefault();  // Trix never holds the local file; it gets the uploaded picture (see upload)
      if (ACCEPTED.indexOf(event.file.type) < 0) {
        say(editor, "Hanya gambar JPEG, PNG, WebP atau GIF yang bisa disisipkan.");
      } else if (event.file.size > LIMIT) {
        say(editor, "Gambar terlalu besar: maksimal 8 MB.");
      } else {
        upload(editor, url, event.file);
      }
    });
  }

  // The toolbar's labels and tooltips in Indonesian (read when an editor is created, so set first).
  var BAHASA = {
    attachFiles: "Sisipkan gambar", bold: "Tebal", bullets: "Daftar berbutir", captionPlaceholder: "Tulis keterangan…",
    code: "Kode", heading1: "Judul bagian", indent: "Tambah indentasi", italic: "Miring", link: "Tautan",
    numbers: "Daftar bernomor", outdent: "Kurangi indentasi", quote: "Kutipan", redo: "Ulangi", remove: "Hapus",
    strike: "Coret", undo: "Batalkan", unlink: "Hapus tautan", url: "Alamat", urlPlaceholder: "Tulis alamat tautan…"
  };

  function ready() {
    if (!window.Trix || !window.customElements) return;  // the textarea keeps working on its own
    if (window.Trix.config && window.Trix.config.lang) {
      for (var key in BAHASA) window.Trix.config.lang[key] = BAHASA[key];
    }
    var areas = document.querySelectorAll("textarea.editor-isi");
    for (var i = 0; i < areas.length; i++) start(areas[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
