// 批量筛查 page: template downloads, the upload, progress and cancel, the
// sortable and filterable result table and the downloads. The list itself
// is read and screened in batch-worker.js; this file only shows what it
// posts. Nothing leaves the device: files are read from the file input and
// written as blob downloads.

import { h, saveFile } from "./dom.js";

const T = {
  title: ["批量筛查企业名单", "Screen a list of enterprises"],
  switchLanguage: ["English", "中文"],
  privacy: ["名单只在您的设备上读取和测算，不会上传到任何服务器。", "The list is read and screened on your device only; nothing is uploaded."],
  pack: ["政策包：内置政策，并按本门户的 {packs} 更新", "Policies: the built-in pack, updated by this portal's {packs}"],
  stepTemplate: ["第一步：下载模板，逐户填写", "Step 1: download the template, one enterprise per row"],
  templateHelp: [
    "模板第一行为中文表头，第二行为示例企业（可删除）。每户企业一行；带 * 的列须保留。",
    "Row 1 holds the (Chinese) headers, row 2 an example enterprise (delete it). One enterprise per row; keep the columns marked *.",
  ],
  templateXlsx: ["下载 Excel 模板", "Excel template"],
  templateCsv: ["下载 CSV 模板", "CSV template"],
  columns: ["查看各列说明", "What each column holds"],
  stepUpload: ["第二步：上传名单并筛查", "Step 2: upload the list and screen it"],
  file: ["名单文件（.xlsx 或 .csv）", "The list (.xlsx or .csv)"],
  date: ["测算日期（「测算日期」列空白的行按此日期）", "Evaluation date (for rows that leave 测算日期 empty)"],
  start: ["开始筛查", "Screen the list"],
  cancel: ["取消", "Cancel"],
  stepResults: ["第三步：查看和下载筛查结果", "Step 3: review and download the results"],
  resultXlsx: ["下载结果（Excel）", "Download (Excel)"],
  resultCsv: ["下载结果（CSV）", "Download (CSV)"],
  problems: ["有误的行（其余各行均已筛查）", "Rows with errors (every other row was screened)"],
  filters: ["筛选", "Filter"],
  search: ["企业名称", "Name"],
  status: ["状态", "Status"],
  size: ["企业划型", "Size"],
  s2: ["五项标准", "Five criteria"],
  onlyEligible: ["只看有可享政策的企业", "Only enterprises with a policy"],
  prev: ["上一页", "Previous"],
  next: ["下一页", "Next"],
  notice: ["测算结果仅供参考，以主管部门审核为准。", "Estimates for reference only; the competent department's review decides."],
  all: ["全部", "All"],
  ok: ["已筛查", "Screened"],
  failed: ["有误", "Error"],
  notClassified: ["未能划型", "Not classified"],
  listable: ["符合五项标准", "Meets all five"],
  incomplete: ["待补充", "Incomplete"],
  not_listable: ["不符合", "Fails"],
  large: ["大型", "Large"],
  medium: ["中型", "Medium"],
  small: ["小型", "Small"],
  micro: ["微型", "Micro"],
  loading: ["正在读取名单……", "Reading the list…"],
  reading: ["正在读取名单…… {pct}%", "Reading the list… {pct}%"],
  workerFailed: ["筛查程序无法运行，请刷新页面后重试。", "The screening program cannot run; reload the page and try again."],
  cancelled: ["已取消：已筛查的 {rows} 行未保留，请重新上传。", "Cancelled: the {rows} rows screened so far were discarded; upload again to screen."],
  progress: ["已读取 {pct}% · 已筛查 {rows} 行（有误 {failed} 行）", "{pct}% read · {rows} rows screened ({failed} with errors)"],
  done: ["筛查完成：{rows} 行，用时 {seconds} 秒。", "Done: {rows} rows in {seconds} s."],
  summary: [
    "共 {rows} 户企业：{ok} 户已筛查，{failed} 户有误（见下方）{blank}。已筛查企业可测算的补贴合计 {total} 元。",
    "{rows} enterprises: {ok} screened, {failed} with errors (below){blank}. Computed subsidies of the screened enterprises: {total} yuan.",
  ],
  blank: ["，跳过空行 {n} 行", "; {n} blank rows skipped"],
  headerProblem: ["表头问题：", "Header problem: "],
  shown: ["显示第 {from}–{to} 户，共 {n} 户符合筛选条件", "Showing {from}–{to} of {n} matching"],
  none: ["没有符合筛选条件的企业。", "No enterprise matches the filters."],
  page: ["第 {page} / {pages} 页", "Page {page} of {pages}"],
  moreProblems: ["……另有 {n} 处错误，见下载结果的「错误」列。", "… {n} more: see the 错误 column of the download."],
  required: ["必填列", "required column"],
  example: ["示例", "example"],
  row: ["第 {row} 行", "row {row}"],
  sortBy: ["按此列排序", "sort by this column"],
};

/** The table's columns: header, the output cell shown, and the sort key. */
const COLUMNS = [
  { t: ["行号", "Row"], cell: 0, sort: (r) => r.row },
  { t: ["企业名称", "Name"], cell: 1, sort: (r) => r.name, text: true },
  { t: ["企业划型", "Size"], cell: 3, sort: (r) => SIZE_ORDER.indexOf(r.size ?? "") },
  { t: ["五项标准初筛", "Five criteria"], cell: 4, sort: (r) => S2_ORDER.indexOf(r.s2 ?? "") },
  { t: ["符合条件的政策", "Eligible policies"], cell: 5, sort: (r) => r.eligible },
  { t: ["测算合计（元）", "Total (yuan)"], cell: 6, sort: (r) => (r.ok ? Number(r.total) : -1), amount: true },
  { t: ["可增加", "Could add"], cell: 7 },
  { t: ["错误", "Errors"], cell: 8 },
];
const SIZE_ORDER = ["", "micro", "small", "medium", "large"];
const S2_ORDER = ["", "not_listable", "incomplete", "listable"];
const PAGE = 50;
const PROBLEMS_SHOWN = 100;

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem("sme-subsidy-lang") === "en" ? "en" : "zh";
const t = (key, values = {}) =>
  (T[key]?.[lang === "en" ? 1 : 0] ?? key).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");
const two = (pair) => pair[lang === "en" ? 1 : 0];

let worker = null;
let ready = false;
let run = 0; // the list being screened: the worker's messages about an earlier one are dropped
let rows = [];
/** Each part's rows as they come (the worker's part first), joined in input order when the list is done. */
let partRows = [];
/** The rows with errors, in input order once the list is done; each part's as they come until then. */
let failedRows = [];
let summary = null;
let started = 0;
let view = null; // the filtered and sorted rows, rebuilt when stale
let cellsWanted = 0; // the latest request for the shown rows' cells
const table = { sort: 0, dir: 1, page: 0 };

/** The worker, made once: it keeps the engine and the spreadsheet libraries loaded. */
function screeningWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./batch-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.run === undefined || data.run === run) handlers[data.type]?.(data);
  };
  // The worker reports its own failures; this is for one it cannot (its script refused or broken).
  worker.onerror = (event) => handlers.error({ message: event.message || t("workerFailed") });
  return worker;
}

const handlers = {
  ready({ packs }) {
    $("pack").textContent = packs.length ? t("pack", { packs: packs.join("、") }) : "";
    ready = true;
    $("batch").dataset.ready = "true";
    running(false);
  },
  started({ header, parts }) {
    // How many engines (this page's workers) screen the list: for the figures and the tests.
    $("progress").dataset.parts = String(parts);
    if (header.length > 0) {
      showMessage(header.map((p) => `${t("headerProblem")}「${p.column}」${lang === "en" ? p.en : p.zh}`).join("\n"));
    }
  },
  reading({ read }) {
    $("progress-text").textContent = t("reading", { pct: Math.floor(read * 100) });
  },
  rows(data) {
    const part = (partRows[data.part] ??= []);
    const failed = (failedRows[data.part] ??= []);
    for (const text of data.texts) {
      for (const row of JSON.parse(text)) {
        part.push(row);
        if (!row.ok) failed.push(row);
      }
    }
    summary = data.summary ?? { rows: 0, failed: 0 };
    $("bar").value = data.read;
    $("progress-text").textContent = t("progress", {
      pct: Math.floor(data.read * 100),
      rows: summary.rows.toLocaleString(),
      failed: summary.failed.toLocaleString(),
    });
    $("progress").dataset.updates = String(Number($("progress").dataset.updates ?? 0) + 1);
  },
  done(data) {
    // The parts one after the other are the list in input order; a row's
    // index (counted within its part) becomes its place in the whole list.
    let offset = 0;
    for (const part of partRows) {
      if (offset > 0) for (const row of part ?? []) row.index += offset;
      offset += part?.length ?? 0;
    }
    rows = [].concat(...partRows.map((part) => part ?? []));
    failedRows = [].concat(...failedRows.map((part) => part ?? []));
    partRows = [];
    summary = { ...data.summary, totalText: data.total };
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    $("bar").value = 1;
    $("progress-text").textContent = t("done", { rows: summary.rows.toLocaleString(), seconds });
    $("progress").dataset.seconds = seconds;
    running(false);
    $("batch").dataset.state = "done";
    view = null;
    render();
  },
  columns({ columns }) {
    columnHelp = columns;
    renderColumns(columns);
  },
  cells({ id, cells }) {
    if (id === cellsWanted) renderRows(cells);
  },
  file({ name, blob }) {
    saveFile(name, blob);
  },
  error({ message }) {
    running(false);
    // The message says what happened: 「正在读取名单……」 or a stale share
    // read must not stay beside it.
    $("progress").hidden = true;
    showMessage(message);
    $("batch").dataset.state = "error";
  },
};

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

function running(on) {
  $("start").disabled = on || !ready || !$("file").files.length;
  $("cancel").hidden = !on;
  $("file").disabled = on;
}

function start() {
  const file = $("file").files[0];
  if (!file) return;
  rows = [];
  partRows = [];
  failedRows = [];
  summary = null;
  view = null;
  table.page = 0;
  showMessage("");
  $("outcome").hidden = true;
  $("progress").hidden = false;
  $("progress").dataset.updates = "0";
  $("bar").value = 0;
  $("progress-text").textContent = t("loading");
  $("batch").dataset.state = "running";
  running(true);
  started = performance.now();
  run += 1;
  screeningWorker().postMessage({ type: "start", run, file, defaultDate: $("date").value || null });
}

/** Cancel: the worker stops the list between slices and drops it; the engine stays loaded. */
function cancel() {
  worker.postMessage({ type: "cancel", run });
  run += 1;
  running(false);
  $("progress-text").textContent = t("cancelled", { rows: (summary?.rows ?? 0).toLocaleString() });
  $("batch").dataset.state = "cancelled";
  rows = [];
  partRows = [];
  failedRows = [];
  summary = null;
  $("outcome").hidden = true;
}

// ---------------------------------------------------------------------------
// The result table

function filtered() {
  if (view) return view;
  const name = $("f-name").value.trim();
  const status = $("f-status").value;
  const size = $("f-size").value;
  const s2 = $("f-s2").value;
  const eligible = $("f-eligible").checked;
  // The rows come in input order, which is by row number: the table as
  // first shown is the list itself, neither copied nor sorted.
  if (!name && !status && !size && !s2 && !eligible && table.sort === 0 && table.dir === 1) return (view = rows);
  view = rows.filter(
    (r) =>
      (!name || r.name.includes(name)) &&
      (!status || (status === "ok") === r.ok) &&
      (!size || (size === "none" ? r.ok && !r.size : r.size === size)) &&
      (!s2 || r.s2 === s2) &&
      (!eligible || r.eligible > 0),
  );
  const column = COLUMNS[table.sort];
  const key = column.sort;
  const collator = new Intl.Collator("zh-CN");
  view.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = column.text ? collator.compare(x, y) : x - y;
    return order * table.dir || a.row - b.row;
  });
  return view;
}

/** "260375.00" → "260,375.00": the CSV keeps plain digits for machines; people read groups. */
const grouped = (amount) => amount.replace(/^(\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ","));

function renderHead() {
  const tr = document.querySelector("#table thead tr");
  tr.replaceChildren(
    ...COLUMNS.map((c, i) => {
      const sorted = table.sort === i;
      const order = table.dir > 0 ? ["ascending", " ▲"] : ["descending", " ▼"];
      return h("th", { scope: "col", "aria-sort": c.sort && (sorted ? order[0] : "none"), class: c.amount && "amount" },
        c.sort
          ? h("button", { type: "button", title: t("sortBy"), "data-sort": i }, two(c.t), sorted ? order[1] : "")
          : two(c.t));
    }),
  );
}

let shown = [];
function render() {
  if (!summary?.totalText) return;
  $("outcome").hidden = false;
  const blank = summary.blank > 0 ? t("blank", { n: summary.blank.toLocaleString() }) : "";
  $("summary").textContent = t("summary", {
    rows: summary.rows.toLocaleString(),
    ok: summary.ok.toLocaleString(),
    failed: summary.failed.toLocaleString(),
    blank,
    total: summary.totalText,
  });
  renderProblems();
  renderHead();
  const list = filtered();
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  table.page = Math.min(table.page, pages - 1);
  shown = list.slice(table.page * PAGE, (table.page + 1) * PAGE);
  $("shown").textContent = list.length
    ? t("shown", { from: table.page * PAGE + 1, to: table.page * PAGE + shown.length, n: list.length.toLocaleString() })
    : t("none");
  $("page").textContent = t("page", { page: table.page + 1, pages });
  $("prev").disabled = table.page === 0;
  $("next").disabled = table.page >= pages - 1;
  // The cells of the shown rows come from the worker, which holds the list.
  cellsWanted++;
  $("outcome").dataset.wanted = String(cellsWanted);
  if (shown.length === 0) renderRows([]);
  else worker.postMessage({ type: "cells", id: cellsWanted, indices: shown.map((r) => r.index) });
}

/** The rows on this page, from their output cells (in `shown` order). */
function renderRows(cells) {
  document.querySelector("#table tbody").replaceChildren(
    ...cells.map((row, i) => {
      return h("tr", { class: shown[i].ok ? "" : "failed" },
        COLUMNS.map((c) => h("td", { class: c.amount && "amount" }, c.amount ? grouped(row[c.cell]) : row[c.cell])));
    }),
  );
  $("outcome").dataset.rendered = String(cellsWanted);
}

function renderProblems() {
  $("problems").hidden = failedRows.length === 0;
  const items = [];
  let more = 0;
  for (const r of failedRows) {
    for (const e of r.errors) {
      if (items.length >= PROBLEMS_SHOWN) {
        more++;
        continue;
      }
      const name = r.name ? `（${r.name}）` : "";
      items.push(h("li", {}, `${t("row", { row: r.row })}${name}「${e.column}」：${lang === "en" ? e.en : e.zh}`));
    }
  }
  if (more > 0) items.push(h("li", { class: "more" }, t("moreProblems", { n: more.toLocaleString() })));
  $("problem-list").replaceChildren(...items);
}

// ---------------------------------------------------------------------------
// Page set-up

function options(select, entries) {
  const value = select.value;
  select.replaceChildren(...entries.map(([v, label]) => h("option", { value: v }, label)));
  select.value = value;
}

function translate() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  document.title = `${t("title")} — ${lang === "en" ? "SME financing subsidy estimator" : "中小企业融资补贴测算"}`;
  options($("f-status"), [["", t("all")], ["ok", t("ok")], ["failed", t("failed")]]);
  options($("f-size"), [["", t("all")], ...["large", "medium", "small", "micro"].map((s) => [s, t(s)]), ["none", t("notClassified")]]);
  options($("f-s2"), [["", t("all")], ...["listable", "incomplete", "not_listable"].map((s) => [s, t(s)])]);
  if (columnHelp) renderColumns(columnHelp);
  render();
}

let columnHelp = null;
function renderColumns(columns) {
  document.querySelector("#columns .columns").replaceChildren(
    h("ul", {}, columns.map((c) =>
      h("li", {}, h("b", {}, c.header + (c.required ? " *" : "")), lang === "en" ? ` — ${c.en}` : "",
        c.example ? `（${t("example")}：${c.example}）` : ""))),
  );
}

$("columns").addEventListener("toggle", () => {
  if (!columnHelp && $("columns").open) screeningWorker().postMessage({ type: "columns" });
});

$("lang").addEventListener("click", () => {
  lang = lang === "en" ? "zh" : "en";
  localStorage.setItem("sme-subsidy-lang", lang);
  translate();
});
$("file").addEventListener("change", () => running(false));
$("start").addEventListener("click", start);
$("cancel").addEventListener("click", cancel);
for (const button of document.querySelectorAll("[data-download]")) {
  button.addEventListener("click", () =>
    screeningWorker().postMessage({ type: "download", what: button.dataset.download, format: button.dataset.format }),
  );
}
for (const id of ["f-name", "f-status", "f-size", "f-s2", "f-eligible"]) {
  $(id).addEventListener("input", () => {
    view = null;
    table.page = 0;
    render();
  });
}
document.querySelector("#table thead").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-sort]");
  if (!button) return;
  const column = Number(button.dataset.sort);
  table.dir = table.sort === column ? -table.dir : 1;
  table.sort = column;
  view = null;
  render();
});
$("prev").addEventListener("click", () => {
  table.page--;
  render();
});
$("next").addEventListener("click", () => {
  table.page++;
  render();
});

/** Load the engine and the spreadsheet libraries before a list is chosen. */
function warmUp() {
  ready = false;
  $("batch").dataset.ready = "false";
  // A portal names its own policy pack on the page: <main id="batch" data-policy-set="…">.
  const pack = $("batch").dataset.policySet;
  screeningWorker().postMessage({ type: "warm", packUrl: pack ? new URL(pack, location.href).href : null });
}

// The evaluation date defaults to today in China (UTC+8).
$("date").value = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
translate();
warmUp();
