// Reply without a page load: «پاسخ» fills the form's reply target and names
// the comment in the banner. Without this script the links still work.
document.addEventListener("click", (event) => {
  const form = document.getElementById("comment-form");
  if (!form) return;
  const banner = form.querySelector("[data-reply-banner]");
  const parent = form.querySelector("[data-reply-parent]");
  const reply = event.target.closest("[data-reply-to]");
  if (reply) {
    event.preventDefault();
    parent.value = reply.dataset.replyTo;
    banner.querySelector("[data-reply-name]").textContent = reply.dataset.replyName;
    banner.hidden = false;
    form.scrollIntoView({ behavior: "smooth" });
    form.querySelector("textarea").focus();
  } else if (event.target.closest("[data-reply-cancel]")) {
    event.preventDefault();
    parent.value = "";
    banner.hidden = true;
  }
});

// «نسخه چاپی»: shown only where the script runs; the print stylesheet does the rest.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Count a read without touching the cached page: one small beacon per load.
const reading = document.querySelector("[data-read-beacon]");
if (reading && navigator.sendBeacon) navigator.sendBeacon(reading.dataset.readBeacon);
