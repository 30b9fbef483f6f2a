// 机构测算 (institution.html): the institution-facing calculators R-1..R-3
// for guarantors and banks. The forms are built from the active pack's
// institution rules (Calculator.institutionRules() in the staff tools'
// package) and computed by Calculator.institution() — the engine and the
// report of `sme-subsidy institution --format json`. This file only lays
// them out: every figure and every sentence of a result is the engine's.
//
// Results come in both languages at once and the page shows the one its
// <html lang> names (institution.css), so the language switch keeps what was
// typed and needs no new computation.

import { h, nodes } from "./dom.js";
import { UI } from "./fields.js";
import { setPath } from "./paths.js";
import { bi, fill, lang, startSwitches, zh_en } from "./staff-page.js";
import { loadTools } from "./tools-wasm.js";


const T = {
  title: zh_en("机构测算：担保代偿补偿、银担风险分担、金融机构奖补", "Calculators for guarantors and banks"),
  noWasm: zh_en(
    "您的浏览器不支持 WebAssembly，无法在本机完成测算。请使用新版微信、Chrome、Edge、Safari 或 Firefox 打开本页面。",
    "Your browser does not support WebAssembly, so the calculators cannot run on your device. Please use a current browser.",
  ),
  loadFailed: zh_en("测算程序加载失败：", "The calculator failed to load: "),
  rule: zh_en("适用条款", "Provision"),
  date: zh_en("业务所属日期", "Business date"),
  payoutDate: zh_en("代偿发生日期", "Date of the payout"),
  dateHelpR1: zh_en("代偿补偿所属年度的业务日期，决定政策是否有效。", "A date in the year the payouts belong to; it decides whether the policy applied."),
  dateHelpR2: zh_en("决定政策是否有效。", "It decides whether the policy applied."),
  dateHelpR3: zh_en("网点开业日、支行创成日或年末等业务所属日期，决定政策是否有效。", "The date the business belongs to (outlet opened, branch established, year end); it decides whether the policy applied."),
  payout: zh_en("担保代偿额", "Guarantee payouts"),
  payoutHelp: zh_en("担保机构在代偿补偿所属年度内实际代偿的金额。", "What the guarantor paid out on defaulted guarantees in the year."),
  rateMode: zh_en("代偿率的填法", "How to give the payout rate"),
  rateGiven: zh_en("直接填写代偿率", "Enter the payout rate"),
  rateDerived: zh_en("填写分母，由代偿额推算", "Enter the base; derive the rate"),
  payoutRate: zh_en("代偿率", "Payout rate"),
  payoutRateHelp: zh_en("按百分数填写：2.5 表示 2.5%。", "In percent: 2.5 means 2.5%."),
  guaranteeBase: zh_en("代偿率的分母", "Payout-rate base"),
  guaranteeBaseHelp: zh_en("代偿率 = 代偿额 ÷ 分母。文件未规定分母口径，按考核部门口径填写。", "Payout rate = payouts ÷ base. The text does not define the base; use the assessing department's."),
  principal: zh_en("未偿还本金", "Outstanding principal"),
  normalInterest: zh_en("正常利息", "Normal interest"),
  normalInterestHelp: zh_en("按合同利率计算的利息；没有填 0。", "Interest at the contract rate; 0 if none."),
  penalty: zh_en("罚息", "Penalty interest"),
  compound: zh_en("复利", "Compound interest"),
  other: zh_en("其他费用", "Other charges"),
  otherHelp: zh_en("违约金、实现债权的费用等。", "Default charges, collection costs and the like."),
  bankShare: zh_en("银行分担比例", "Bank's share"),
  bankShareHelp: zh_en("银担协议约定的银行承担比例，按百分数填写：20 表示 20%。", "The bank's share in the agreement, in percent: 20 means 20%."),
  grace: zh_en("代偿宽限期", "Grace period"),
  graceHelp: zh_en("协议约定的代偿宽限期（天），可不填。", "The agreed grace period in days; may be left empty."),
  deposit: zh_en("银行要求的保证金", "Deposit the bank asks"),
  depositHelp: zh_en("银行要求担保机构缴存的保证金（元），不要求填 0；可不填。", "The deposit the bank asks of the guarantor, in yuan; 0 if none; may be left empty."),
  guarantorRate: zh_en("担保机构代偿率", "Guarantor's payout rate"),
  guarantorRateHelp: zh_en("担保机构的代偿率，按百分数填写：5 表示 5%；可不填。", "The guarantor's payout rate in percent: 5 means 5%; may be left empty."),
  someCount: zh_en("至少一项数量", "at least one number"),
  lines: zh_en("贷款业务（月均余额）", "Loan business (monthly-average balances)"),
  line: zh_en("第{n}笔", "Line {n}"),
  addLine: zh_en("＋ 添加一笔贷款业务", "＋ Add a line"),
  removeLine: zh_en("删除", "Remove"),
  enterprise: zh_en("借款企业", "Borrower"),
  enterpriseHelp: zh_en("名称或统一社会信用代码；同一企业的多笔贷款合并计算单户上限。", "Name or credit code; one enterprise's loans are added up for the per-enterprise limit."),
  category: zh_en("业务类别", "Kind of business"),
  balance: zh_en("月均贷款余额", "Monthly-average balance"),
  sales: zh_en("借款企业年销售收入", "Borrower's annual sales"),
  city: zh_en("与全市平均比较（任一项超过全市平均即可）", "Against the city average (either one above it suffices)"),
  yearEnd: zh_en("本机构年末在保余额", "Year-end guarantee balance"),
  cityYearEnd: zh_en("全市平均在保余额", "City average guarantee balance"),
  growth: zh_en("本机构年度增速", "Annual growth"),
  cityGrowth: zh_en("全市平均增速", "City average growth"),
  growthHelp: zh_en("按百分数填写，可为负数：12.5 表示 12.5%。", "In percent, may be negative: 12.5 means 12.5%."),
  questions: zh_en("需确认的条件", "Conditions to confirm"),
  unknown: zh_en("未确认", "Not confirmed"),
  yes: zh_en("是", "Yes"),
  no: zh_en("否", "No"),
  choose: zh_en("请选择", "Choose"),
  yuan: zh_en("元", "yuan"),
  days: zh_en("天", "days"),
  fillIn: zh_en("请填写：", "Please fill in: "),
  listSep: zh_en("、", ", "),
  inputErrors: zh_en("请按提示修改标出的输入。", "Please correct the marked entries."),
  tiersTitle: zh_en("文件规定的档位", "The tiers in the text"),
  tier: zh_en("档位", "Tier"),
  tierN: zh_en("第{n}档", "Tier {n}"),
  rateRange: zh_en("代偿率", "Payout rate"),
  share: zh_en("补偿比例", "Share compensated"),
  above: zh_en("超出部分", "Above"),
  notCompensated: zh_en("不予补偿", "not compensated"),
  bounds: zh_en("（含）：代偿率恰好等于该值时属于本档；（不含）：不属于本档。", "(incl.): a rate exactly at that bound is in the tier; (excl.): it is not."),
  termsTitle: zh_en("文件要求", "What the text requires"),
  expiredBanner: zh_en("本文件已失效（有效期 {from} 至 {to}）。只有业务日期在有效期内才测算金额，供核对历史奖补。", "This document has expired (in effect {from} to {to}). Amounts are computed only for business dates inside that window, to check past rewards."),
  draftBanner: zh_en("本文件为征求意见稿，未正式印发。", "This document is a draft for comment, not issued."),
  effective: zh_en("有效期 {from} 至 {to}", "in effect {from} to {to}"),
  amountR1: zh_en("代偿补偿（拨付担保机构）", "Compensation (paid to the guarantor)"),
  amountR2: zh_en("担保机构代偿", "The guarantor pays"),
  amountR3: zh_en("奖补金额", "Reward"),
  maximum: zh_en("最高额（按比例上限算出，不是确定金额）", "Maximum (at the ceiling rate; not a certain amount)"),
  atMost: zh_en("最高 ", "at most "),
  split: zh_en("损失分摊", "The split"),
  covered: zh_en("代偿范围（本金＋正常利息）", "Covered (principal + normal interest)"),
  guarantorPays: zh_en("担保机构代偿", "Guarantor pays"),
  bankBears: zh_en("银行承担", "Bank bears"),
  excluded: zh_en("不予代偿（罚息、复利、其他费用）", "Not compensated (penalty, compound interest, other charges)"),
  leftToAgreement: zh_en("按银担协议约定（未分摊）", "Left to the agreement (not split)"),
  flags: zh_en("不符合文件要求", "Does not meet the text"),
  steps: zh_en("计算步骤", "Steps"),
  reasons: zh_en("原因", "Why"),
  toConfirm: zh_en("需满足", "To be met"),
  notes: zh_en("说明", "Notes"),
  source: zh_en("政策依据", "Source"),
  version: zh_en("测算引擎 {v} · 机构条款 {n} 条 · 全部在本机计算", "Engine {v} · {n} institution provisions · computed on this device"),
};

/** The three calculators: the pack templates each one runs. */
const PANELS = [
  { id: "r1", templates: ["tiered_compensation"], amount: T.amountR1 },
  { id: "r2", templates: ["risk_split"], amount: T.amountR2 },
  { id: "r3", templates: ["per_unit_reward", "balance_share_reward"], amount: T.amountR3 },
];

// ---- small DOM and text helpers ---------------------------------------------


// Decimal strings straight from the engine or the pack: Intl formats a string
// as the exact decimal it spells, so no digit is lost to floating point.
const FEN = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PLAIN = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20 });
const yuan = (amount) => FEN.format(amount);
const plain = (decimal) => PLAIN.format(decimal);
const percent = (decimal) => `${plain(decimal)}%`;

/** Today's local date as YYYY-MM-DD (the Swedish locale writes dates that way). */
const today = () => new Date().toLocaleDateString("sv-SE");


/** An <option> that follows the language switch. */
function option(value, text, selected = false) {
  return h("option", { value, selected, "data-zh": text.zh, "data-en": text.en }, text[lang()]);
}

// ---- fields -----------------------------------------------------------------

/**
 * One labelled control; `path` is the engine's input path (`payout`,
 * `lines[0].annual_sales`), so an input error finds its field.
 * Kinds: date, cny (yuan), percent, integer, text, select, yesno.
 */
function field(panel, def, path, value = "") {
  const id = `${panel}-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
  const described = [def.help && `${id}-help`, `${id}-error`].filter(Boolean).join(" ");
  let control;
  if (def.kind === "select" || def.kind === "yesno") {
    const choices = def.kind === "yesno" ? [["yes", T.yes], ["no", T.no]] : def.options;
    control = h("select", { id, "data-path": path, "data-kind": def.kind, "aria-describedby": described },
      option("", def.kind === "yesno" ? T.unknown : T.choose),
      choices.map(([v, text]) => option(v, text, v === value)));
  } else {
    const numeric = { cny: "decimal", percent: "decimal", integer: "numeric" }[def.kind];
    control = h("input", {
      id, "data-path": path, "data-kind": def.kind, "aria-describedby": described,
      type: def.kind === "date" ? "date" : "text",
      inputmode: numeric,
      autocomplete: "off",
      min: def.kind === "date" ? "1990-01-01" : null,
      max: def.kind === "date" ? "2100-12-31" : null,
    });
    control.value = value;
  }
  const unit = { cny: T.yuan, percent: zh_en("%", "%"), integer: def.unit }[def.kind];
  return h("div", { class: `field kind-${def.kind}`, "data-field": path },
    h("label", { for: id }, bi(def.label)),
    h("div", { class: "control" }, control, unit && h("span", { class: "unit", "aria-hidden": "true" }, bi(unit))),
    def.help && h("p", { class: "help", id: `${id}-help` }, bi(def.help)),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
}

/** A control's value as the engine reads it; undefined when empty (JSON.stringify then leaves it out). */
function valueOf(control) {
  const text = control.value.trim();
  if (text === "") return undefined;
  switch (control.dataset.kind) {
    case "cny":
      return `${text} CNY`;
    case "integer":
      // Anything else goes to the engine as typed, which says what is wrong with it.
      return /^\d{1,9}$/.test(text) ? Number(text) : text;
    case "yesno":
      return text === "yes";
    default:
      return text;
  }
}

/** The date field every calculator starts with: it decides whether the policy applied. */
const dateField = (label, help) => ({ key: "date", kind: "date", label, help, required: true });

/** The fixed fields of each template; R-3 adds the rule's own (units, balance lines: see #fields). */
const FIELDS = {
  tiered_compensation: [
    dateField(T.date, T.dateHelpR1),
    { key: "payout", kind: "cny", label: T.payout, help: T.payoutHelp, required: true },
    { key: "payout_rate_percent", kind: "percent", label: T.payoutRate, help: T.payoutRateHelp, required: true },
    { key: "guarantee_base", kind: "cny", label: T.guaranteeBase, help: T.guaranteeBaseHelp, required: true },
  ],
  risk_split: [
    dateField(T.payoutDate, T.dateHelpR2),
    { key: "outstanding_principal", kind: "cny", label: T.principal, required: true },
    { key: "normal_interest", kind: "cny", label: T.normalInterest, help: T.normalInterestHelp, required: true },
    { key: "penalty_interest", kind: "cny", label: T.penalty },
    { key: "compound_interest", kind: "cny", label: T.compound },
    { key: "other_charges", kind: "cny", label: T.other, help: T.otherHelp },
    { key: "bank_share_percent", kind: "percent", label: T.bankShare, help: T.bankShareHelp, required: true },
    { key: "grace_days", kind: "integer", label: T.grace, help: T.graceHelp, unit: T.days },
  ],
  per_unit_reward: [dateField(T.date, T.dateHelpR3)],
  balance_share_reward: [dateField(T.date, T.dateHelpR3)],
};

// ---- the page ---------------------------------------------------------------

class InstitutionPage {
  #calculator;
  #rules = [];
  /** Panel id → the rule it runs now. */
  #active = new Map();

  async start() {
    startSwitches(T.title);
    const loading = document.getElementById("loading");
    if (typeof WebAssembly !== "object") {
      loading.replaceChildren(...bi(T.noWasm));
      loading.classList.add("alert");
      return;
    }
    try {
      const tools = await loadTools();
      this.#calculator = new tools.Calculator();
    } catch (error) {
      loading.replaceChildren(...bi(T.loadFailed), String(error?.message ?? error));
      loading.classList.add("alert");
      return;
    }
    this.#rules = this.#calculator.institutionRules();
    loading.remove();
    for (const panel of PANELS) this.#setUp(panel);
    const info = this.#calculator.info();
    document.getElementById("version").replaceChildren(...bi(fill(T.version, { v: info.version, n: this.#rules.length })));
  }

  /** A panel with the pack's rules for its templates; hidden when the pack has none. */
  #setUp(panel) {
    const section = document.getElementById(panel.id);
    const rules = this.#rules.filter((r) => panel.templates.includes(r.calculator));
    if (rules.length === 0) return;
    section.hidden = false;
    // 临海's rewards (R-3) are all 失效: say so wherever the calculator is named.
    if (rules.every((r) => r.citation.status === "expired")) {
      const badge = () => h("span", { class: "badge doc-expired" }, bi(rules[0].citation.status_text));
      section.querySelector("h2").append(" ", badge());
      document.querySelector(`.jump-nav a[href="#${panel.id}"]`).append(" ", badge());
    }
    const form = section.querySelector("form");
    const picker = section.querySelector('[data-slot="rule"]');
    if (rules.length > 1) {
      const id = `${panel.id}-rule`;
      const select = h("select", { id, "data-role": "rule" },
        rules.map((r) => option(r.rule_id, this.#ruleLabel(r))));
      picker.replaceChildren(h("div", { class: "field" }, h("label", { for: id }, bi(T.rule)), h("div", { class: "control" }, select)));
      select.addEventListener("change", () => this.#useRule(panel, rules.find((r) => r.rule_id === select.value)));
    }
    form.addEventListener("input", (e) => {
      if (e.target.dataset.role === "rule") return;
      if (e.target.dataset.role === "mode") this.#showRateMode(section, e.target.value);
      this.#compute(panel);
    });
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("click", (e) => this.#onClick(panel, e));
    this.#useRule(panel, rules[0]);
  }

  /** 「LC-R-2 银担风险分担（山东省聊城市… · 征求意见稿）」 */
  #ruleLabel(rule) {
    const c = rule.citation;
    const status = c.status === "in_force" ? { zh: "", en: "" } : { zh: ` · ${c.status_text.zh}`, en: ` · ${c.status_text.en}` };
    return {
      zh: `${rule.rule_id} ${rule.name.zh}（${c.jurisdiction}${status.zh}）`,
      en: `${rule.rule_id} ${rule.name.en} (${c.jurisdiction}${status.en})`,
    };
  }

  /** Show a rule's terms and its form; what was typed in fields both rules share stays. */
  #useRule(panel, rule) {
    const section = document.getElementById(panel.id);
    const kept = new Map([...section.querySelectorAll("[data-path]")].map((c) => [c.dataset.path, c.value]));
    this.#active.set(panel.id, rule);
    section.querySelector('[data-slot="terms"]').replaceChildren(...this.#terms(rule));
    const fields = section.querySelector('[data-slot="fields"]');
    fields.replaceChildren(...nodes(this.#fields(panel, rule, kept)));
    if (!kept.has("date")) fields.querySelector('[data-path="date"]').value = today();
    const questions = section.querySelector('[data-slot="questions"]');
    questions.replaceChildren(...nodes(rule.questions.length > 0 &&
      h("fieldset", { class: "questions" },
        h("legend", {}, bi(T.questions)),
        rule.questions.map((q) => field(panel.id, { kind: "yesno", label: q.question }, `answers.${q.id}`, kept.get(`answers.${q.id}`))))));
    this.#compute(panel);
  }

  #fields(panel, rule, kept) {
    const fixed = FIELDS[rule.calculator].map((def) => field(panel.id, def, def.key, kept.get(def.key)));
    const calc = rule.calculation;
    switch (rule.calculator) {
      case "tiered_compensation":
        return this.#rateModeFields(panel, fixed);
      case "per_unit_reward":
        return [...fixed, ...calc.units.map((u, i) =>
          field(panel.id, { kind: "integer", label: u.name, help: rule.unit_amounts[i] }, `counts.${u.id}`, kept.get(`counts.${u.id}`)))];
      case "balance_share_reward":
        return [...fixed, this.#lines(panel, rule, [{}]), this.#cityFields(panel, calc, kept)];
      case "risk_split": {
        // Only the terms the rule's text sets are asked.
        const own = [
          calc.deposit_waived && { key: "deposit", kind: "cny", label: T.deposit, help: T.depositHelp },
          calc.payout_rate_tolerance_percent != null &&
            { key: "guarantor_payout_rate_percent", kind: "percent", label: T.guarantorRate, help: T.guarantorRateHelp },
        ].filter(Boolean);
        return [...fixed, ...own.map((def) => field(panel.id, def, def.key, kept.get(def.key)))];
      }
      default:
        return fixed;
    }
  }

  /** R-1: 代偿率 entered, or derived from its base — one of the two, chosen by a radio pair. */
  #rateModeFields(panel, fixed) {
    const name = `${panel.id}-mode`;
    const radio = (value, text, checked) =>
      h("label", { class: "check" }, h("input", { type: "radio", name, value, checked, "data-role": "mode" }), h("span", {}, bi(text)));
    const modes = h("fieldset", { class: "field mode" },
      h("legend", {}, bi(T.rateMode)),
      h("div", { class: "checks" }, radio("rate", T.rateGiven, true), radio("base", T.rateDerived, false)));
    const [date, payout, rate, base] = fixed;
    base.hidden = true;
    return [date, payout, modes, rate, base];
  }

  /** R-3 balance lines: one fieldset per loan business. */
  #lines(panel, rule, values) {
    const categories = rule.calculation.categories;
    const salesLimited = categories.some((k) => k.max_annual_sales_yuan);
    const list = h("div", { class: "lines wide", "data-role": "lines" },
      h("h3", {}, bi(T.lines)),
      values.map((v, i) => {
        const at = (key) => `lines[${i}].${key}`;
        const title = fill(T.line, { n: i + 1 });
        return h("fieldset", { class: "item", "data-line": i },
          h("legend", {}, bi(title)),
          values.length > 1 && h("button", { type: "button", class: "remove", "data-remove": i }, bi(T.removeLine), h("span", { class: "visually-hidden" }, bi(title))),
          h("div", { class: "grid" },
            categories.length > 0 && field(panel.id, {
              kind: "select", label: T.category,
              options: categories.map((k) => [k.id, k.name]),
            }, at("category"), v[at("category")]),
            field(panel.id, { kind: "cny", label: T.balance }, at("monthly_average_balance"), v[at("monthly_average_balance")]),
            field(panel.id, { kind: "text", label: T.enterprise, help: T.enterpriseHelp }, at("enterprise"), v[at("enterprise")]),
            salesLimited && field(panel.id, { kind: "cny", label: T.sales }, at("annual_sales"), v[at("annual_sales")])));
      }),
      h("button", { type: "button", class: "add", "data-add": "line" }, bi(T.addLine)));
    return list;
  }

  /** R-3 item 11: the institution against the city average, when the rule asks. */
  #cityFields(panel, calc, kept) {
    const measures = calc.above_city_average_any_of;
    if (measures.length === 0) return null;
    const f = (kind, label, key, help) => field(panel.id, { kind, label, help }, `city_comparison.${key}`, kept.get(`city_comparison.${key}`));
    return h("fieldset", { class: "questions wide" },
      h("legend", {}, bi(T.city)),
      h("div", { class: "grid" },
        measures.includes("year_end_guarantee_balance") && [
          f("cny", T.yearEnd, "year_end_guarantee_balance"),
          f("cny", T.cityYearEnd, "city_average_year_end_guarantee_balance"),
        ],
        measures.includes("annual_growth") && [
          f("percent", T.growth, "annual_growth_percent", T.growthHelp),
          f("percent", T.cityGrowth, "city_average_annual_growth_percent"),
        ]));
  }

  /** R-1: show the 代偿率 field or its base; only the one shown is sent. */
  #showRateMode(section, mode) {
    section.querySelector('[data-field="payout_rate_percent"]').hidden = mode === "base";
    section.querySelector('[data-field="guarantee_base"]').hidden = mode !== "base";
  }

  /** R-3 balance lines: add one, or remove one. */
  #onClick(panel, event) {
    const target = event.target.closest("button");
    if (!target) return;
    const section = document.getElementById(panel.id);
    const rule = this.#active.get(panel.id);
    if (target.dataset.add === "line" || target.dataset.remove !== undefined) {
      // Re-number the lines from what was typed, so each path names its line.
      const values = [...section.querySelectorAll("[data-line]")].map((fs) =>
        Object.fromEntries([...fs.querySelectorAll("[data-path]")].map((c) => [c.dataset.path.replace(/^lines\[\d+\]/, ""), c.value])));
      if (target.dataset.add) values.push({});
      else values.splice(Number(target.dataset.remove), 1);
      const renumbered = values.map((v, i) => Object.fromEntries(Object.entries(v).map(([k, x]) => [`lines[${i}]${k}`, x])));
      section.querySelector('[data-role="lines"]').replaceWith(this.#lines(panel, rule, renumbered));
      const focus = target.dataset.add
        ? section.querySelector(`[data-line="${values.length - 1}"] [data-path]`)
        : section.querySelector('[data-role="lines"] [data-path]');
      focus?.focus();
      this.#compute(panel);
    }
  }

  // ---- terms of the clause ---------------------------------------------------

  /** What the pack says about the rule, before anything is computed. */
  #terms(rule) {
    const c = rule.citation;
    const calc = rule.calculation;
    const parts = [];
    if (c.status === "expired") {
      parts.push(h("p", { class: "banner expired", role: "note" },
        h("span", { class: "badge doc-expired" }, bi(c.status_text)), " ",
        bi(fill(T.expiredBanner, { from: c.effective_from ?? "—", to: c.effective_to ?? "—" }))));
    } else if (c.status === "draft") {
      parts.push(h("p", { class: "banner draft", role: "note" },
        h("span", { class: "badge doc-draft" }, bi(c.status_text)), " ", bi(T.draftBanner)));
    }
    parts.push(h("p", { class: "doc" }, h("span", { class: "cite" }, c.text), " ",
      h("span", { class: `badge doc-${c.status}` }, bi(c.status_text))));
    if (calc.template === "tiered_compensation") {
      parts.push(this.#tierTable(rule));
    } else {
      parts.push(h("h3", {}, bi(T.termsTitle)), h("ul", { class: "rules" }, rule.terms.map((t) => h("li", {}, bi(t)))));
    }
    if (rule.readings.length > 0) parts.push(readingsBlock(rule.readings));
    if (rule.notes.length > 0) parts.push(h("ul", { class: "notes" }, rule.notes.map((n) => h("li", {}, bi(n)))));
    return parts;
  }

  /** R-1's tiers with their bounds as the pack reads them, and what lies above the top. */
  #tierTable(rule) {
    const { tiers } = rule.calculation;
    return h("div", { class: "tiers" },
      h("h3", {}, bi(T.tiersTitle)),
      h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, bi(T.tier)), h("th", { scope: "col" }, bi(T.rateRange)), h("th", { scope: "col" }, bi(T.share)))),
        h("tbody", {},
          tiers.map((t, i) => h("tr", {},
            h("th", { scope: "row" }, bi(fill(T.tierN, { n: i + 1 }))),
            h("td", {}, bi(rule.tier_ranges[i])),
            h("td", { class: "num" }, percent(t.share_percent)))),
          h("tr", { class: "excluded" },
            h("th", { scope: "row" }, bi(T.above)),
            h("td", {}, bi(rule.above_top)),
            h("td", { class: "num" }, bi(T.notCompensated))))),
      h("p", { class: "help" }, bi(T.bounds)));
  }

  // ---- computing -------------------------------------------------------------

  /** The engine's input from the form, and the required fields still empty. */
  #input(panel) {
    const section = document.getElementById(panel.id);
    const rule = this.#active.get(panel.id);
    const input = { calculator: rule.calculator, rule: rule.rule_id };
    const missing = [];
    for (const control of section.querySelectorAll("[data-path]")) {
      if (control.closest("[hidden]")) continue;
      const value = valueOf(control);
      const path = control.dataset.path;
      if (value === undefined) {
        const def = FIELDS[rule.calculator].find((d) => d.key === path);
        const line = /^lines\[\d+\]\.monthly_average_balance$/.test(path);
        if (def?.required || line) missing.push(labelOf(control));
        continue;
      }
      setPath(input, path, value);
    }
    if (rule.calculator === "per_unit_reward" && !input.counts) missing.push(T.someCount);
    return { input, missing };
  }

  #compute(panel) {
    const section = document.getElementById(panel.id);
    const result = section.querySelector('[data-slot="result"]');
    this.#clearErrors(section);
    const { input, missing } = this.#input(panel);
    if (missing.length > 0) {
      const names = (l) => T.fillIn[l] + missing.map((m) => m[l]).join(T.listSep[l]);
      result.replaceChildren(h("p", { class: "prompt" }, bi({ zh: names("zh"), en: names("en") })));
      return;
    }
    let reports;
    try {
      reports = this.#calculator.institution(input, "both");
    } catch (error) {
      if (error?.name !== "InputError") throw error;
      result.replaceChildren(this.#showErrors(section, error.errors));
      return;
    }
    result.replaceChildren(this.#card(panel, reports[0]));
  }

  #clearErrors(section) {
    for (const p of section.querySelectorAll(".field-error")) {
      p.hidden = true;
      p.replaceChildren();
    }
    for (const c of section.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  }

  /** Each message next to its field, both languages; the rest (and a summary) in the result area. */
  #showErrors(section, errors) {
    const unplaced = [];
    for (const e of errors) {
      const control = section.querySelector(`[data-path="${CSS.escape(e.field)}"]`);
      if (!control) {
        unplaced.push(e);
        continue;
      }
      control.setAttribute("aria-invalid", "true");
      const slot = document.getElementById(`${control.id}-error`);
      slot.hidden = false;
      slot.append(h("span", { class: "zh-msg", lang: "zh-CN" }, e.zh), h("span", { class: "en-msg", lang: "en" }, e.en));
    }
    return h("div", { class: "alert", role: "alert" },
      h("p", {}, bi(T.inputErrors)),
      unplaced.length > 0 && h("ul", {}, unplaced.map((e) => h("li", {}, `${e.field}：`, ...bi(e)))));
  }

  // ---- the result --------------------------------------------------------------

  /** One engine report, laid out like the enterprise calculator's cards. */
  #card(panel, r) {
    const c = r.citation;
    const list = (cls, title, items) => items.length > 0 && h("div", { class: cls }, h("h4", {}, bi(title)), h("ul", {}, items.map((t) => h("li", {}, bi(t)))));
    return h("article", { class: `card ${r.status}`, "data-rule": r.rule_id },
      h("header", {},
        h("h3", {}, `${r.rule_id} `, bi(r.name)),
        h("p", { class: "badges" },
          h("span", { class: `badge ${r.status}` }, bi(r.status_text)),
          h("span", { class: `badge doc-${c.status}` }, bi(c.status_text)))),
      this.#amount(panel, r),
      h("p", { class: "summary" }, bi(r.summary)),
      r.flags.length > 0 && h("div", { class: "flags", role: "note" },
        h("h4", {}, "⚠ ", bi(T.flags)),
        h("ul", {}, r.flags.map((f) => h("li", { "data-flag": f.kind }, bi(f.text))))),
      r.split && this.#split(r.split),
      r.steps.length > 0 && h("div", { class: "steps" }, h("h4", {}, bi(T.steps)),
        h("ol", {}, r.steps.map((s) => h("li", { "data-step": s.kind }, bi(s.text))))),
      list("reasons", T.reasons, r.reasons),
      list("confirm", T.toConfirm, r.to_confirm.map((x) => x.text)),
      list("notes", T.notes, r.notes),
      readingsBlock(r.readings),
      h("div", { class: "citation" },
        h("h4", {}, bi(T.source)),
        h("p", { class: "cite" }, c.text),
        c.units && h("p", { class: "units" }, bi(c.units)),
        h("blockquote", {}, c.quote),
        h("p", { class: "meta" }, bi(meta(c)))),
      h("p", { class: "notice" }, bi(r.notice)));
  }

  /** The headline figure: the amount, a maximum (a ceiling rate), or the status when there is none. */
  #amount(panel, r) {
    if (r.amount_yuan == null) return h("p", { class: "amount none" }, bi(r.status_text));
    if (r.amount_is_maximum) {
      return h("div", { class: "figure" },
        h("p", { class: "amount-label" }, bi(T.maximum)),
        h("p", { class: "amount maximum", "data-amount": r.amount_yuan },
          h("span", { class: "at-most" }, bi(T.atMost)), yuan(r.amount_yuan), h("span", { class: "unit" }, " ", bi(T.yuan))));
    }
    return h("div", { class: "figure" },
      h("p", { class: "amount-label" }, bi(panel.amount)),
      h("p", { class: "amount", "data-amount": r.amount_yuan }, yuan(r.amount_yuan), h("span", { class: "unit" }, " ", bi(T.yuan))));
  }

  /** R-2: who bears what. */
  #split(s) {
    const row = (label, amount, key) => h("tr", { "data-split": key }, h("th", { scope: "row" }, bi(label)), h("td", { class: "num" }, yuan(amount), " ", bi(T.yuan)));
    return h("table", { class: "split" },
      h("caption", {}, bi(T.split)),
      h("tbody", {},
        row(T.covered, s.covered_yuan, "covered"),
        row(T.guarantorPays, s.guarantor_pays_yuan, "guarantor_pays"),
        row(T.bankBears, s.bank_bears_yuan, "bank_bears"),
        Number(s.excluded_yuan) > 0 && row(T.excluded, s.excluded_yuan, "excluded"),
        Number(s.left_to_agreement_yuan) > 0 && row(T.leftToAgreement, s.left_to_agreement_yuan, "left_to_agreement")));
  }
}

/**
 * 本测算采用的解读 as the engine gives them (a rule's or a result's): what is
 * read, the value taken, why, and the others a portal's pack may choose.
 */
function readingsBlock(readings) {
  if (readings.length === 0) return null;
  const others = (g) => {
    const labels = g.alternatives.filter((a) => !a.taken).map((a) => a.label);
    return { zh: labels.map((l) => l.zh).join("；"), en: labels.map((l) => l.en).join("; ") };
  };
  return h("div", { class: "readings" },
    h("h4", {}, bi(UI.readings)),
    h("ul", {}, readings.map((g) => h("li", { "data-reading": g.id },
      h("p", { class: "reading" }, bi(fill({ zh: "{n}：", en: "{n}: " }, { n: g.name })), h("strong", {}, bi(g.taken))),
      h("p", { class: "why" }, bi(fill({ zh: "{w}：{j}", en: "{w}: {j}" }, { w: UI.readingWhy, j: g.justification }))),
      h("p", { class: "others" }, bi(fill({ zh: "{o}：{a}", en: "{o}: {a}" }, { o: UI.readingOthers, a: others(g) })))))));
}

/** A citation's issuer, place, status, dates and source file, one line in each language. */
function meta(c) {
  const dates = (c.effective_from || c.effective_to) && fill(T.effective, { from: c.effective_from ?? "—", to: c.effective_to ?? "—" });
  const line = (l) => [c.issuer, c.jurisdiction, c.status_text[l], dates?.[l], c.source].filter(Boolean).join(" · ");
  return { zh: line("zh"), en: line("en") };
}

/** A control's label, {zh, en} (for the "please fill in" line; a line's balance names its line). */
function labelOf(control) {
  const label = (l) => control.closest(".field").querySelector(`label .${l}`).textContent;
  const line = control.closest("[data-line]")?.querySelector("legend");
  const prefix = (l) => (line ? `${line.querySelector(`.${l}`).textContent}${l === "zh" ? "" : " "}` : "");
  return { zh: prefix("zh") + label("zh"), en: prefix("en") + label("en") };
}

new InstitutionPage().start();
