// Reading a cluster data file ("Klyngens datafil") in the page: from the file input or dropped onto a calculator.
// The file's text goes to the worker only, and Python validates it; this module moves text and builds the DOM.
// Nothing is stored: the text lives in this object until another file replaces it or the tab closes.
import { FILE_TOO_LARGE, MAX_INPUT_BYTES } from "./page_constants.mjs"; // written at build time
import { megabytesOver } from "./danish_number.mjs";

// Calls `onText(text, name)` with a chosen or dropped file's text, or `onError(message)` when it cannot be read.
export function watchFileInput(root, input, onText, onError) {
  const read = async (file) => {
    if (!file) return;
    if (file.size > MAX_INPUT_BYTES) { // a cluster's file is a few kilobytes: far beyond that it is the wrong one
      onError(FILE_TOO_LARGE.replace("{size}", megabytesOver(file.size)));
      return;
    }
    try {
      onText(await file.text(), file.name);
    } catch {
      onError("Filen kunne ikke læses. Vælg den igen, eller gem den på computeren først.");
    }
  };
  input.addEventListener("change", () => read(input.files[0]));
  root.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault(); // without this the browser opens the dropped file instead
    root.classList.add("is-dropping");
  });
  root.addEventListener("dragleave", () => root.classList.remove("is-dropping"));
  root.addEventListener("drop", (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    root.classList.remove("is-dropping");
    read(event.dataTransfer.files[0]);
  });
}
