// Kaiten's embed loader: include it once on a page, and every element such as
//   <div data-kaiten="rpc-call" data-step="12"></div>
// becomes a player (embed.html, served beside this file) in an iframe that takes the
// height of its content. data-kaiten names a built-in scenario, or holds a share link's
// fragment ("#k1=..."); with data-lesson="NAME" (and an empty data-kaiten) it plays a lesson. data-step, data-autoplay,
// data-speed, data-lang, data-theme, data-controls, data-panes and data-height are the
// player's options (README, "Embedding"). Each player's messages are also dispatched on its
// element as a "kaiten" event (event.detail is the message), and element.kaitenPlayer is its
// iframe's window, for sending commands. Escape inside a player gives the focus back to the
// element, so a slide deck's keys work again.
(() => {
  "use strict";
  const base = new URL(".", document.currentScript ? document.currentScript.src : location.href);
  const OPTIONS = ["step", "autoplay", "speed", "lang", "theme", "controls", "panes", "height"];
  const players = new Map();

  function mount(element) {
    if (element.dataset.kaitenMounted) return;
    element.dataset.kaitenMounted = "1";
    const what = element.dataset.kaiten || "";
    const url = new URL("embed.html", base);
    if (element.dataset.lesson) url.searchParams.set("lesson", element.dataset.lesson);
    else if (what.startsWith("#")) url.hash = what;
    else if (what) url.searchParams.set("scenario", what);
    for (const option of OPTIONS) {
      const value = element.dataset[option];
      if (value !== undefined) url.searchParams.set(option, value);
    }
    const frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = element.getAttribute("aria-label") || `Kaiten: ${element.dataset.lesson || what || "player"}`;
    frame.loading = "lazy";
    frame.style.cssText = "display:block;width:100%;border:0;height:" + (element.dataset.height || 420) + "px";
    element.tabIndex = -1;
    element.appendChild(frame);
    element.kaitenPlayer = frame.contentWindow;
    players.set(frame, element);
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.kaiten !== 1) return;
    for (const [frame, element] of players) {
      if (frame.contentWindow !== event.source) continue;
      if (data.kind === "resize" && !element.dataset.height && data.height > 0) {
        frame.style.height = data.height + "px";
      }
      if (data.kind === "escape") {
        frame.blur();
        element.focus();
      }
      element.dispatchEvent(new CustomEvent("kaiten", { detail: data }));
    }
  });

  const mountAll = () => document.querySelectorAll("[data-kaiten]").forEach(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
