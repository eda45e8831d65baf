// The calculator's cluster data file: the loaded cluster joins "Klynge" (value CLUSTER_ID) and is compared against
// with the file's text sent along (Python reads it again, so the worker keeps nothing); an open file lets the
// practice fill its fields from its own row. Every number and sentence comes from Python.
import { CLUSTER_ID } from "./page_constants.mjs"; // written at build time, from calculators/cluster_file.py
import { element } from "./dom.mjs";
import { watchFileInput } from "./cluster_file_input.mjs";

export class CalculatorClusterFile {
  constructor(form) {
    this.form = form;
    const root = form.root;
    this.input = form.fields.cluster_file;
    this.fileStatus = root.querySelector("[data-cluster-file-status]");
    this.choice = root.querySelector("[data-practice-choice]");
    this.practiceSelect = root.querySelector("[data-practice]");
    this.facts = root.querySelector("[data-file-facts]");
    this.period = root.querySelector("[data-period]");
    this.text = null; // the loaded, validated file
    this.waiting = null; // a file chosen before the worker was ready
    this.practices = [];
    if (!this.input) return;
    watchFileInput(root, this.input, (text) => this.load(text), (message) => this.refuse(message));
    this.practiceSelect.addEventListener("change", () => this.fillFromRow());
  }

  ready() {
    if (this.waiting !== null) this.load(this.waiting);
  }

  load(text) {
    if (this.form.state !== "ready") {
      this.waiting = text;
      return;
    }
    this.waiting = null;
    this.pending = text;
    this.form.clearErrors();
    this.form.compute("cluster_file", { text });
  }

  // A file that cannot be used also forgets the one loaded before: nobody should compare against a cluster
  // other than the one they think they chose.
  refuse(message) {
    this.forget();
    this.form.clearResult();
    this.form.showError(message, "cluster_file");
  }

  forget() {
    this.text = null;
    this.practices = [];
    this.form.fields.cluster.querySelector(`option[value="${CLUSTER_ID}"]`)?.remove();
    this.choice.hidden = true;
    this.practiceSelect.replaceChildren(element("option", { value: "" }, "Vælg …"));
    this.fileStatus.textContent = "";
    this.showPeriod(null);
  }

  // The form's intro names the days the practice's counts must cover: the file's period once one is loaded.
  showPeriod(text) {
    if (!this.period) return;
    this.pagePeriod ??= this.period.textContent;
    this.period.textContent = text ?? this.pagePeriod;
  }

  loaded(response) {
    if (!response.ok) {
      this.refuse(response.error);
      return;
    }
    this.forget();
    this.form.clearResult(); // a result on screen answered another cluster
    const file = response.file;
    this.text = this.pending;
    const option = element("option", { value: CLUSTER_ID },
      `${file.cluster_name} – ${file.practices.length} praksis (jeres datafil)`);
    this.form.fields.cluster.prepend(option);
    this.form.fields.cluster.value = CLUSTER_ID;
    this.fileStatus.textContent = `Indlæst: ${file.cluster_name}, ${file.period.text}, data fra ${file.date_text}. ` +
      "Klyngen er valgt under »Klynge«.";
    this.showPeriod(file.period.text_and_length);
    if (file.open) {
      this.practices = file.practices;
      this.practiceSelect.append(...file.practices.map((p, index) => element("option", { value: String(index) }, p.label)));
      this.choice.hidden = false;
    }
  }

  fillFromRow() {
    const practice = this.practices[Number(this.practiceSelect.value)];
    if (!practice || this.practiceSelect.value === "") return;
    this.form.fields.listed.value = practice.listed_text;
    this.form.setText("text", practice.paste_text);
    this.form.fields.cluster.value = CLUSTER_ID;
  }

  // The kind and request for "Beregn": against the loaded cluster, the file's text goes along, and the row the
  // practice picked as its own, so that it is counted once (Python keeps it only while the numbers are the row's).
  request(request) {
    if (this.text === null || request.cluster_id !== CLUSTER_ID) return ["compare", request];
    const picked = this.practices[Number(this.practiceSelect.value)];
    const row = picked && this.practiceSelect.value !== "" ? { row: picked.label } : {};
    return ["compare_with_file", { ...request, cluster_file: this.text, ...row }];
  }

  showFacts(result) {
    const facts = result.cluster_file;
    this.facts.replaceChildren();
    if (!facts) return;
    this.facts.append(element("p", {}, facts.practices_text),
      element("ul", {}, ...facts.indicators.map((item) => element("li", {}, item.text))));
  }
}
