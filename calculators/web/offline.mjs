// Keeps the site's own files for a visit without a network: registers the service worker at the site's root
// (overrides/sw.js). Called once a calculator is ready, so the worker's first fill reads what the page has just
// loaded (Pyodide's 13 MB among it) from the browser's HTTP cache instead of downloading it again.
export function keepForOffline() {
  if (!("serviceWorker" in navigator)) return; // e.g. a page opened from a file or over plain http elsewhere
  navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url))
    .catch((error) => console.warn("Sitet kan ikke gemmes til brug uden net:", error));
}
