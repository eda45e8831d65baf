// How many bytes of the calculator the worker has received, and of how many: Pyodide's 12 MB take half a minute
// on a slow line, and a bar that moves tells a person it is worth waiting. Every fetch of the worker goes through
// `countingFetch`; the body is counted as it streams, so the bar moves while the largest file is still arriving.

// Responses that may not carry a body: rebuilding one of these with a body would throw.
const NO_BODY = new Set([101, 103, 204, 205, 304]);
// Reports at most ten times a second: the page redraws its status line for each.
const INTERVAL_MS = 100;

// `expected` maps file names to their sizes as built ({"pyodide.asm.wasm": 9598218, …}), so the total is known
// before the first byte arrives. `report({ received, total })` gets the bytes so far. `broken(text)` is told at
// once when one of those files is refused or arrives shorter than built: Pyodide would only fail on it later, or
// never say so, and a person would wait for the page's watchdog.
export function countingFetch(fetchFromSite, expected, report, broken = () => {}) {
  const files = new Map(Object.entries(expected).map(([name, size]) => [name, { size, received: 0 }]));
  let lastReport = -Infinity;
  const send = (force) => {
    const now = performance.now();
    if (!force && now - lastReport < INTERVAL_MS) return;
    lastReport = now;
    let received = 0, total = 0;
    for (const file of files.values()) {
      received += file.received;
      total += Math.max(file.size, file.received); // a file longer than announced raises the total, never the share
    }
    report({ received, total });
  };

  return async (...request) => {
    const response = await fetchFromSite(...request);
    const name = new URL(response.url).pathname.split("/").pop();
    const built = expected[name];
    if (built !== undefined && !response.ok) broken(`${name}: HTTP ${response.status}`);
    if (!response.body || NO_BODY.has(response.status)) return response;
    const file = files.get(name) || { size: 0, received: 0 };
    files.set(name, file);
    // The server's length is the body's only when the body is not compressed on the way; else the built size.
    const length = Number(response.headers.get("Content-Length"));
    if (length > 0 && !response.headers.get("Content-Encoding")) file.size = length;
    file.received = 0; // a file fetched again starts over
    send(true);
    // Counted on a copy, as the copy's bytes arrive: the response itself goes on untouched, because only a response
    // straight from the browser's cache lets V8 keep the WebAssembly's compiled code beside it, and a returning
    // visitor's start is then ~0,7 s shorter here (benchmarks/README.md); a response built anew would lose that.
    countBody(response.clone().body.getReader(), file, send).then(() => {
      // Bytes as the page reads them, after any decompression: exactly the built file's, or it was cut short.
      if (built !== undefined && response.ok && file.received < built) {
        broken(`${name}: ${file.received} af ${built} bytes`);
      }
    }, () => {}); // a body that breaks off breaks Pyodide's copy too, and the worker says so (worker.mjs)
    return response;
  };
}

async function countBody(reader, file, send) {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    file.received += value.byteLength;
    send(false);
  }
  send(true);
}
