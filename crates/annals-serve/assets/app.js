// annals serve: the one script. On pages with highlighted text (an article,
// a coded report) pointing at or focusing a highlight shows its events in
// the side panel and outlines their cards. Everything else works without it.
"use strict";
(function () {
  var text = document.getElementById("text");
  var panel = document.getElementById("panel");
  var data = document.getElementById("annals-events");
  if (!text || !panel || !data) return;
  var records = [];
  try { records = JSON.parse(data.textContent); } catch (e) { return; }
  panel.hidden = false;
  var lit = [];
  function clear() {
    lit.forEach(function (el) { el.classList.remove("lit"); });
    lit = [];
  }
  function show(hl) {
    var ids = (hl.getAttribute("data-ev") || "").split(" ").filter(Boolean);
    clear();
    panel.textContent = "";
    ids.forEach(function (i) {
      var card = document.querySelector('.card[data-index="' + i + '"]');
      if (!card) return;
      card.classList.add("lit");
      lit.push(card);
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("lit");
      var pre = copy.querySelector("details.record pre");
      if (pre && records[+i]) pre.textContent = JSON.stringify(records[+i], null, 2);
      var rec = copy.querySelector("details.record");
      if (rec) rec.open = true;
      panel.appendChild(copy);
    });
    document.querySelectorAll(".hl").forEach(function (el) {
      var mine = (el.getAttribute("data-ev") || "").split(" ");
      if (ids.some(function (i) { return mine.indexOf(i) >= 0; })) { el.classList.add("lit"); lit.push(el); }
    });
  }
  text.addEventListener("mouseover", function (ev) {
    var hl = ev.target.closest(".hl");
    if (hl) show(hl);
  });
  text.addEventListener("focusin", function (ev) {
    var hl = ev.target.closest(".hl");
    if (hl) show(hl);
  });
})();
