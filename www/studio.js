// 政策包工作台 (studio.html): a portal's staff edit a policy pack's TOML,
// see its errors located by line and column as they type, change the
// common fields in a form, compare the pack with the built-in one on the
// demo enterprises and the document's golden cases, and download what to
// publish. Every check, edit, figure and file comes from the staff tools'
// package (Studio in src/wasm/studio.rs); this file only lays them out.
//
// The editor is a plain <textarea> with a line-number gutter: an error
// jumps the caret to its line and column, which is all a pack needs; a
// code-editor library (CodeMirror 6, ~150 KB) would add highlighting, not
// correctness, and one more thing to keep working in older browsers.
// Checking runs on the page's thread, debounced: reading a 600-line pack
// takes a few milliseconds.

import { groupDigits, h, saveFile } from "./dom.js";
import { PERSONAS } from "./personas.js";
import { bi, fill, lang, startSwitches, zh_en } from "./staff-page.js";
import { loadTools } from "./tools-wasm.js";

const DEBOUNCE_MS = 250;

const T = {
  title: zh_en("政策包工作台：编写、检查、预览和发布政策包", "Pack studio: write, check, preview and publish a policy pack"),
  loadFailed: zh_en("工作台加载失败：", "The studio failed to load: "),
  ok: zh_en("没有错误：{d} 份文件，{r} 条规则。", "No errors: {d} document(s), {r} rule(s)."),
  errors: zh_en("{n} 处错误，点击可跳到出错位置：", "{n} error(s); select one to go to it:"),
  at: zh_en("第 {l} 行第 {c} 列", "line {l}, column {c}"),
  rule: zh_en("规则 {r}", "rule {r}"),
  field: zh_en("字段 {f}", "field {f}"),
  noForm: zh_en("文本不是有效的 TOML，请先按上面的错误更正。", "The text is not valid TOML: correct the errors above first."),
  document: zh_en("文件", "The document"),
  empty: zh_en("（未填）", "(empty)"),
  noChange: zh_en("与内置政策包相比，演示企业和测试用例的结果都没有变化。", "Against the built-in pack, no demo enterprise's and no golden case's result changes."),
  fixFirst: zh_en("政策包有错误，更正后才能预览和发布。", "The pack has errors: correct them to preview and publish."),
  personas: zh_en("演示企业", "Demo enterprises"),
  cases: zh_en("本文件的测试用例", "The document's golden cases"),
  affected: zh_en("{of} 个中 {n} 个结果不同", "{n} of {of} with different results"),
  who: zh_en("企业 / 用例", "Enterprise / case"),
  policy: zh_en("政策", "Policy"),
  before: zh_en("内置政策包", "Built-in pack"),
  after: zh_en("修改后", "Edited"),
  change: zh_en("变化（元）", "Change (yuan)"),
  expected: zh_en("手算预期 {a}：", "Worked by hand {a}: "),
  holds: zh_en("仍相符", "still holds"),
  breaks: zh_en("不再相符，须按新文本重新手算", "no longer holds: work it again from the new text"),
  total: zh_en("合计", "Total"),
  absent: zh_en("（无此规则）", "(no such rule)"),
  json: zh_en("下载政策包（JSON，供 policy-set 加载）", "Download the pack (JSON, for policy-set)"),
  casesFile: zh_en("下载测试用例集（{n} 个用例，sme-subsidy test 运行）", "Download the golden cases ({n} cases, for sme-subsidy test)"),
  integrity: zh_en("文件的 SRI 校验值（sha384）", "The file's SRI hash (sha384)"),
  snippet: zh_en("嵌入代码", "Embed snippet"),
  copy: zh_en("复制", "Copy"),
  copied: zh_en("已复制", "Copied"),
  steps: zh_en(
    "把 JSON 文件放到上面填写的地址，再把嵌入代码放进页面；批量筛查页以 data-policy-set 使用同一文件。",
    "Put the JSON file at the address above, then the snippet in your page; the batch page takes the same file as data-policy-set.",
  ),
  section: zh_en("部分", "Section"),
  path: zh_en("字段", "Field"),
  meaning: zh_en("说明", "Meaning"),
  unit: zh_en("单位", "Unit"),
  example: zh_en("示例", "Example"),
  templates: zh_en("模板", "Templates"),
  required: zh_en("必填", "Required"),
  yes: zh_en("是", "yes"),
  no: zh_en("否", "no"),
};

/** A cell's column name, shown before it when a narrow screen stacks the table (studio.css). */
const labelled = (t) => ({ "data-zh": t.zh, "data-en": t.en });

class Studio {
  #studio;
  #timer = 0;
  #ok = false;
  #id = "pack";
  #rule = "";

  async start() {
    startSwitches(T.title);
    const loading = document.getElementById("loading");
    try {
      const tools = await loadTools();
      this.#studio = new tools.Studio();
    } catch (error) {
      loading.replaceChildren(...bi(T.loadFailed), String(error?.message ?? error));
      loading.classList.add("alert");
      return;
    }
    loading.remove();
    for (const section of document.querySelectorAll("section.step")) section.hidden = false;

    const select = document.getElementById("template");
    for (const s of this.#studio.sources()) {
      select.append(h("option", { value: s.folder }, `${s.title}（${s.folder}）`));
    }
    document.getElementById("open-template").addEventListener("click", () => this.#open(this.#studio.source(select.value)));
    document.getElementById("file").addEventListener("change", async (event) => {
      const file = event.target.files?.[0];
      if (file) this.#open(await file.text());
    });
    const source = this.#source();
    source.addEventListener("input", () => {
      this.#numberLines();
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#check(), DEBOUNCE_MS);
    });
    source.addEventListener("scroll", () => {
      document.getElementById("gutter").scrollTop = source.scrollTop;
    });
    document.getElementById("url").addEventListener("input", () => this.#publish());
    this.#reference();
    this.#open(this.#studio.source(select.value));
  }

  #source() {
    return document.getElementById("source");
  }

  #open(text) {
    const source = this.#source();
    source.value = text ?? "";
    source.scrollTop = 0;
    this.#rule = "";
    this.#numberLines();
    this.#check();
  }

  /** The gutter: one number per line of the text, the lines with an error marked. */
  #numberLines(errorLines = new Set()) {
    const count = this.#source().value.split("\n").length;
    const gutter = document.getElementById("gutter");
    const lines = [];
    for (let n = 1; n <= count; n += 1) lines.push(errorLines.has(n) ? h("span", { class: "bad" }, String(n)) : String(n), "\n");
    gutter.replaceChildren(...lines);
    gutter.scrollTop = this.#source().scrollTop;
  }

  #check() {
    const text = this.#source().value;
    const result = this.#studio.check(text, "pack.toml");
    this.#ok = result.ok;
    const status = document.getElementById("check-status");
    const list = document.getElementById("errors");
    status.className = `check-status ${result.ok ? "good" : "bad"}`;
    if (result.ok) {
      status.replaceChildren(...bi(fill(T.ok, { d: result.documents, r: result.rules })));
      list.replaceChildren();
      this.#numberLines();
    } else {
      status.replaceChildren(...bi(fill(T.errors, { n: result.errors.length })));
      list.replaceChildren(...result.errors.map((e) => this.#errorItem(e)));
      this.#numberLines(new Set(result.errors.filter((e) => e.at).map((e) => e.at.line)));
    }
    const id = /^id\s*=\s*"([^"]*)"/m.exec(text);
    this.#id = id?.[1] || "pack";
    this.#form();
    this.#preview();
    this.#publish();
  }

  /** One error: where (line, column, rule, field), then why in both languages; selecting it moves the caret there. */
  #errorItem(e) {
    const where = [];
    if (e.at) where.push(fill(T.at, { l: e.at.line, c: e.at.column }));
    if (e.rule) where.push(fill(T.rule, { r: e.rule }));
    if (e.field) where.push(fill(T.field, { f: e.field }));
    const label = { zh: where.map((w) => w.zh).join(" · "), en: where.map((w) => w.en).join(" · ") };
    const button = h("button", { type: "button", class: "where", "data-line": e.at?.line ?? "" }, ...bi(label));
    button.addEventListener("click", () => e.at && this.#goTo(e.at.line, e.at.column));
    return h("li", { class: "error" }, button, h("p", { class: "why" }, e.zh), h("p", { class: "why", lang: "en" }, e.en));
  }

  #goTo(line, column) {
    const source = this.#source();
    const lines = source.value.split("\n");
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += lines[i].length + 1;
    // Columns count characters; a JavaScript string indexes UTF-16 units.
    offset += [...(lines[line - 1] ?? "")].slice(0, column - 1).join("").length;
    source.focus();
    source.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 20;
    source.scrollTop = Math.max(0, (line - 3) * lineHeight);
    document.getElementById("gutter").scrollTop = source.scrollTop;
  }

  // ---- the form ---------------------------------------------------------------

  #form() {
    const body = document.getElementById("form");
    let form;
    try {
      form = this.#studio.form(this.#source().value);
    } catch {
      body.replaceChildren(h("p", { class: "prompt" }, ...bi(T.noForm)));
      return;
    }
    if (!form.rules.some((r) => r.id === this.#rule)) this.#rule = "";
    const picker = h("select", { id: "form-rule" },
      h("option", { value: "" }, `${T.document.zh} / ${T.document.en}`),
      ...form.rules.map((r) => h("option", { value: r.id, selected: r.id === this.#rule }, `${r.id} ${r.name_zh}`)));
    picker.addEventListener("change", () => {
      this.#rule = picker.value;
      this.#form();
      document.getElementById("form-rule").focus();
    });
    const fields = this.#rule ? form.rules.find((r) => r.id === this.#rule).fields : form.document;
    body.replaceChildren(
      h("div", { class: "field" },
        h("label", { for: "form-rule" }, ...bi(zh_en("要修改的规则", "The rule to edit"))),
        h("div", { class: "control" }, picker)),
      h("div", { class: "grid" }, ...fields.map((f) => this.#formField(f))),
    );
  }

  #formField(f) {
    const id = `f-${this.#rule || "doc"}-${f.key}`.replace(/[^\w-]/g, "_");
    let control;
    if (f.choices.length > 0) {
      control = h("select", { id, "data-key": f.key },
        ...f.choices.map((c) => h("option", { value: c.value, selected: c.value === f.value }, `${c.value} — ${c[lang()]}`)));
    } else if (f.key === "quote") {
      control = h("textarea", { id, "data-key": f.key, rows: 4 });
      control.value = f.value;
    } else {
      control = h("input", { id, type: "text", "data-key": f.key, value: f.value, placeholder: T.empty[lang()] });
    }
    control.addEventListener("change", () => this.#set(f.key, control.value, id));
    return h("div", { class: f.key === "quote" || f.choices.length > 2 ? "field wide" : "field" },
      h("label", { for: id }, ...bi({ zh: f.zh, en: f.en })),
      h("div", { class: "control" }, control),
      h("p", { class: "help" }, ...bi({ zh: `${f.key} · ${f.unit_zh}`, en: `${f.key} · ${f.unit_en}` })));
  }

  /** Write one form value back into the text (toml_edit, in Rust), then check again. */
  #set(key, value, focusId) {
    try {
      this.#source().value = this.#studio.set(this.#source().value, this.#rule, key, value);
    } catch (error) {
      document.getElementById("check-status").textContent = String(error?.message ?? error);
      return;
    }
    this.#numberLines();
    this.#check();
    document.getElementById(focusId)?.focus();
  }

  // ---- the preview --------------------------------------------------------------

  #preview() {
    const body = document.getElementById("preview-body");
    if (!this.#ok) {
      body.replaceChildren(h("p", { class: "prompt" }, ...bi(T.fixFirst)));
      return;
    }
    const personas = PERSONAS.map((p) => ({ id: p.id, name: p.name, scenario: p.scenario }));
    const preview = this.#studio.preview(this.#source().value, JSON.stringify(personas));
    const groups = [[T.personas, preview.personas, preview.persona_count], [T.cases, preview.cases, preview.case_count]];
    // A persona or case the engine could not read is named, not dropped silently.
    const problems = preview.problems.length === 0 ? null
      : h("ul", { class: "problems" }, ...preview.problems.map((p) => h("li", {}, p)));
    if (groups.every(([, rows]) => rows.length === 0)) {
      body.replaceChildren(h("p", { class: "prompt", id: "no-change" }, ...bi(T.noChange)), problems ?? "");
      return;
    }
    body.replaceChildren(...groups.filter(([, rows]) => rows.length > 0).map((group) => this.#previewTable(...group)), problems ?? "");
  }

  /** One table: per enterprise (or case) whose results differ, each rule that changes, then the totals. */
  #previewTable(title, rows, count) {
    const money = (a) => (a == null ? "—" : groupDigits(a));
    const side = (s) => (s ? [money(s.amount), h("br"), h("span", { class: "status" }, ...bi({ zh: s.status_zh, en: s.status_en }))] : bi(T.absent));
    const body = [];
    for (const c of rows) {
      c.changes.forEach((r, i) => {
        const expectation = r.expectation_holds == null ? null
          : h("p", { class: r.expectation_holds ? "holds" : "breaks" }, ...bi(fill(T.expected, { a: money(r.expected) })), ...bi(r.expectation_holds ? T.holds : T.breaks));
        body.push(h("tr", { "data-subject": c.id, "data-rule": r.rule_id },
          i === 0 ? h("th", { scope: "row", rowspan: c.changes.length + 1 }, ...bi({ zh: c.label_zh, en: c.label_en })) : null,
          h("td", {}, h("span", { class: "rule-id" }, r.rule_id), " ", ...bi({ zh: r.name_zh, en: r.name_en }), expectation),
          h("td", { class: "num", ...labelled(T.before) }, ...side(r.before)),
          h("td", { class: "num", ...labelled(T.after) }, ...side(r.after)),
          h("td", { class: "num change", ...labelled(T.change) }, money(r.change))));
      });
      body.push(h("tr", { class: "total", "data-subject": c.id },
        h("td", {}, ...bi(T.total)),
        h("td", { class: "num", ...labelled(T.before) }, money(c.total_before)),
        h("td", { class: "num", ...labelled(T.after) }, money(c.total_after)),
        h("td", { class: "num change", ...labelled(T.change) }, money(c.total_change))));
    }
    return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `${title.zh} / ${title.en}` },
      h("table", { class: "preview" },
        h("caption", {}, ...bi(title), " · ", ...bi(fill(T.affected, { n: rows.length, of: count }))),
        h("thead", {}, h("tr", {}, ...[T.who, T.policy, T.before, T.after, T.change].map((t) => h("th", { scope: "col" }, ...bi(t))))),
        h("tbody", {}, ...body)));
  }

  // ---- publishing -----------------------------------------------------------------

  #publish() {
    const body = document.getElementById("publish-body");
    const url = document.getElementById("url");
    if (!url.value || url.dataset.auto === "1") {
      url.value = `/sme-subsidy/packs/${this.#id}.json`;
      url.dataset.auto = "1";
    }
    url.oninput = () => (url.dataset.auto = "0");
    if (!this.#ok) {
      body.replaceChildren(h("p", { class: "prompt" }, ...bi(T.fixFirst)));
      return;
    }
    const p = this.#studio.publish(this.#source().value, url.value);
    const json = h("button", { type: "button", id: "download-json", class: "primary" }, ...bi(T.json));
    json.addEventListener("click", () => saveFile(p.file_name, new Blob([p.json], { type: "application/json" })));
    const cases = h("button", { type: "button", id: "download-cases" }, ...bi(fill(T.casesFile, { n: p.case_count })));
    cases.addEventListener("click", () => saveFile(p.cases_file_name, new Blob([p.cases], { type: "text/plain" })));
    body.replaceChildren(
      h("p", { class: "help" }, ...bi(T.steps)),
      h("div", { class: "downloads" }, json, p.case_count > 0 ? cases : null),
      this.#copyable("integrity", T.integrity, p.integrity),
      this.#copyable("snippet", T.snippet, p.snippet),
    );
  }

  #copyable(id, label, text) {
    const out = h("pre", { id, class: "copyable", tabindex: "0", "aria-labelledby": `${id}-label` }, text);
    const copy = h("button", { type: "button" }, ...bi(T.copy));
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text);
        copy.replaceChildren(...bi(T.copied));
      } catch {
        getSelection().selectAllChildren(out);
      }
    });
    return h("div", { class: "field wide" }, h("p", { id: `${id}-label`, class: "label" }, ...bi(label)), out, copy);
  }

  // ---- the reference ------------------------------------------------------------------

  #reference() {
    const [sections, rows] = this.#studio.reference();
    const body = document.getElementById("reference-body");
    body.replaceChildren(...sections.map(([prefix, zh, en]) => {
      const own = rows.filter((r) => r.section === prefix);
      return h("details", { class: "ref" },
        h("summary", {}, ...bi({ zh, en })),
        h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `${zh} / ${en}` },
          h("table", { class: "reference" },
            h("thead", {}, h("tr", {}, ...[T.path, T.meaning, T.unit, T.example, T.templates, T.required].map((t) => h("th", { scope: "col" }, ...bi(t))))),
            h("tbody", {}, ...own.map((r) => h("tr", {},
              h("td", {}, h("code", {}, r.path)),
              h("td", {}, ...bi({ zh: r.zh, en: r.en })),
              h("td", {}, ...bi({ zh: r.unit_zh, en: r.unit_en })),
              h("td", {}, h("code", {}, r.example)),
              h("td", {}, r.templates.length ? r.templates.join(", ") : "—"),
              h("td", {}, ...bi(r.required ? T.yes : T.no))))))));
    }));
  }
}

new Studio().start();
