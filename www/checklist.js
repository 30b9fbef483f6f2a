// 「申报准备清单」: for each policy that applies to the enterprise in its
// place, the amount, where to apply, the documents to prepare (参考), the
// deadline where the text gives one and the citation; with the dates. It
// is a section of the widget that prints alone on one A4 page (widget.css,
// :host([printing="checklist"])). The figures and texts are the engine's.

import { h } from "./dom.js";

const zh_en = (zh, en) => ({ zh, en });

const UI = {
  title: zh_en("申报准备清单", "Application checklist"),
  print: zh_en("打印申报准备清单", "Print the checklist"),
  enterprise: zh_en("企业", "Enterprise"),
  place: zh_en("所在地区", "Region"),
  estimated: zh_en("测算日期", "Estimated for"),
  printed: zh_en("打印日期", "Printed"),
  amount: zh_en("测算金额", "Estimate"),
  notPublished: zh_en("文件未公布金额，由主管部门确定", "no amount published: the department sets it"),
  bring: zh_en("准备材料（参考）", "Documents (for reference)"),
  deadline: zh_en("申报时限", "Deadline"),
  noDeadline: zh_en("文件未写明", "not given in the text"),
  basis: zh_en("依据", "Source"),
  notice: zh_en(
    "材料清单为参考，文件未列明具体材料，请以申报单位要求为准。测算结果仅供参考，以主管部门审核为准。",
    "The documents are a reference list (the texts name none): the department's requirements decide. Estimates for reference only.",
  ),
  yuan: zh_en("元", "yuan"),
};

/**
 * The checklist section, or null when no policy applies yet.
 * `items`: [{ result (the lean result joined with its rule's texts), apply }].
 */
export function checklist(t, { items, enterprise, place, evaluationDate, today, format }) {
  if (items.length === 0) return null;
  const colon = t(zh_en("：", ": "));
  return h("section", { class: "checklist", "aria-labelledby": "checklist-title" },
    h("div", { class: "checklist-head" },
      h("h3", { id: "checklist-title" }, t(UI.title)),
      h("button", { type: "button", "data-action": "print-checklist" }, t(UI.print))),
    h("p", { class: "checklist-meta" }, [
      enterprise.name && `${t(UI.enterprise)}${colon}${enterprise.name}`,
      place && `${t(UI.place)}${colon}${place}`,
      `${t(UI.estimated)}${colon}${evaluationDate}`,
      `${t(UI.printed)}${colon}${today}`,
    ].filter(Boolean).join(" · ")),
    h("ol", {}, items.map(({ result: r, apply }) => h("li", { "data-rule": r.rule_id },
      h("h4", {}, t(r.name), " · ",
        r.amount_yuan !== null ? `${t(UI.amount)} ${format(r.amount_yuan)} ${t(UI.yuan)}` : t(UI.notPublished)),
      apply.units && h("p", {}, t(apply.units)),
      apply.evidence.length > 0 && h("div", { class: "bring" },
        h("strong", {}, `${t(UI.bring)}${colon}`),
        h("ul", {}, apply.evidence.map((e) => h("li", {}, h("span", { class: "box", "aria-hidden": "true" }, "☐"), " ", t(e))))),
      h("p", {}, h("strong", {}, `${t(UI.deadline)}${colon}`),
        apply.deadline ? `${t(apply.deadline.text)}（${apply.deadline.clause}）` : t(UI.noDeadline)),
      h("p", { class: "cite" }, h("strong", {}, `${t(UI.basis)}${colon}`), r.citation.text)))),
    h("p", { class: "notice" }, t(UI.notice)));
}
