// Building the pages' DOM. Every text goes in as a text node, never as HTML: numbers and sentences from Python and
// anything read from a file are shown, never run.

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// A result's CSV (or other text) as a download, made in the page: nothing is fetched or sent.
export function downloadText(text, fileName, type = "text/csv;charset=utf-8") {
  const link = element("a", { href: URL.createObjectURL(new Blob([text], { type })), download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
