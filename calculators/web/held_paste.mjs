// A text box that keeps a very long paste out of view. Chromium lays out every line of a <textarea>: on the test
// machine a pasted 100 kB froze the page for 0,6 s and the 2 MB the calculator accepts for 10 s. A practice's
// table is a few hundred bytes, so a paste (or a drop) that would make the box longer than SHOWN_AT_MOST characters is held
// here instead: the box is hidden behind a line saying how many lines were pasted, with a button that removes
// them. The text counts exactly as if it stood in the box (pasted at the cursor, over a selection). It is kept in
// this object only, never in any storage, like everything typed.
import { groupThousands } from "./danish_number.mjs";

const SHOWN_AT_MOST = 10_000;

export class HeldPaste {
  constructor(field) {
    this.field = field;
    this.held = null;
    this.summary = document.createElement("p");
    this.summary.tabIndex = -1; // focus moves here from the hidden box, so a screen reader reads what happened
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "md-button";
    remove.textContent = "Fjern teksten";
    remove.addEventListener("click", () => {
      this.release();
      field.focus();
    });
    this.note = document.createElement("div");
    this.note.className = "calculator-held";
    this.note.hidden = true;
    this.note.append(this.summary, remove);
    field.after(this.note);
    field.addEventListener("paste", (event) => this.paste(event));
    field.addEventListener("drop", (event) => this.drop(event));
  }

  get text() {
    return this.held ?? this.field.value;
  }

  set text(value) {
    this.release();
    this.field.value = value;
  }

  paste(event) {
    const pasted = event.clipboardData?.getData("text/plain") ?? "";
    const { value, selectionStart, selectionEnd } = this.field;
    if (value.length - (selectionEnd - selectionStart) + pasted.length <= SHOWN_AT_MOST) return; // pasted as usual
    event.preventDefault();
    this.hold(value.slice(0, selectionStart) + pasted + value.slice(selectionEnd));
  }

  hold(text) {
    this.held = text;
    this.field.value = "";
    this.field.hidden = true;
    this.summary.textContent = `Den indsatte tekst har ${groupThousands(countLines(this.held))} linjer. Så lang ` +
      "en tekst vises ikke i feltet, men den regnes med, når I trykker »Beregn«.";
    this.note.hidden = false;
    this.summary.focus();
  }

  // Text dragged onto the box (from a report or a spreadsheet) is laid out like a paste. Where in the box the
  // browser would drop it is not known before it does, so a long drop goes after what the box holds, on a line of
  // its own (a practice's table is one line per code, so the lines stay as they were).
  drop(event) {
    const dropped = event.dataTransfer?.getData("text/plain") ?? "";
    const { value } = this.field;
    if (value.length + dropped.length <= SHOWN_AT_MOST) return; // dropped as usual
    event.preventDefault();
    this.hold(value === "" || /[\r\n]$/.test(value) ? value + dropped : `${value}\n${dropped}`);
  }

  release() {
    this.held = null;
    this.note.hidden = true;
    this.field.hidden = false;
  }
}

// The lines as an editor numbers them: each ends at "\n", "\r\n" or "\r", and a final line end starts no new one.
// indexOf runs in the engine; splitting 2 MB into strings would cost more.
function countLines(text) {
  const unix = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  let lines = 0;
  for (let at = unix.indexOf("\n"); at !== -1; at = unix.indexOf("\n", at + 1)) lines += 1;
  return unix.endsWith("\n") || unix === "" ? lines : lines + 1;
}
