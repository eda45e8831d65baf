// The site's service worker: after one visit to a calculator, the calculator and the pages visited open without a
// network (cluster meetings are often in rooms with a poor connection). MkDocs copies this file to the site's root
// (the theme folder's static files); overrides/hooks/service_worker.py then writes BUILD below.
//
// What it keeps: only answers to GET requests for the site's own files (pages, theme, the calculator's hashed
// files, Pyodide). Nothing typed or loaded is ever in a request: the forms are never submitted, a loaded file is
// read in the browser, and blob: URLs never pass through a service worker.
const BUILD = {}; // {id, precache: [paths relative to this file], pyodide: path of Pyodide's folder} — see above

const SITE = new URL("./", self.location).href;
const PREFIX = `midtkraft:${SITE}:`; // this edition's caches (editions share an origin, each has its own folder)
const CACHE = PREFIX + BUILD.id;
const PYODIDE = new URL(BUILD.pyodide, self.location).href;
const PYODIDE_CACHE = `midtkraft:pyodide:${PYODIDE}`; // shared by the editions that use this Pyodide
// A file whose name carries its content hash never changes (overrides/hooks/asset_hashes.py).
const HASHED = new RegExp(`^${SITE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}assets/(calculators|data)/[^/]+\\.[0-9a-f]{10}\\.[a-z]+$`);
// On a poor line a page comes from the cache after this long, while the network's answer still refreshes it.
const NETWORK_PATIENCE_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name); // an older build of this edition
    }
    await self.clients.claim();
  })());
});

// The page that registered this worker has just loaded all of these; `force-cache` takes them from the browser's
// HTTP cache instead of downloading Pyodide a second time.
async function precache() {
  const pages = (await self.clients.matchAll({ type: "window", includeUncontrolled: true }))
    .map((client) => pathOf(client.url)).filter((url) => url.startsWith(SITE));
  const files = BUILD.precache.map((path) => new URL(path, self.location).href);
  const site = await caches.open(CACHE);
  const pyodide = await caches.open(PYODIDE_CACHE);
  const kept = new Set((await pyodide.keys()).map((request) => request.url)); // from an earlier build or edition
  await Promise.all([
    ...files.filter((url) => !kept.has(url))
      .map((url) => keep(url.startsWith(PYODIDE) ? pyodide : site, new Request(url, { cache: "force-cache" }))),
    ...pages.map((url) => keep(site, new Request(url))),
  ]);
}

async function keep(cache, request) {
  const response = await fetch(request);
  if (!response.ok) throw new Error(`${request.url}: HTTP ${response.status}`);
  await cache.put(request.url, response);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return; // the browser handles it as usual
  const url = request.url.split("#")[0];
  // The WebAssembly goes to the browser's HTTP cache, which keeps V8's compiled code beside it: a returning
  // visitor's Pyodide then starts without compiling 10 MB again (~0,7 s here, benchmarks/README.md), which no
  // answer from here can give. Its copy in Cache Storage is for use without a network, taken by the calculators'
  // worker.
  if (url.endsWith(".wasm")) return;
  if (url.startsWith(PYODIDE)) event.respondWith(cacheFirst(PYODIDE_CACHE, request));
  else if (HASHED.test(url)) event.respondWith(cacheFirst(CACHE, request));
  else if (url.startsWith(SITE)) event.respondWith(networkFirst(request));
  // Anything else (another edition, another origin) is not this worker's to keep.
});

// Kept by path: a search's highlight (`?h=…`) or anything else in a query is what someone typed, and never a key
// in Cache Storage; the same page under another query is the same page.
function pathOf(url) {
  return url.split(/[?#]/)[0];
}

async function cacheFirst(name, request) {
  const cache = await caches.open(name);
  const cached = await cache.match(pathOf(request.url));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(pathOf(request.url), response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(pathOf(request.url), response.clone());
    return response;
  });
  network.catch(() => {}); // when the cache has answered, a failed refresh is no one's business
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS));
  try {
    const first = await Promise.race([network, patience.then(() => cache.match(pathOf(request.url)))]);
    return first || (await network);
  } catch (error) {
    const cached = await cache.match(pathOf(request.url));
    if (cached) return cached;
    throw error;
  }
}
