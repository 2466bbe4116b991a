/* Khabar: a live Persian word and character count in the article editor.
   Counts the headline, overline, lead and every body paragraph; a half-space
   (ZWNJ) joins a word, so «نمی‌شود» is one word. */
(function () {
  "use strict";
  var ZWNJ = "\u200c";
  var FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var FIELDS = "#id_title, #id_overline, #id_lead";
  var BODY = "[data-contentpath='body'] [contenteditable='true'], #body-0-value";

  function faDigits(number) {
    return String(number).replace(/[0-9]/g, function (d) { return FA_DIGITS[d]; });
  }

  function words(text) {
    var cleaned = text.split(ZWNJ).join("");
    var found = cleaned.match(/[^\s\u200b-\u200f.,;:!?،؛؟«»()"'\-]+/g);
    return found ? found.length : 0;
  }

  function collect() {
    var parts = [];
    document.querySelectorAll(FIELDS).forEach(function (el) { parts.push(el.value || ""); });
    document.querySelectorAll(BODY).forEach(function (el) { parts.push(el.innerText || ""); });
    return parts.join("\n");
  }

  function update(box) {
    var text = collect();
    var chars = text.replace(/\s/g, "").split(ZWNJ).join("").length;
    box.querySelector("[data-words]").textContent = faDigits(words(text));
    box.querySelector("[data-chars]").textContent = faDigits(chars);
  }

  function start() {
    if (!document.querySelector("#id_lead")) return;
    var box = document.createElement("div");
    box.className = "khabar-count";
    box.setAttribute("role", "status");
    box.setAttribute("dir", "rtl");
    box.innerHTML = '<span data-words>۰</span> واژه · <span data-chars>۰</span> نویسه';
    box.style.cssText = "position:fixed;bottom:1rem;left:1rem;z-index:100;" +
      "padding:.4rem .8rem;border-radius:.4rem;background:#262626;color:#fff;font-size:.9rem";
    document.body.appendChild(box);
    var pending = null;
    var schedule = function () {
      if (pending) return;
      pending = window.setTimeout(function () { pending = null; update(box); }, 150);
    };
    document.addEventListener("input", schedule, true);
    document.addEventListener("keyup", schedule, true);
    update(box);
    window.setTimeout(function () { update(box); }, 800);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
