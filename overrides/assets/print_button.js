// »Udskriv« on the pages people print. A page asks for it with <div class="print-button screen-only"
// data-print-button></div>; the button is made here, so that a browser without script shows no button that does
// nothing, and the click is handled here because the site's security policy allows no inline handler.
for (const slot of document.querySelectorAll("[data-print-button]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = "Udskriv";
  button.addEventListener("click", () => window.print());
  slot.append(button);
}
