// 申报指引 in the widget: the place select, 「先填写」, a card's 待填写 /
// what-if / where-to-apply parts, and the fold of other places' policies.
// Everything shown comes from the engine's guide (Calculator.guide and
// places); this file lays it out.

import { h } from "./dom.js";
import { barChart, seriesChart } from "./chart.js";

const zh_en = (zh, en) => ({ zh, en });

export const GUIDE_UI = {
  place: zh_en("所在地区", "Region"),
  choosePlace: zh_en("请选择所在地区", "Choose the region"),
  placeHelp: zh_en("按营业执照上的注册地选择；列出的是本计算器收录政策的地区", "As on the business licence; the regions whose policies this calculator holds"),
  placeFixed: zh_en("本页面适用于", "This page is for"),
  placeUnknown: (name) => zh_en(`未能识别本页设定的地区「${name}」，请自行选择`, `The page's region "${name}" was not recognised: choose one`),
  firstSteps: zh_en("先填写这几项", "Fill in these first"),
  firstStepsNote: zh_en("填好后，下方会列出适用的政策和测算金额。", "The policies that apply and their amounts then appear below."),
  pending: zh_en("待填写", "To fill in"),
  pendingFields: zh_en("填写以下信息后即可判断：", "Fill these in to decide:"),
  elsewhere: (n) => zh_en(`其他地区的政策（${n} 项）`, `Policies of other regions (${n})`),
  assumption: zh_en("假设", "Assumption"),
  assumptionNote: zh_en("以上为假设情形下的测算，实际以办理结果和主管部门审核为准。", "An estimate under an assumption; what is done and the department's review decide."),
  whereToApply: zh_en("申报单位", "Where to apply"),
  evidence: zh_en("准备材料（参考）", "Documents to prepare (for reference)"),
  deadline: zh_en("申报时限", "Deadline"),
  noDeadline: zh_en("文件未写明申报时限，请向申报单位咨询", "The text gives no deadline: ask the department"),
  chartAmounts: zh_en("各项政策测算金额", "Each policy's estimate"),
  chartSeries: zh_en("贴息随贷款本金变化", "Subsidy against the loan principal"),
  cap: zh_en("上限", "cap"),
  entered: zh_en("本笔", "this loan"),
  yuan: zh_en("元", "yuan"),
  ifDone: zh_en("（假设）", " (assumed)"),
};

/** The region select: the engine's places; `fixed` when the portal set its own and there is nothing under it to pick. */
export function placeField(t, places, id) {
  const within = places.within;
  const label = h("label", { for: id }, t(GUIDE_UI.place));
  if (within && places.options.length === 1) {
    return h("div", { class: "field kind-place", "data-field": "place" },
      h("p", { class: "place-fixed" }, `${t(GUIDE_UI.placeFixed)}${t(zh_en("：", ": "))}`, h("strong", {}, within.label)),
      h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
  }
  return h("div", { class: "field kind-place", "data-field": "place" },
    label,
    h("div", { class: "control" },
      h("select", { id, "data-path": "enterprise.region", "data-kind": "place" },
        h("option", { value: "" }, t(GUIDE_UI.choosePlace)),
        places.options.map((o) => h("option", { value: o.value }, o.label)))),
    places.unrecognised && h("p", { class: "help warn" }, t(GUIDE_UI.placeUnknown(places.given))),
    h("p", { class: "help" }, t(GUIDE_UI.placeHelp)),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
}

/** Show the place the engine read from the scenario in the select (adding it when it is not among the choices). */
export function showPlace(root, place) {
  const select = root.querySelector('select[data-kind="place"]');
  if (!select) return;
  if (place && ![...select.options].some((o) => o.value === place.value)) {
    select.append(h("option", { value: place.value }, place.label));
  }
  select.value = place ? place.value : "";
}

/** 「先填写这几项」: the fields most of the place's rules wait on, each a link to its field. */
export function firstSteps(t, guide) {
  if (guide.first_steps.length === 0) return null;
  return h("section", { class: "first-steps", "aria-labelledby": "first-steps-title" },
    h("h3", { id: "first-steps-title" }, t(GUIDE_UI.firstSteps)),
    h("ol", {}, guide.first_steps.map((m) =>
      h("li", {}, h("button", { type: "button", class: "link", "data-focus": m.field }, t(m.text))))),
    h("p", { class: "note" }, t(GUIDE_UI.firstStepsNote)));
}

/** A card's 待填写 block: which fields, each a link. */
export function pendingBlock(t, pending) {
  return h("div", { class: "missing pending" },
    h("h5", {}, t(GUIDE_UI.pendingFields)),
    h("ul", {}, pending.map((m) => h("li", {},
      h("button", { type: "button", class: "link", "data-focus": m.field }, t(m.text))))));
}

/** 「如……，预计可获 X 元」, labelled as an assumption. */
export function whatIfBlock(t, whatIf) {
  return h("div", { class: "what-if" },
    h("p", {}, h("span", { class: "badge assumption" }, t(GUIDE_UI.assumption)), " ", t(whatIf.text)),
    h("p", { class: "note" }, t(GUIDE_UI.assumptionNote)));
}

/** Where to apply, what to bring (参考) and by when, for a rule that applies. */
export function applyBlock(t, apply) {
  return h("div", { class: "apply" },
    apply.units && [h("h5", {}, t(GUIDE_UI.whereToApply)), h("p", { class: "apply-units" }, t(apply.units))],
    apply.evidence.length > 0 && [
      h("h5", {}, t(GUIDE_UI.evidence)),
      h("ul", { class: "evidence" }, apply.evidence.map((e) => h("li", {}, t(e)))),
    ],
    h("p", { class: "deadline" }, h("strong", {}, `${t(GUIDE_UI.deadline)}${t(zh_en("：", ": "))}`),
      apply.deadline ? `${t(apply.deadline.text)}（${apply.deadline.clause}：「${apply.deadline.quote}」）` : t(GUIDE_UI.noDeadline)));
}

/** The interest rule's subsidy against the loan size. */
export function seriesFigure(t, series, format) {
  return h("figure", { class: "chart-figure" },
    seriesChart(series, {
      title: t(GUIDE_UI.chartSeries),
      capLabel: t(GUIDE_UI.cap),
      enteredLabel: t(GUIDE_UI.entered),
      xUnit: t(GUIDE_UI.yuan),
      format,
    }),
    h("figcaption", {}, t(GUIDE_UI.chartSeries)));
}

/**
 * Each policy's amount as a bar, what-ifs hatched (the engine's
 * groups.amounts: the place's rules with an amount, once a place is
 * chosen); null when there is none. `name(i)`: the name of result i.
 */
export function amountsFigure(t, amounts, name, format) {
  if (amounts.length === 0) return null;
  const bars = amounts.map((a) => ({
    label: a.assumed ? `${name(a.result)}${t(GUIDE_UI.ifDone)}` : name(a.result),
    amount: a.amount_yuan,
    shown: `${format(a.amount_yuan)} ${t(GUIDE_UI.yuan)}`,
    assumed: a.assumed,
  }));
  return h("figure", { class: "chart-figure amounts" },
    barChart(bars, { title: t(GUIDE_UI.chartAmounts) }),
    h("figcaption", {}, t(GUIDE_UI.chartAmounts)));
}

/** Other places' policies, folded into one line: `results` their indices, `card(i)` one's card. */
export function elsewhere(t, results, card) {
  if (results.length === 0) return null;
  return h("details", { class: "elsewhere" },
    h("summary", {}, t(GUIDE_UI.elsewhere(results.length))),
    results.map(card));
}
