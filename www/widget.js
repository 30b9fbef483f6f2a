// <sme-subsidy-calculator>: the whole calculator as one custom element, so
// the page (index.html), the iframe page (embed.html) and a host's own page
// run the same code. Its shadow root keeps the host's styles out and ours in.
//
// Attributes:
//   lang         "zh-CN" (default) or "en"
//   policy-set   URL of a portal's policy pack (JSON array of documents),
//                merged over the built-in pack
//   policy-set-integrity  its SRI hash ("sha384-…"): a different file is refused
//   product      a bank product of the active pack (policies/products.toml,
//                or a portal pack's [[products]]): patent-pledge-loan,
//                policy-guarantee, guaranteed-loan, carbon-reduction-loan,
//                tech-loan, first-set-insurance, export-credit-insurance,
//                ipo; the engine then evaluates only the product's rules
//   family       the tab to open first: interest, guarantee_fee, premium, ipo
//   theme-color  accent colour; theme-ink the text colour on it
//   standalone   the element is the page: an <h1>, and a share link that
//                carries the scenario in the address's #hash (never sent to
//                a server)
//   region       the portal's own place (山东省聊城市, 聊城 …, read by the
//                engine's gazetteer): the form starts there and offers only
//                the places under it; other places' policies fold into one line
//   personas     for policy-outreach staff: the 演示企业 bar (personas.js),
//                one click loads a sample enterprise, and the 演示模式 button
//                (large type for a projector, results first; Esc leaves it)
//
// The widget sets `elder` (长辈模式) and `presenting` (演示模式) on itself.
//
// Every figure comes from the engine's report; this file only lays it out.

import { groupDigits, h, nodes, saveFile } from "./dom.js";
import { createCalculator, evaluateLenient, fullResults, isEngineFailure, rulesById, supported } from "./calculator.js";
import { ENTERPRISE_FIELDS, FAMILIES, FAMILY_FIELDS, ITEM_LISTS, UI } from "./fields.js";
import { getPath, parsePath, setPath } from "./paths.js";
import { PERSONAS } from "./personas.js";
import { amountsFigure, applyBlock, elsewhere, firstSteps, GUIDE_UI, pendingBlock, placeField, seriesFigure, showPlace, whatIfBlock } from "./guide.js";
import { checklist } from "./checklist.js";

const STYLESHEET = new URL("./widget.css", import.meta.url).href;
const ELDER_KEY = "sme-subsidy:elder";
const LIST_FAMILY = Object.fromEntries(ITEM_LISTS.map((l) => [l.list, l.family]));

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** UTF-8 JSON in the address: base64url keeps it short and unescaped. */
function encodeScenario(scenario) {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The scenario a share link carries, or null when the link is damaged: not
 * base64url JSON, or not shaped as the form writes a scenario (an object;
 * enterprise and ipo objects; each item list an array of objects). Whether
 * the values are right is the engine's to say, field by field.
 */
function decodeScenario(text) {
  let scenario;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    scenario = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const shaped =
    isObject(scenario) &&
    ["enterprise", "ipo"].every((key) => scenario[key] === undefined || isObject(scenario[key])) &&
    ITEM_LISTS.every(({ list }) => scenario[list] === undefined || (Array.isArray(scenario[list]) && scenario[list].every(isObject)));
  return shaped ? scenario : null;
}

/** Typed text → scenario value (the engine judges it; see fields.js for the kinds). */
function toValue(kind, raw) {
  // Full-width digits and separators from a Chinese input method.
  const text = raw.trim().replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (text === "") return undefined;
  switch (kind) {
    case "cny":
      return `${text} CNY`;
    case "usd":
      return `${text} USD`;
    case "integer":
      return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : text;
    case "yesno":
      return text === "yes" ? true : text === "no" ? false : undefined;
    default:
      return text;
  }
}

function fromValue(kind, value) {
  if (value === undefined || value === null) return "";
  if (kind === "cny" || kind === "usd") return String(value).replace(/\s*(CNY|USD)$/, "");
  if (kind === "yesno") return value === true ? "yes" : value === false ? "no" : "";
  return String(value);
}

function readStorage(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): just not remembered
  }
}

function writeStorage(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // as above
  }
}

class SmeSubsidyCalculator extends HTMLElement {
  static observedAttributes = ["lang", "theme-color", "theme-ink"];

  #root;
  #app;
  #calculator;
  #info; // the engine's version and pack, for the footer (kept while a failed engine restarts)
  #policies = [];
  #product = null; // the pack's product named by the `product` attribute (calculator.products())
  #places = { within: null, unrecognised: false, options: [] }; // the engine's place choices (region attribute)
  #guide = null; // the engine's 申报指引 for the results shown (its rules in the report's order)
  #rules = new Map(); // rule id → the rule's own texts (policies()), joined with each lean result
  #questions = new Map(); // form family → [{id, zh, en}]
  #scenario;
  #evaluated = null; // the scenario the results shown were computed from (refused fields left out)
  #family = "interest";
  #expanded = new Set();
  #writtenHash = "";
  #damagedLink = false; // the #hash held a scenario that could not be read
  #fromLink = false; // the scenario came from a share link
  #persona = null; // the 演示企业 loaded, until the form is edited
  #leaveOnEscape = (event) => {
    if (event.key === "Escape") this.#present(false);
  };

  connectedCallback() {
    if (!this.#root) this.#start();
  }

  disconnectedCallback() {
    document.removeEventListener("keydown", this.#leaveOnEscape);
  }

  attributeChangedCallback(name) {
    if (!this.#app) return;
    if (name === "lang") this.#render();
    else this.#applyTheme();
  }

  /** A copy of the scenario as entered (for host pages and tests). */
  get scenario() {
    return structuredClone(this.#scenario);
  }

  get #lang() {
    return (this.getAttribute("lang") ?? "zh").toLowerCase().startsWith("en") ? "en" : "zh";
  }

  /** 「：」 in Chinese, ": " in English. */
  get #colon() {
    return this.#lang === "en" ? ": " : "：";
  }

  /** A {zh, en} text in the current language (the lean report's texts are already strings in it). */
  #t(text) {
    return typeof text === "string" ? text : text?.[this.#lang] ?? "";
  }

  async #start() {
    this.#root = this.attachShadow({ mode: "open" });
    const stylesheet = h("link", { rel: "stylesheet", href: STYLESHEET });
    this.#app = h("div", { class: "app", hidden: true });
    const show = () => (this.#app.hidden = false);
    stylesheet.addEventListener("load", show);
    stylesheet.addEventListener("error", show);
    this.#root.append(stylesheet, this.#app);
    this.toggleAttribute("elder", readStorage(ELDER_KEY) === "1");
    this.#applyTheme();
    this.#root.addEventListener("input", (e) => this.#onInput(e));
    this.#root.addEventListener("click", (e) => this.#onClick(e));
    this.#root.addEventListener("submit", (e) => e.preventDefault());

    if (!supported) {
      this.#app.replaceChildren(h("p", { class: "alert", role: "alert" }, this.#t(UI.noWasm)));
      return;
    }
    this.#app.replaceChildren(h("p", { class: "loading" }, this.#t(UI.loading)));
    try {
      this.#calculator = await createCalculator(this.getAttribute("policy-set"), { integrity: this.getAttribute("policy-set-integrity") });
    } catch (error) {
      const details = error?.errors?.map((e) => `${e.file ?? ""} ${e.rule ?? ""} ${e.field}: ${e[this.#lang]}`);
      const prefix = error?.name === "PackError" ? UI.packFailed : UI.loadFailed;
      this.#app.replaceChildren(
        h("div", { class: "alert", role: "alert" }, h("p", {}, this.#t(prefix) + (details ? "" : String(error?.message ?? error))),
          details && h("ul", {}, details.map((d) => h("li", {}, d)))),
      );
      return;
    }
    this.#info = this.#calculator.info();
    this.#policies = this.#calculator.policies();
    this.#rules = rulesById(this.#policies);
    this.#product = this.#calculator.products().find((p) => p.id === this.getAttribute("product")) ?? null;
    this.#places = { ...this.#calculator.places(this.getAttribute("region")), given: this.getAttribute("region") };
    for (const doc of this.#policies) {
      for (const rule of doc.rules) {
        const list = this.#questions.get(rule.form_family) ?? [];
        for (const q of rule.questions) if (!list.some((x) => x.id === q.id)) list.push(q);
        this.#questions.set(rule.form_family, list);
      }
    }
    performance.mark("sme-subsidy:lists");
    this.#restoreAndRender();
    if (this.hasAttribute("standalone")) {
      window.addEventListener("hashchange", () => {
        if (location.hash.slice(1) !== this.#writtenHash) this.#restoreAndRender();
      });
    }
  }

  /** Start from the link, preset or empty form; a shared scenario the form cannot lay out is a damaged link too. */
  #restoreAndRender() {
    this.#restore();
    try {
      this.#render();
    } catch (error) {
      if (!this.#fromLink) throw error;
      this.#restore(false);
      this.#damagedLink = true;
      this.#render();
    }
  }

  /**
   * The engine failed inside (a trap): its instance is beyond use. The
   * calculator is made again, with the portal's pack, on a fresh instance;
   * the results say what happened and the next edit computes again (not
   * the figures that failed, which are still in the form).
   */
  #restartEngine(error) {
    console.warn("sme-subsidy: the engine failed and is restarted:", error);
    this.#calculator = null;
    const failedOn = JSON.stringify(this.#scenario);
    createCalculator(this.getAttribute("policy-set"), { fresh: true, integrity: this.getAttribute("policy-set-integrity") }).then(
      (calculator) => {
        this.#calculator = calculator;
        // Edited while it restarted: compute what is in the form now.
        if (JSON.stringify(this.#scenario) !== failedOn) this.#compute();
      },
      (failure) => console.error("sme-subsidy: the engine could not be restarted:", failure),
    );
  }

  /** The scenario to start from: a shared link, else the product's own terms, else an empty form. */
  #restore(useLink = true) {
    const product = this.#product;
    this.#family = product?.family ?? this.getAttribute("family") ?? "interest";
    this.#scenario = {
      evaluation_date: today(),
      enterprise: {},
      ...structuredClone(product?.start ?? {}),
    };
    this.#damagedLink = false;
    this.#fromLink = false;
    if (useLink && this.hasAttribute("standalone") && location.hash.length > 1) {
      const params = new URLSearchParams(location.hash.slice(1));
      if (params.has("s")) {
        const shared = decodeScenario(params.get("s"));
        if (shared) this.#scenario = shared;
        else this.#damagedLink = true; // said in the share note; the form starts empty
        this.#fromLink = Boolean(shared);
      }
      if (FAMILIES.some((f) => f.id === params.get("f"))) this.#family = params.get("f");
    }
    // A portal's own place, unless the scenario names one.
    if (this.#places.within && !this.#scenario.enterprise?.region) {
      this.#scenario.enterprise = { ...this.#scenario.enterprise, region: structuredClone(this.#places.within.region) };
    }
    this.#ensureItem();
  }

  #applyTheme() {
    for (const [attribute, property] of [["theme-color", "--sme-accent"], ["theme-ink", "--sme-accent-ink"]]) {
      const value = this.getAttribute(attribute);
      if (value && CSS.supports("color", value)) this.style.setProperty(property, value);
      else this.style.removeProperty(property);
    }
  }

  /** An open family shows at least one item to fill in. */
  #ensureItem() {
    const first = ITEM_LISTS.find((l) => l.family === this.#family);
    if (first && !(this.#scenario[first.list]?.length > 0)) this.#scenario[first.list] = [{}];
    if (this.#family === "ipo" && !this.#scenario.ipo) this.#scenario.ipo = {};
  }

  // ---- layout -------------------------------------------------------------

  #render() {
    const lang = this.#lang;
    const standalone = this.hasAttribute("standalone");
    const product = this.#product;
    const staff = this.hasAttribute("personas");
    if (standalone) document.title = this.#t(UI.title);
    this.#app.lang = lang === "en" ? "en" : "zh-CN";
    this.#app.replaceChildren(...nodes(
      staff && h("div", { class: "present-bar" },
        h("button", { type: "button", class: "present-exit", "data-action": "present" }, this.#t(UI.presentExit))),
      h("header", { class: "masthead" },
        h("div", { class: "brand" },
          h(standalone ? "h1" : "h2", { class: "title" }, this.#t(UI.title)),
          h("p", { class: "subtitle" }, this.#t(UI.subtitle))),
        h("div", { class: "tools" },
          h("button", { type: "button", "data-action": "language", lang: lang === "en" ? "zh-CN" : "en" }, this.#t(UI.switchLanguage)),
          h("button", { type: "button", "data-action": "elder", "aria-pressed": String(this.hasAttribute("elder")) }, this.#t(UI.elderOn)),
          staff && h("button", { type: "button", "data-action": "present", "aria-pressed": String(this.hasAttribute("presenting")) }, this.#t(UI.present)),
          h("button", { type: "button", "data-action": "print" }, this.#t(UI.print)),
          h("button", { type: "button", "data-action": "record", disabled: !this.#evaluated }, this.#t(UI.record)),
          standalone && h("button", { type: "button", "data-action": "share" }, this.#t(UI.share)))),
      h("p", { class: "share-note", hidden: !this.#damagedLink, role: "status" }, this.#damagedLink && this.#t(UI.shareDamaged)),
      staff && this.#personaBar(),
      product && h("p", { class: "preset" }, `${this.#t(UI.preset)}${this.#colon}${this.#t(product.name)}`),
      h("div", { class: "print-head" }),
      h("div", { class: "start" }),
      h("div", { class: "layout" },
        h("form", { class: "form", novalidate: true, "aria-label": this.#t(UI.title) },
          h("section", { class: "profile" },
            h("h3", {}, this.#t(UI.profile)),
            h("div", { class: "grid" },
              placeField((x) => this.#t(x), this.#places, "f-enterprise-region"),
              ENTERPRISE_FIELDS.map((f) => this.#field(f, f.path))),
            h("p", { class: "size-line" })),
          h("section", { class: "families" },
            h("h3", { id: "choose-family" }, this.#t(UI.choose)),
            h("div", { class: "tabs", role: "tablist", "aria-labelledby": "choose-family" },
              FAMILIES.map((f) => h("button", {
                type: "button", role: "tab", id: `tab-${f.id}`, "data-family": f.id,
                "aria-selected": String(f.id === this.#family), "aria-controls": "family-panel",
                tabindex: f.id === this.#family ? "0" : "-1",
              }, this.#t(f.name)))),
            h("div", { class: "panel", id: "family-panel", role: "tabpanel", "aria-labelledby": `tab-${this.#family}` },
              this.#familyPanel()))),
        h("section", { class: "results", "aria-label": this.#t(UI.results), tabindex: "-1" }),
        // On a phone the results are below a long form: the total follows the user down.
        h("button", { type: "button", class: "jump", "data-action": "results" })),
      h("div", { class: "checklist-slot" }),
      this.#policyList(),
      h("footer", { class: "footer" },
        h("p", { class: "notice" }, "测算结果仅供参考，以主管部门审核为准"),
        lang === "en" && h("p", { class: "notice" }, "Estimates for reference only; the competent department's review decides."),
        h("p", {}, this.#t(UI.privacy)),
        h("p", { class: "version" }, this.#versionLine())),
    ));
    performance.mark("sme-subsidy:form");
    this.#compute();
  }

  /** 演示企业: one button per sample enterprise of personas.js. */
  #personaBar() {
    return h("section", { class: "personas", "aria-labelledby": "personas-title" },
      h("h3", { id: "personas-title" }, this.#t(UI.personas)),
      h("p", { class: "personas-note" }, this.#t(UI.personasNote)),
      h("div", { class: "persona-list" }, PERSONAS.map((p) =>
        h("button", { type: "button", "data-persona": p.id, "aria-pressed": String(p.id === this.#persona) },
          h("span", { class: "persona-name" }, this.#t(p.name)),
          h("span", { class: "persona-line" }, this.#t(p.description))))));
  }

  #versionLine() {
    const info = this.#info;
    const loaded = info.loaded.length ? ` + ${info.loaded.join(", ")}` : "";
    return this.#lang === "en"
      ? `Engine ${info.version} · ${info.documents} documents, ${info.rules} provisions${loaded} · LPR data to ${info.lpr_table_newest}`
      : `测算引擎 ${info.version} · 政策文件 ${info.documents} 件、条款 ${info.rules} 条${loaded} · LPR 数据截至 ${info.lpr_table_newest}`;
  }

  #familyPanel() {
    const family = this.#family;
    const parts = [];
    for (const list of ITEM_LISTS.filter((l) => l.family === family)) {
      const items = this.#scenario[list.list] ?? [];
      parts.push(
        h("div", { class: "list" },
          items.map((_, i) => this.#item(list, i)),
          h("button", { type: "button", class: "add", "data-add": list.list }, `＋ ${this.#t(list.add)}`)),
      );
    }
    const single = FAMILY_FIELDS[family] ?? [];
    const main = single.filter((f) => !f.more).map((f) => this.#field(f, f.path));
    const more = single.filter((f) => f.more).map((f) => this.#field(f, f.path));
    if (main.length) parts.push(h("div", { class: "grid" }, main));
    if (more.length) parts.push(h("details", { class: "more-fields" }, h("summary", {}, this.#t(UI.options)), h("div", { class: "grid" }, more)));
    const questions = this.#questions.get(family) ?? [];
    if (questions.length) {
      parts.push(
        h("fieldset", { class: "questions" },
          h("legend", {}, this.#t(UI.questions)),
          questions.map((q) => this.#field({ kind: "yesno", label: q }, `answers.${q.id}`))),
      );
    }
    return parts;
  }

  #item(list, index) {
    const base = `${list.list}[${index}]`;
    const title = `${this.#t(list.name)}${this.#lang === "en" ? " " : ""}${index + 1}`;
    return h("fieldset", { class: "item", "data-item": base },
      h("legend", {}, title),
      h("button", { type: "button", class: "remove", "data-remove": base, "aria-label": `${this.#t(UI.remove)} ${title}` }, this.#t(UI.remove)),
      h("div", { class: "grid" }, list.main.map((f) => this.#field(f, `${base}.${f.key}`))),
      h("details", { class: "more-fields" },
        h("summary", {}, this.#t(UI.more)),
        h("div", { class: "grid" }, list.more.map((f) => this.#field(f, `${base}.${f.key}`)))));
  }

  /** One labelled control bound to a scenario path, with room for its error. */
  #field(def, path) {
    const id = `f-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
    const value = getPath(this.#scenario, path);
    const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
    const common = { id, "data-path": path, "data-kind": def.kind };
    if (def.kind === "flags") {
      const checked = Array.isArray(value) ? value : [];
      return h("fieldset", { class: "field flags", "data-field": path },
        h("legend", {}, this.#t(def.label)),
        h("div", { class: "checks" }, def.options.map((o, i) =>
          h("label", { class: "check" },
            h("input", { type: "checkbox", id: `${id}-${i}`, "data-path": path, "data-kind": "flags", value: o.value, checked: checked.includes(o.value) }),
            h("span", {}, this.#t(o.label))))),
        error);
    }
    let control;
    if (def.kind === "select" || def.kind === "yesno") {
      const choices = def.kind === "yesno"
        ? [["yes", UI.yes], ["no", UI.no]]
        : def.options.map((o) => [o.value, o.label]);
      const current = fromValue(def.kind, value);
      control = h("select", common,
        h("option", { value: "" }, this.#t(def.kind === "yesno" ? UI.unknown : UI.choose_option)),
        choices.map(([v, label]) => h("option", { value: v, selected: v === current }, this.#t(label))));
    } else {
      const numeric = ["cny", "usd", "integer", "percent"].includes(def.kind);
      control = h("input", {
        ...common,
        type: def.kind === "date" ? "date" : "text",
        inputmode: numeric ? (def.kind === "integer" ? "numeric" : "decimal") : null,
        autocomplete: "off",
        list: def.suggest ? `suggest-${def.suggest}` : null,
        min: def.kind === "date" ? "1990-01-01" : null,
        max: def.kind === "date" ? "2100-12-31" : null,
      });
      control.value = fromValue(def.kind, value);
    }
    const unit = def.kind === "cny" ? UI.yuan : def.kind === "usd" ? UI.usd : def.unit;
    return h("div", { class: `field kind-${def.kind}`, "data-field": path },
      h("label", { for: id }, this.#t(def.label)),
      h("div", { class: "control" }, control, unit && h("span", { class: "unit", "aria-hidden": "true" }, this.#t(unit))),
      def.help && h("p", { class: "help" }, this.#t(def.help)),
      (def.kind === "cny" || def.kind === "usd") && h("p", { class: "hint", "aria-hidden": "true" }, this.#amountHint(def.kind, control.value)),
      def.suggest && this.#suggestions(def.suggest),
      error);
  }

  /** Region names the active pack knows, offered as suggestions. */
  #suggestions(level) {
    const names = new Set(this.#policies.map((d) => d.jurisdiction[level]).filter(Boolean));
    return h("datalist", { id: `suggest-${level}` }, [...names].map((n) => h("option", { value: n })));
  }

  /** "= 500万元": large amounts are easier to check in 万 (display only). */
  #amountHint(kind, text) {
    const number = Number(String(text).replace(/,/g, ""));
    if (!Number.isFinite(number) || number < 10000) return "";
    if (this.#lang === "en") return `= ${groupDigits(String(text).replace(/,/g, ""))} ${kind === "usd" ? "US dollars" : "yuan"}`;
    const unit = kind === "usd" ? "美元" : "元";
    return number >= 1e8 ? `= ${+(number / 1e8).toFixed(4)} 亿${unit}` : `= ${+(number / 1e4).toFixed(4)} 万${unit}`;
  }

  #policyList() {
    return h("details", { class: "policies" },
      h("summary", {}, this.#t(UI.policyList)),
      h("ul", {}, this.#policies.map((doc) =>
        h("li", {},
          h("p", { class: "doc-title" }, `《${doc.title}》`, doc.number && `（${doc.number}）`, " ",
            h("span", { class: `badge doc-${doc.status}` }, this.#t(doc.status_text))),
          h("p", { class: "meta" }, [
            doc.issuer,
            [doc.jurisdiction.province, doc.jurisdiction.city, doc.jurisdiction.county].filter(Boolean).join(""),
            doc.issued && `${this.#t(UI.issued)} ${doc.issued}`,
            (doc.effective_from || doc.effective_to) &&
              `${this.#t(UI.effective)} ${doc.effective_from ?? "—"} ${doc.effective_to ? `— ${doc.effective_to}` : this.#t(UI.open)}`,
            `${doc.rules.length} ${this.#t(UI.rulesCount)}`,
          ].filter(Boolean).join(" · "))))));
  }

  // ---- results ------------------------------------------------------------

  #compute() {
    const results = this.#root.querySelector(".results");
    let evaluated;
    try {
      // One engine call: the report, its 申报指引 and the page's groups.
      const show = (scenario) => this.#calculator.show(scenario, this.#lang, this.#product?.id, this.#family);
      evaluated = this.#calculator && evaluateLenient(show, this.#scenario);
      performance.mark("sme-subsidy:show");
      this.#guide = evaluated?.result?.guide ?? null;
    } catch (error) {
      if (!isEngineFailure(error)) throw error;
      this.#restartEngine(error);
    }
    if (!evaluated) {
      results.replaceChildren(h("div", { class: "alert", role: "alert" }, h("p", {}, this.#t(UI.engineFailed))));
      this.#root.querySelector(".jump").hidden = true;
      return;
    }
    const { result: shown, errors } = evaluated;
    const report = shown?.report ?? null;
    // The lean results joined with their rules' texts, in the report's order (the groups' indices).
    const rules = report ? fullResults(report, this.#rules) : [];
    this.#evaluated = report && evaluated.scenario;
    this.#root.querySelector('[data-action="record"]').disabled = !report;
    this.#showFieldErrors(errors);
    results.replaceChildren(...nodes(this.#results(report, rules, shown?.groups, errors)));
    this.#layoutGuide(report, rules, shown?.groups);
    const jump = this.#root.querySelector(".jump");
    jump.hidden = !report;
    if (report) {
      jump.textContent = `${this.#t(this.#product ? UI.presetTotal : UI.total)} ${groupDigits(report.total_yuan)} ${this.#t(UI.yuan)} · ${this.#t(UI.seeResults)}`;
      this.#root.querySelector(".size-line").textContent = this.#t(report.enterprise_size.text);
      this.#printHead(report);
      this.setAttribute("data-total", report.total_yuan);
      this.dispatchEvent(new CustomEvent("sme-subsidy:result", { bubbles: true, composed: true, detail: { total_yuan: report.total_yuan } }));
    }
  }

  /** 申报指引 outside the results: the place in its select, 「先填写」 above the form, the checklist below. */
  #layoutGuide(report, rules, groups) {
    const t = (x) => this.#t(x);
    const guide = this.#guide;
    showPlace(this.#root, guide?.place ?? null);
    this.#root.querySelector(".start").replaceChildren(...nodes(guide && firstSteps(t, guide)));
    const items = report ? groups.checklist.map((i) => ({ result: rules[i], apply: guide.rules[i].apply })) : [];
    const e = this.#scenario.enterprise ?? {};
    this.#root.querySelector(".checklist-slot").replaceChildren(...nodes(report && checklist(t, {
      items,
      enterprise: e,
      place: guide?.place?.label,
      evaluationDate: report.evaluation_date,
      today: today(),
      format: groupDigits,
    })));
  }

  #results(report, results, groups, errors) {
    const out = [];
    if (errors.length) {
      out.push(h("div", { class: "alert", role: "alert" },
        h("p", {}, this.#t(report ? UI.inputErrors : UI.cannotCompute)),
        h("ul", {}, errors.map((e) => h("li", {},
          h("button", { type: "button", class: "link", "data-focus": e.field }, `${this.#fieldName(e.field)}：${e[this.#lang]}`))))));
    }
    if (!report) return out;
    const familyName = this.#t(FAMILIES.find((f) => f.id === this.#family)?.name);
    // Under a product the engine evaluated only the product's rules: its
    // total, could-add and not-in-total lines are theirs alone.
    const product = this.#product;
    const { total_yuan: total, could_add: couldAdd, not_in_total: notInTotal } = report;
    // The engine's groups (indices into the results): this tab's family and
    // the others of the place, each by status, and other places' rules.
    const card = (i) => this.#card(results[i], this.#guide.rules[i]);
    const t = (x) => this.#t(x);
    const persona = PERSONAS.find((p) => p.id === this.#persona);
    out.push(
      h("section", { class: "summary" },
        h("h3", {}, this.#t(UI.results)),
        amountsFigure(t, groups.amounts, (i) => this.#t(results[i].name), groupDigits),
        persona && h("p", { class: "persona-shown" }, `${this.#t(UI.personaShown)}${this.#colon}${this.#t(persona.name)}`),
        h("p", { class: "total-label" }, this.#t(product ? UI.presetTotal : UI.total)),
        h("p", { class: "total", "aria-live": "polite" }, groupDigits(total), h("span", { class: "unit" }, ` ${this.#t(UI.yuan)}`)),
        product && h("p", { class: "preset-scope" }, this.#t(UI.presetScope(product.name, results.length))),
        h("p", { class: "size" }, this.#t(report.enterprise_size.text)),
        couldAdd.length > 0 && h("div", { class: "could-add" },
          h("h4", {}, this.#t(UI.couldAdd)), h("ul", {}, couldAdd.map((t) => h("li", {}, this.#t(t))))),
        notInTotal.length > 0 && h("div", { class: "not-in-total" },
          h("h4", {}, this.#t(UI.notInTotal)), h("ul", {}, notInTotal.map((t) => h("li", {}, this.#t(t))))),
        h("p", { class: "notice" }, this.#t(report.notice))),
      h("h3", { class: "group" }, `${this.#t(UI.thisFamily)}：${familyName}`),
      groups.this_family.map(card),
      groups.other_families.length > 0 && h("h3", { class: "group" }, this.#t(UI.otherFamilies)),
      groups.other_families.map(card),
      elsewhere(t, groups.elsewhere, card),
    );
    return out;
  }

  /** One rule's card: its result (joined with the rule's texts) and its 申报指引. */
  #card(r, g) {
    // 待填写: the engine says the rule waits on fields; never 「不符合条件」 then.
    // (the card keeps the engine's status as its class; the badge says 待填写)
    const pending = Boolean(g?.pending);
    if (pending) r = { ...r, status_text: GUIDE_UI.pending, reasons: [], missing: [] };
    const open = this.#expanded.has(r.rule_id);
    const moreId = `more-${r.rule_id}`;
    const c = r.citation;
    const range = c.effective_from || c.effective_to
      ? `${this.#t(UI.effective)} ${c.effective_from ?? "—"} ${c.effective_to ? `— ${c.effective_to}` : this.#t(UI.open)}`
      : null;
    return h("article", { class: `card ${r.status} doc-${c.status}${pending ? " pending" : ""}`, "data-rule": r.rule_id },
      h("header", {},
        h("h4", {}, this.#t(r.name)),
        h("p", { class: "badges" },
          h("span", { class: `badge status ${pending ? "pending" : r.status}` }, this.#t(r.status_text)),
          c.status !== "in_force" && h("span", { class: `badge doc-${c.status}` }, this.#t(c.status_text)))),
      r.amount_yuan !== null
        ? h("p", { class: "amount" }, groupDigits(r.amount_yuan), h("span", { class: "unit" }, ` ${this.#t(UI.yuan)}`))
        : r.status === "amount_not_published" && h("p", { class: "amount none" }, this.#t(UI.amountNotPublished)),
      ["eligible", "amount_not_published"].includes(r.status) &&
        h("p", { class: "recipient" }, `${this.#t(UI.recipient)}：${this.#t(r.recipient_text)}`),
      r.reasons.length > 0 && h("ul", { class: "reasons" }, r.reasons.map((t) => h("li", {}, this.#t(t)))),
      g?.pending && pendingBlock((x) => this.#t(x), g.pending),
      g?.what_if && whatIfBlock((x) => this.#t(x), g.what_if),
      g?.apply && g.in_place && applyBlock((x) => this.#t(x), g.apply),
      g?.series && seriesFigure((x) => this.#t(x), g.series, groupDigits),
      r.missing.length > 0 && h("div", { class: "missing" },
        h("h5", {}, this.#t(UI.missing)),
        h("ul", {}, r.missing.map((m) => h("li", {},
          h("button", { type: "button", class: "link", "data-focus": m.field }, this.#t(m.text)))))),
      r.to_confirm.length > 0 && h("div", { class: "confirm" },
        h("h5", {}, this.#t(UI.toConfirm)),
        h("ul", {}, r.to_confirm.map((item) => h("li", {},
          h("span", {}, this.#t(item.text)),
          item.answerable === false
            ? h("span", { class: "answer pending", "data-pending": item.key }, this.#t(UI.answerableFrom(item.answerable_from)))
            : h("span", { class: "answer" },
              h("button", { type: "button", "data-answer": item.key, "data-value": "yes" }, this.#t(UI.yes)),
              h("button", { type: "button", "data-answer": item.key, "data-value": "no" }, this.#t(UI.no))))))),
      h("button", { type: "button", class: "toggle", "data-toggle": r.rule_id, "aria-expanded": String(open), "aria-controls": moreId },
        this.#t(UI.details)),
      h("div", { class: "more", id: moreId, hidden: !open },
        r.steps.length > 0 && h("div", { class: "steps" },
          h("h5", {}, this.#t(UI.steps)), h("ol", {}, r.steps.map((s) => h("li", {}, this.#t(s.text))))),
        r.notes.length > 0 && h("div", { class: "notes" },
          h("h5", {}, this.#t(UI.notes)), h("ul", {}, r.notes.map((t) => h("li", {}, this.#t(t))))),
        r.readings.length > 0 && h("div", { class: "readings" },
          h("h5", {}, this.#t(UI.readings)),
          h("ul", {}, r.readings.map((g) => h("li", { "data-reading": g.id },
            h("p", { class: "reading" }, h("span", { class: "name" }, `${this.#t(g.name)}${this.#colon}`), h("strong", {}, this.#t(g.taken))),
            h("p", { class: "why" }, `${this.#t(UI.readingWhy)}${this.#colon}${this.#t(g.justification)}`),
            h("p", { class: "others" }, `${this.#t(UI.readingOthers)}${this.#colon}${g.alternatives
              .filter((a) => !a.taken).map((a) => this.#t(a.label)).join(this.#lang === "en" ? "; " : "；")}`))))),
        h("div", { class: "citation" },
          h("h5", {}, this.#t(UI.source)),
          h("p", { class: "cite" }, c.text),
          c.units && h("p", { class: "units" }, this.#t(c.units)),
          h("blockquote", {}, c.quote),
          (c.see_also ?? []).map((s) => [h("p", { class: "cite also" }, s.text), h("blockquote", {}, s.quote)]),
          h("p", { class: "meta" }, [c.issuer, c.issued && `${this.#t(UI.issued)} ${c.issued}`, range, this.#t(c.status_text)]
            .filter(Boolean).join(" · ")),
          c.national_basis && h("p", { class: "meta" }, c.national_basis))));
  }

  #printHead(report) {
    const e = this.#scenario.enterprise ?? {};
    const region = e.region ? [e.region.province, e.region.city, e.region.county].filter(Boolean).join("") : "";
    this.#root.querySelector(".print-head").replaceChildren(
      h("p", {}, [e.name, region, this.#t(report.enterprise_size.text)].filter(Boolean).join(" · ")),
      h("p", {}, `${this.#t(UI.estimateDate)}：${report.evaluation_date} · ${this.#t(UI.printedOn)}：${today()}`),
    );
  }

  /** Each error next to its field: the field with that path, or the nearest enclosing one. */
  #showFieldErrors(errors) {
    for (const p of this.#root.querySelectorAll(".field-error")) {
      p.hidden = true;
      p.textContent = "";
    }
    for (const control of this.#root.querySelectorAll("[aria-invalid]")) {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    }
    for (const error of errors) {
      const field = this.#fieldElement(error.field);
      if (!field) continue;
      const message = field.querySelector(":scope > .field-error");
      message.textContent = message.hidden ? error[this.#lang] : `${message.textContent}；${error[this.#lang]}`;
      message.hidden = false;
      for (const control of field.querySelectorAll("[data-path]")) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", message.id);
      }
      const details = field.closest("details");
      if (details) details.open = true;
    }
  }

  /** The field for a path: its own, else its first sub-field (region → province), else the nearest enclosing one. */
  #fieldElement(path) {
    const fields = [...this.#root.querySelectorAll("[data-field]")];
    const within = fields.find((f) => f.dataset.field === path)
      ?? fields.find((f) => f.dataset.field.startsWith(`${path}.`) || f.dataset.field.startsWith(`${path}[`));
    if (within) return within;
    const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    return parent === path ? null : this.#fieldElement(parent);
  }

  /** "loans[0].principal" → "贷款1 · 贷款本金", for the error summary. */
  #fieldName(path) {
    const keys = parsePath(path);
    const list = ITEM_LISTS.find((l) => l.list === keys[0]);
    if (list && typeof keys[1] === "number") {
      const def = [...list.main, ...list.more].find((f) => f.key === keys[2]);
      return `${this.#t(list.name)}${keys[1] + 1}${def ? ` · ${this.#t(def.label)}` : ""}`;
    }
    if (keys[0] === "answers") {
      const q = [...this.#questions.values()].flat().find((x) => x.id === keys[1]);
      if (q) return this.#t(q);
    }
    const def = [...ENTERPRISE_FIELDS, ...Object.values(FAMILY_FIELDS).flat()].find((f) => f.path === path);
    return def ? this.#t(def.label) : path;
  }

  /** The family whose tab holds a path's field (null: the profile, always shown). */
  #familyOf(path) {
    const [first, second] = parsePath(path);
    if (LIST_FAMILY[first]) return LIST_FAMILY[first];
    if (first === "ipo") return "ipo";
    if (first === "lpr_override") return "interest";
    if (first === "answers") {
      for (const [family, list] of this.#questions) if (list.some((q) => q.id === second)) return family;
    }
    return null;
  }

  // ---- events -------------------------------------------------------------

  #onInput(event) {
    const control = event.target.closest?.("[data-path]");
    if (!control) return;
    const { path, kind } = control.dataset;
    let value;
    if (kind === "flags") {
      const boxes = [...this.#root.querySelectorAll("input[data-kind=flags]")].filter((b) => b.dataset.path === path);
      value = boxes.filter((b) => b.checked).map((b) => b.value);
      if (value.length === 0) value = undefined;
    } else if (kind === "place") {
      // A choice of the engine's places: its region object (a place the scenario already named stays as it was).
      const chosen = this.#places.options.find((o) => o.value === control.value);
      value = chosen ? structuredClone(chosen.region) : control.value ? getPath(this.#scenario, path) : undefined;
    } else {
      value = toValue(kind, control.value);
    }
    setPath(this.#scenario, path, value);
    this.#leavePersona();
    if (kind === "place") {
      // The region's text fields show the place chosen.
      this.#render();
      this.#root.querySelector('select[data-kind="place"]')?.focus();
      return;
    }
    if (kind === "cny" || kind === "usd") {
      control.closest("[data-field]").querySelector(".hint").textContent = this.#amountHint(kind, control.value);
    }
    this.#compute();
  }

  #onClick(event) {
    const target = event.target.closest?.("button");
    if (!target) return;
    const d = target.dataset;
    if (d.action === "language") {
      this.setAttribute("lang", this.#lang === "en" ? "zh-CN" : "en");
    } else if (d.action === "elder") {
      const on = !this.hasAttribute("elder");
      this.toggleAttribute("elder", on);
      writeStorage(ELDER_KEY, on ? "1" : null);
      target.setAttribute("aria-pressed", String(on));
    } else if (d.action === "results") {
      const results = this.#root.querySelector(".results");
      results.scrollIntoView({ block: "start" });
      results.focus({ preventScroll: true });
    } else if (d.action === "present") {
      this.#present(!this.hasAttribute("presenting"));
    } else if (d.persona) {
      this.#loadPersona(d.persona);
    } else if (d.action === "print") {
      window.print();
    } else if (d.action === "print-checklist") {
      // The checklist alone on the sheet (widget.css); back to the whole page after printing.
      this.setAttribute("printing", "checklist");
      window.addEventListener("afterprint", () => this.removeAttribute("printing"), { once: true });
      window.print();
    } else if (d.action === "record") {
      this.#saveRecord();
    } else if (d.action === "share") {
      this.#share();
    } else if (d.family) {
      this.#family = d.family;
      this.#ensureItem();
      this.#render();
      this.#root.querySelector(`#tab-${d.family}`).focus();
    } else if (d.add) {
      (this.#scenario[d.add] ??= []).push({});
      this.#leavePersona();
      this.#render();
      const items = this.#root.querySelectorAll(`[data-item^="${d.add}["]`);
      items[items.length - 1]?.querySelector("[data-path]")?.focus();
    } else if (d.remove) {
      const [list, index] = parsePath(d.remove);
      this.#scenario[list].splice(index, 1);
      this.#leavePersona();
      this.#render();
    } else if (d.focus) {
      this.#focusField(d.focus);
    } else if (d.toggle) {
      const open = !this.#expanded.has(d.toggle);
      if (open) this.#expanded.add(d.toggle);
      else this.#expanded.delete(d.toggle);
      target.setAttribute("aria-expanded", String(open));
      this.#root.getElementById(target.getAttribute("aria-controls")).hidden = !open;
    } else if (d.answer) {
      setPath(this.#scenario, d.answer, d.value === "yes");
      this.#leavePersona();
      this.#render();
    }
  }

  /** 演示企业: its scenario replaces the form, on its family's tab. */
  #loadPersona(id) {
    const persona = PERSONAS.find((p) => p.id === id);
    this.#persona = id;
    this.#scenario = structuredClone(persona.scenario);
    this.#family = persona.family;
    this.#expanded.clear();
    this.#ensureItem();
    this.#render();
    this.#root.querySelector(`[data-persona="${id}"]`).focus();
  }

  /** An edit makes the form no longer the sample enterprise as given. */
  #leavePersona() {
    if (this.#persona === null) return;
    this.#persona = null;
    for (const button of this.#root.querySelectorAll("[data-persona]")) button.setAttribute("aria-pressed", "false");
  }

  /**
   * 演示模式: the widget fills the screen with large type and the results
   * first; the sticky 退出 button, the tools' 演示模式 button and Esc leave it.
   */
  #present(on) {
    this.toggleAttribute("presenting", on);
    this.#root.querySelector('.tools [data-action="present"]').setAttribute("aria-pressed", String(on));
    if (on) {
      document.addEventListener("keydown", this.#leaveOnEscape);
      this.#app.scrollTop = 0;
      this.#root.querySelector(".present-exit").focus();
    } else {
      document.removeEventListener("keydown", this.#leaveOnEscape);
      this.#root.querySelector('.tools [data-action="present"]').focus();
    }
  }

  #focusField(path) {
    const family = this.#familyOf(path);
    if (family && family !== this.#family) {
      this.#family = family;
      this.#render();
    }
    const field = this.#fieldElement(path);
    if (!field) return;
    const details = field.closest("details");
    if (details) details.open = true;
    field.scrollIntoView({ block: "center" });
    field.querySelector("[data-path]")?.focus();
  }

  /**
   * The share link carries the scenario in the #hash, which browsers never
   * send to a server. It is written only when asked for: an address that
   * changed on every keystroke would put the figures into the browser's
   * history (and its sync) and make the browser fetch the page icon again.
   */
  /**
   * 「下载测算记录」: the engine's record of the results shown — the scenario
   * evaluated, the engine and pack versions with their hashes, each rule's
   * amount — to keep, and to check with `sme-subsidy verify`.
   */
  #saveRecord() {
    let text;
    try {
      text = this.#calculator.record(this.#evaluated);
    } catch (error) {
      if (!isEngineFailure(error)) throw error;
      this.#restartEngine(error);
      return;
    }
    saveFile(`测算记录-${this.#evaluated.evaluation_date}.json`, new Blob([text], { type: "application/json" }));
  }

  async #share() {
    this.#writtenHash = `s=${encodeScenario(this.#scenario)}&f=${this.#family}`;
    history.replaceState(null, "", `#${this.#writtenHash}`);
    const note = this.#root.querySelector(".share-note");
    note.hidden = false;
    try {
      await navigator.clipboard.writeText(location.href);
      note.replaceChildren(this.#t(UI.shareCopied));
    } catch {
      // No clipboard (an insecure context, WeChat): show the link to copy by hand.
      const field = h("input", { type: "text", readonly: true, value: location.href, "aria-label": this.#t(UI.share) });
      note.replaceChildren(this.#t(UI.shareManual), field);
      field.select();
    }
  }
}

customElements.define("sme-subsidy-calculator", SmeSubsidyCalculator);
