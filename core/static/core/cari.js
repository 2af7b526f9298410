// Suggestions under the header's search box while a clerk types; Enter still opens the full results page.
(function () {
  var form = document.querySelector("form.cari-atas");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("ul");
  list.className = "cari-saran";
  list.id = "cari-saran";
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");
  var timer = null, asked = "";
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.label;
      var small = document.createElement("small");
      small.textContent = item.jenis + (item.rincian ? " · " + item.rincian : "");
      a.appendChild(small);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { show([]); return; }
    timer = setTimeout(function () {
      asked = q;
      fetch("/admin/cari/saran?q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (asked === input.value.trim()) show(items); })
        .catch(function () { show([]); });
    }, 250);
  });
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") show([]); });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) show([]); });
})();
