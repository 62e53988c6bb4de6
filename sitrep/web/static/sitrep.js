// sitrep pages: the only script. Everything else is server-rendered.
// Article view: click (or Enter on) a quote -> show its speaker and select it in the panel;
// click a panel row -> highlight its span in the text. Text is set with textContent only.
(function () {
  "use strict";

  function showSpeaker(quoteId) {
    var item = document.getElementById("quote-" + quoteId);
    var box = document.getElementById("speaker-box");
    if (!item || !box) { return; }
    var speaker = item.getAttribute("data-speaker") || "unknown";
    var kind = item.querySelector(".badge");
    box.textContent = "Speaker: " + speaker + (kind ? " (" + kind.textContent + " quote)" : "");
    box.setAttribute("data-quote", quoteId);
    box.hidden = false;
    document.querySelectorAll(".quote-item.selected").forEach(function (el) { el.classList.remove("selected"); });
    item.classList.add("selected");
    mark('[data-quote="' + cssEscape(quoteId) + '"]');
  }

  function mark(selector) {
    document.querySelectorAll("#article-text .active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll("#article-text " + selector).forEach(function (el) { el.classList.add("active"); });
  }

  function cssEscape(s) { return (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/[^\w-]/g, ""); }

  function init() {
    var text = document.getElementById("article-text");
    if (!text) { return; }
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest("[data-quote]");
      if (el) { showSpeaker(el.getAttribute("data-quote")); }
    });
    text.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") { return; }
      var el = ev.target.closest("[data-quote]");
      if (el) { ev.preventDefault(); showSpeaker(el.getAttribute("data-quote")); }
    });
    document.querySelectorAll(".quote-item[data-quote]").forEach(function (li) {
      li.addEventListener("click", function () { showSpeaker(li.getAttribute("data-quote")); });
    });
    document.querySelectorAll(".event-item[data-event]").forEach(function (li) {
      li.addEventListener("click", function () {
        document.querySelectorAll(".event-item.selected").forEach(function (el) { el.classList.remove("selected"); });
        li.classList.add("selected");
        mark('[data-events~="' + cssEscape(li.getAttribute("data-event")) + '"]');
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
