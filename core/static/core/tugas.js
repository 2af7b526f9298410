// Keeps a job's progress bar moving: asks the server twice a second until the job has ended.
(function () {
  var box = document.getElementById("tugas");
  if (!box || box.dataset.berakhir) return;
  function show(s) {
    document.getElementById("tugas-status").textContent = s.label;
    document.getElementById("tugas-angka").textContent = s.total ? s.selesai + " dari " + s.total : "";
    var bar = document.getElementById("kemajuan");
    bar.value = s.persen; bar.textContent = s.persen + "%";
    var msg = document.getElementById("tugas-pesan");
    msg.textContent = s.pesan;
    msg.className = s.status === "gagal" ? "pesan pesan-galat" : "muted";
    if (s.tautan) {
      var out = document.getElementById("tugas-hasil");
      out.hidden = false; out.querySelector("a").href = s.tautan;
    }
    if (s.berakhir) {
      var stop = document.getElementById("tugas-batal");
      if (stop) stop.remove();
      // Show the full bar a moment before going to the result.
      if (s.status === "selesai" && s.tautan) setTimeout(function () { window.location = s.tautan; }, 600);
    }
    return s.berakhir;
  }
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) { if (!show(s)) setTimeout(poll, 500); })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();
