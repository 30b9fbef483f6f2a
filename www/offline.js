// Registers the service worker (sw.js) that keeps this site working
// offline. Loaded by our own pages only, never by widget.js: a host that
// embeds the calculator must not get a service worker on its origin
// uninvited. The scope is this site's folder, so the host's other pages
// are never under it.

if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register(new URL("./sw.js", import.meta.url), { scope: new URL("./", import.meta.url).href, updateViaCache: "none" })
    // Without it the page still works online (e.g. a private window refuses it).
    .catch((error) => console.warn("离线使用不可用 / offline use unavailable:", error.message));
}
