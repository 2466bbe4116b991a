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

// A cached page carries empty CSRF and captcha fields; fetch this reader's own.
const placeholders = document.querySelectorAll("[data-csrf], [data-captcha-token]");
if (placeholders.length) {
  fetch("/comments/state/", { credentials: "same-origin", cache: "no-store" })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((state) => {
      for (const input of document.querySelectorAll("[data-csrf]")) input.value = state.csrf;
      for (const input of document.querySelectorAll("[data-captcha-token]")) {
        input.value = state.captcha.token;
      }
      for (const label of document.querySelectorAll("[data-captcha-question]")) {
        label.textContent = state.captcha.question;
      }
    })
    .catch(() => {
      for (const notice of document.querySelectorAll("[data-state-error]")) notice.hidden = false;
    });
}
