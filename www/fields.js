// What the form asks, as data: every input is bound to a scenario path in
// the engine's own notation (`loans[0].principal`), so the engine's error
// for a field lands next to that field, and "请填写…" links in the results
// can take the user straight to it. The fields' labels are the vocabulary's
// (src/fields.rs, written into vocabulary.js); the value kinds say how typed
// text becomes the scenario value.

import { CHOICES, FIELD_LABELS } from "./vocabulary.js";

const zh_en = (zh, en) => ({ zh, en });

/** The four families of the guided form, in the order the tabs show them. */
export const FAMILIES = [
  { id: "interest", name: zh_en("贷款贴息", "Loan interest") },
  { id: "guarantee_fee", name: zh_en("担保费补贴", "Guarantee fees") },
  { id: "premium", name: zh_en("保险保费补贴", "Insurance premiums") },
  { id: "ipo", name: zh_en("上市补助", "IPO grants") },
];

/**
 * Value kinds: `text`, `date`, `cny` / `usd` (amounts; the currency is
 * added), `integer`, `percent`, `select`, `yesno` (是/否/未确认 — unknown
 * stays a 需满足 item), `flags` (a list of checked values).
 */
export const ENTERPRISE_FIELDS = [
  { path: "evaluation_date", kind: "date", label: FIELD_LABELS["evaluation_date"],
    help: zh_en("决定哪些政策处于有效期内", "Decides which policies are in force") },
  { path: "enterprise.name", kind: "text", label: FIELD_LABELS["enterprise.name"] },
  { path: "enterprise.region.province", kind: "text", suggest: "province", label: FIELD_LABELS["enterprise.region.province"] },
  { path: "enterprise.region.city", kind: "text", suggest: "city", label: FIELD_LABELS["enterprise.region.city"] },
  { path: "enterprise.region.county", kind: "text", suggest: "county", label: FIELD_LABELS["enterprise.region.county"] },
  { path: "enterprise.industry", kind: "select", options: CHOICES.industry, label: FIELD_LABELS["enterprise.industry"] },
  { path: "enterprise.employees", kind: "integer", unit: zh_en("人", "people"), label: FIELD_LABELS["enterprise.employees"] },
  { path: "enterprise.operating_revenue", kind: "cny", label: FIELD_LABELS["enterprise.operating_revenue"] },
  { path: "enterprise.total_assets", kind: "cny", label: FIELD_LABELS["enterprise.total_assets"] },
  { path: "enterprise.annual_exports", kind: "usd", label: FIELD_LABELS["enterprise.annual_exports"] },
  { path: "enterprise.qualifications", kind: "flags", label: FIELD_LABELS["enterprise.qualifications"],
    options: CHOICES.qualifications },
];

/**
 * The lists of items (loans, guarantees, …): `main` fields are always shown,
 * `more` fields sit behind 更多信息 (they matter to fewer policies).
 */
export const ITEM_LISTS = [
  {
    list: "loans", family: "interest",
    name: zh_en("贷款", "Loan"), add: zh_en("添加一笔贷款", "Add a loan"),
    main: [
      { key: "principal", kind: "cny", label: FIELD_LABELS["loans[].principal"] },
      { key: "start_date", kind: "date", label: FIELD_LABELS["loans[].start_date"] },
      { key: "end_date", kind: "date", label: FIELD_LABELS["loans[].end_date"] },
      { key: "collateral", kind: "flags", options: CHOICES.collateral, label: FIELD_LABELS["loans[].collateral"] },
      { key: "lender", kind: "select", options: CHOICES.lender, label: FIELD_LABELS["loans[].lender"] },
      { key: "purpose", kind: "select", options: CHOICES.purpose, label: FIELD_LABELS["loans[].purpose"] },
    ],
    more: [
      { key: "label", kind: "text", label: FIELD_LABELS["loans[].label"] },
      { key: "contract_rate_percent", kind: "percent", unit: zh_en("%", "%"), label: FIELD_LABELS["loans[].contract_rate_percent"] },
      { key: "interest_paid", kind: "cny", label: FIELD_LABELS["loans[].interest_paid"] },
      { key: "monthly_average_balance", kind: "cny", label: FIELD_LABELS["loans[].monthly_average_balance"] },
      { key: "pledge_registered", kind: "yesno", label: FIELD_LABELS["loans[].pledge_registered"] },
      { key: "repaid_on_schedule", kind: "yesno", label: FIELD_LABELS["loans[].repaid_on_schedule"] },
      { key: "carbon_reduction_tool", kind: "yesno", label: FIELD_LABELS["loans[].carbon_reduction_tool"] },
    ],
  },
  {
    list: "guarantees", family: "guarantee_fee",
    name: zh_en("融资担保", "Guarantee"), add: zh_en("添加一笔担保", "Add a guarantee"),
    main: [
      { key: "amount", kind: "cny", label: FIELD_LABELS["guarantees[].amount"] },
      { key: "fee", kind: "cny", label: FIELD_LABELS["guarantees[].fee"] },
      { key: "fee_paid_date", kind: "date", label: FIELD_LABELS["guarantees[].fee_paid_date"] },
      { key: "term_months", kind: "integer", unit: zh_en("个月", "months"), label: FIELD_LABELS["guarantees[].term_months"] },
      { key: "government_business", kind: "yesno", label: FIELD_LABELS["guarantees[].government_business"] },
    ],
    more: [
      { key: "label", kind: "text", label: FIELD_LABELS["guarantees[].label"] },
      { key: "fee_rate_percent", kind: "percent", unit: zh_en("%", "%"), label: FIELD_LABELS["guarantees[].fee_rate_percent"] },
      { key: "for_patent_pledge_loan", kind: "yesno", label: FIELD_LABELS["guarantees[].for_patent_pledge_loan"] },
      { key: "green_industry", kind: "select", options: CHOICES.green_industry, label: FIELD_LABELS["guarantees[].green_industry"] },
      { key: "loan_number", kind: "integer", label: FIELD_LABELS["guarantees[].loan_number"] },
    ],
  },
  {
    list: "evaluation_fees", family: "guarantee_fee",
    name: zh_en("评估费", "Evaluation fee"), add: zh_en("添加一笔评估费", "Add an evaluation fee"),
    main: [
      { key: "fee", kind: "cny", label: FIELD_LABELS["evaluation_fees[].fee"] },
      { key: "paid_date", kind: "date", label: FIELD_LABELS["evaluation_fees[].paid_date"] },
      { key: "for_patent_pledge_loan", kind: "yesno", label: FIELD_LABELS["evaluation_fees[].for_patent_pledge_loan"] },
    ],
    more: [
      { key: "label", kind: "text", label: FIELD_LABELS["evaluation_fees[].label"] },
      { key: "loan_number", kind: "integer", label: FIELD_LABELS["evaluation_fees[].loan_number"] },
    ],
  },
  {
    list: "insurance", family: "premium",
    name: zh_en("保险保单", "Insurance policy"), add: zh_en("添加一张保单", "Add a policy"),
    main: [
      { key: "kind", kind: "select", options: CHOICES.kind, label: FIELD_LABELS["insurance[].kind"] },
      { key: "product", kind: "select", options: CHOICES.product, label: FIELD_LABELS["insurance[].product"] },
      { key: "premium", kind: "cny", label: FIELD_LABELS["insurance[].premium"] },
      { key: "insured_amount", kind: "cny", label: FIELD_LABELS["insurance[].insured_amount"] },
      { key: "start_date", kind: "date", label: FIELD_LABELS["insurance[].start_date"] },
    ],
    more: [{ key: "label", kind: "text", label: FIELD_LABELS["insurance[].label"] }],
  },
];

/** Single fields that belong to a family rather than to a list item. */
export const FAMILY_FIELDS = {
  interest: [
    { path: "lpr_override.one_year_percent", kind: "percent", unit: zh_en("%", "%"), more: true,
      label: FIELD_LABELS["lpr_override.one_year_percent"] },
  ],
  ipo: [
    { path: "ipo.stage_reached", kind: "select", options: CHOICES.stage_reached, label: FIELD_LABELS["ipo.stage_reached"] },
    { path: "ipo.planned_fundraising", kind: "cny", label: FIELD_LABELS["ipo.planned_fundraising"] },
  ],
};

/** The words of the page itself (the engine's report carries its own). */
export const UI = {
  title: zh_en("中小企业融资补贴测算", "SME financing subsidy estimator"),
  subtitle: zh_en("贷款贴息 · 担保费补贴 · 保险保费补贴 · 上市补助", "Loan interest · guarantee fees · insurance premiums · IPO grants"),
  privacy: zh_en("全部计算在您的设备上完成，填写的信息不会上传。", "Everything is computed on your device; nothing you enter is uploaded."),
  switchLanguage: zh_en("English", "中文"),
  elderOn: zh_en("长辈模式", "Large text"),
  present: zh_en("演示模式", "Presentation mode"),
  presentExit: zh_en("退出演示模式（Esc）", "Leave presentation mode (Esc)"),
  personas: zh_en("演示企业（示例数据）", "Sample enterprises (sample data)"),
  personasNote: zh_en(
    "点击即可载入一家示例企业。企业名称和各项金额均为虚构的示例数据，不是政策规定的数字；测算结果按政策原文计算。",
    "One click loads a sample enterprise. Its name and figures are made-up sample data, not policy figures; the results are computed from the policy texts.",
  ),
  personaShown: zh_en("演示企业（示例数据）", "Sample enterprise (sample data)"),
  print: zh_en("打印结果", "Print"),
  record: zh_en("下载测算记录", "Download record"),
  share: zh_en("复制分享链接", "Copy share link"),
  shareCopied: zh_en("链接已复制：其中包含您填写的信息，仅保存在链接中。", "Link copied. It holds what you entered, in the link only."),
  shareManual: zh_en("请复制以下链接（其中包含您填写的信息）：", "Copy this link (it holds what you entered):"),
  profile: zh_en("第一步：企业基本情况", "Step 1: the enterprise"),
  choose: zh_en("第二步：选择要测算的补贴", "Step 2: choose a subsidy"),
  more: zh_en("更多信息（按政策需要填写）", "More details (as the policies need)"),
  options: zh_en("更多选项", "More options"),
  remove: zh_en("删除", "Remove"),
  questions: zh_en("需确认的条件", "Conditions to confirm"),
  yes: zh_en("是", "Yes"),
  no: zh_en("否", "No"),
  unknown: zh_en("未确认", "Not confirmed"),
  choose_option: zh_en("请选择", "Choose"),
  none: zh_en("无", "None"),
  yuan: zh_en("元", "yuan"),
  usd: zh_en("美元", "US$"),
  wan: zh_en("万元", "×10k yuan"),
  results: zh_en("测算结果", "Results"),
  seeResults: zh_en("查看结果 ↓", "see results ↓"),
  total: zh_en("可测算的企业补贴合计", "Computed subsidies to the enterprise"),
  presetTotal: zh_en("本产品可测算的企业补贴合计", "Computed subsidies for this product"),
  /** Under a product preset, what the results list and what the total sums. */
  presetScope: (product, count) => zh_en(
    `仅列出与「${product.zh}」相关的 ${count} 项政策；合计只含其中拨付给企业、可测算的金额。`,
    `Only the ${count === 1 ? "policy" : `${count} policies`} concerning this product (${product.en}) ${count === 1 ? "is" : "are"} listed; the total sums what ${count === 1 ? "it pays" : "they pay"} the enterprise.`,
  ),
  couldAdd: zh_en("还可能增加（文件未公布金额）", "Could add more (no published figure)"),
  // The 25BP of 二、（三）10 has no settled recipient: not "paid to a bank" either.
  notInTotal: zh_en("不计入合计（拨付给担保机构、银行，或拨付对象未明确）", "Not in the total (paid to a guarantor or bank, or the recipient is not settled)"),
  thisFamily: zh_en("本类政策", "Policies of this kind"),
  otherFamilies: zh_en("其他政策", "Other policies"),
  amountNotPublished: zh_en("金额未公布", "No published figure"),
  recipient: zh_en("拨付对象", "Paid to"),
  details: zh_en("计算步骤与政策依据", "Steps and source"),
  steps: zh_en("计算步骤", "Steps"),
  reasons: zh_en("原因", "Why"),
  missing: zh_en("需补充信息", "Still needed"),
  toConfirm: zh_en("需满足", "To be met"),
  /** An open item no answer settles yet (按期还清本息 before the loan is due): from when it can be answered, as the engine gives it. */
  answerableFrom: (date) => date
    ? zh_en(`到期后确认（${date}起）`, `Confirm once due (from ${date})`)
    : zh_en("到期后确认（请先填写到期日）", "Confirm once due (enter the end date first)"),
  notes: zh_en("说明", "Notes"),
  readings: zh_en("本测算采用的解读", "Readings taken by this estimate"),
  readingWhy: zh_en("理由", "Why"),
  readingOthers: zh_en("其他解读（政策包可改选）", "Other readings (a portal's pack may choose one)"),
  source: zh_en("政策依据", "Source"),
  issued: zh_en("印发", "Issued"),
  effective: zh_en("有效期", "In effect"),
  open: zh_en("起", "onwards"),
  inputErrors: zh_en("部分输入有误，已先按其余信息测算；请按提示修改。", "Some entries are not valid; the rest was computed. Please correct them."),
  cannotCompute: zh_en("请先修改标出的输入，才能测算。", "Please correct the marked entries to compute."),
  policyList: zh_en("政策清单（当前政策包）", "Policies in the active pack"),
  rulesCount: zh_en("条款", "provisions"),
  loading: zh_en("正在加载测算程序…", "Loading the calculator…"),
  noWasm: zh_en(
    "您的浏览器不支持 WebAssembly，无法在本机完成测算。请使用新版微信、Chrome、Edge、Safari 或 Firefox 打开本页面。",
    "Your browser does not support WebAssembly, so the estimate cannot run on your device. Please open this page in a current browser (WeChat, Chrome, Edge, Safari or Firefox).",
  ),
  loadFailed: zh_en("测算程序加载失败：", "The calculator failed to load: "),
  packFailed: zh_en("政策包加载失败：", "The policy pack failed to load: "),
  engineFailed: zh_en(
    "测算程序在计算这组数据时出错，已重新启动。请检查金额、利率等数值是否过大，修改后将重新测算；如仍出错，请联系本网站。",
    "The calculator failed on these figures and has been restarted. Check whether an amount or a rate is too large; it computes again when you edit. If it fails again, please contact this site.",
  ),
  shareDamaged: zh_en(
    "分享链接已损坏，无法读取其中的信息，已为您打开空白表单。",
    "The shared link is damaged and cannot be read; a blank form is shown instead.",
  ),
  printedOn: zh_en("打印日期", "Printed on"),
  estimateDate: zh_en("测算日期", "Estimate date"),
  version: zh_en("测算引擎", "Engine"),
  preset: zh_en("当前产品", "Product"),
};
