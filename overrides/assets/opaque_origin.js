// A sandboxed frame on another site gives the page an opaque origin ("null"). The calculators' module scripts are
// then refused (a module is fetched with CORS, which the site does not grant), so nothing would ever replace
// »Beregneren indlæses …«. This classic script still runs there, and says what worker_form.mjs says to any other
// site's frame: the form goes, and the page's own text (data-framed, from calculators/page_constants.py) says why.
if (window.origin === "null") {
  for (const root of document.querySelectorAll("[data-framed]")) {
    root.querySelector("[data-form]").hidden = true;
    root.querySelector("[data-status]").classList.remove("is-busy");
    root.querySelector("[data-status-text]").textContent = "Beregneren er slået fra her";
    const message = document.createElement("p");
    message.textContent = root.dataset.framed;
    root.querySelector("[data-error]").replaceChildren(message);
  }
}
