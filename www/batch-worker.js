// 批量筛查 off the page's main thread: reads the uploaded list (CSV by the
// engine's own reader, XLSX by read-excel-file), screens it a slice at a
// time in the staff tools' WebAssembly package, and posts each slice with
// the progress, so the page stays responsive. A long CSV list is screened
// on every core: this worker screens its first part and helpers the rest
// (batch-pool.js); each part's rows reach the page tagged with their part,
// and the page puts them in input order. The page warms it up on load
// — the engine, a portal's policy pack if the page names one, the
// spreadsheet libraries — so no request is made once a list is chosen, and
// keeps it: a cancel stops the list between slices instead of ending the
// worker, so nothing is downloaded again. Every message it posts has a `type`:
//   {type:"ready", packs}                   loaded; packs: the portal packs in use
//   {type:"started", run, header, parts}    header problems ({column, zh, en}[]); engines screening it
//   {type:"reading", run, read}             share of the file read, before screening starts
//   {type:"rows", run, part, texts, read, summary}
//                                           a slice of part `part` (0 first): JSON texts of
//                                           BatchRow[] (index counted within the part); the
//                                           whole list's share read and counts
//   {type:"done", run, summary}
//   {type:"cancelled", run}                 the list `run` was stopped, as asked
//   {type:"cells", id, cells}               the output cells of the rows asked for
//   {type:"columns", columns}               the template's columns (the pack's questions among them), for the help
//   {type:"file", name, blob}               a download (template or result)
//   {type:"error", run, message}            the list cannot be read, or the engine failed
// A list's messages carry the `run` number the page gave it with "start".

import { Parts, Pool } from "./batch-pool.js";
import { readCsv, readSteps, screenAll } from "./batch-screen.js";
import { loadPortalPack } from "./portal-pack.js";
import { isEngineFailure, loadTools, restartTools } from "./tools-wasm.js";

let calculator;
/** The warm-up under way or done: the template and its columns are the active pack's, so they wait for it. */
let warming = null;
let packUrl = null;
let list;
/** The parts of the CSV list being screened (`Parts`), or null for a list screened here alone. */
let parts = null;
const pool = new Pool();
let listName = "名单";
/** The list being screened; a "cancel" or a new "start" changes it, and the old one stops. */
let currentRun = 0;

/** "中文 / English", the form of every message this worker writes. */
const both = (zh, en) => `${zh} / ${en}`;

/**
 * The calculator with the built-in pack, plus the portal's pack at
 * `packUrl` (a JSON array of documents, as the widget's `policy-set`), on a
 * fresh instance of the engine when `fresh`.
 */
async function warm(url, fresh = false) {
  packUrl = url;
  const tools = await (fresh ? restartTools() : loadTools());
  calculator = new tools.Calculator();
  if (packUrl) {
    try {
      await loadPortalPack(calculator, packUrl);
    } catch (error) {
      throw new Error(`${both("政策包加载失败", "the policy pack failed to load")}:\n${error.message}`);
    }
  }
  await spreadsheet();
  return calculator.info().loaded;
}

/** The spreadsheet libraries, loaded only when a spreadsheet is used. */
const spreadsheet = () => import("./vendor/xlsx.js");

/**
 * A spreadsheet cell as the text the engine reads: numbers as typed
 * (shortest exact form), dates as YYYY-MM-DD, 是/否 for TRUE/FALSE.
 */
function cellText(value) {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value);
}

/**
 * Refuse a list past the limits (src/limits.rs) before reading it, in the
 * engine's words: the file's size, and an Excel file's size once unzipped.
 */
function refuseOverLimits(tools, bytes, unzipped) {
  const refusal = tools.batchFileRefusal(bytes, unzipped);
  if (refusal) throw new Error(refusal);
}

/**
 * The first sheet's rows as text; the library's (English) error said in
 * both languages. The parts' sizes once unzipped are read from the zip's
 * directory and checked first: a zip bomb is refused before it is inflated.
 */
async function readXlsx(tools, bytes) {
  const { readSheet, unzippedSize } = await spreadsheet();
  const unreadable = (error) =>
    new Error(
      both(
        "无法读取该 Excel 文件，请确认是 .xlsx 格式（可在 Excel 中「另存为」Excel 工作簿），或改用 CSV",
        "the Excel file cannot be read: save it as an Excel workbook (.xlsx) or use CSV",
      ) + `（${error?.message ?? error}）`,
    );
  let unzipped;
  try {
    unzipped = unzippedSize(bytes);
  } catch (error) {
    throw unreadable(error);
  }
  refuseOverLimits(tools, bytes.length, unzipped);
  try {
    return (await readSheet(bytes.buffer)).map((row) => row.map(cellText));
  } catch (error) {
    throw unreadable(error);
  }
}

async function start({ run, file, defaultDate }) {
  currentRun = run;
  listName = file.name.replace(/\.(csv|xlsx)$/i, "");
  list?.free();
  list = null;
  const tools = await loadTools();
  refuseOverLimits(tools, file.size);
  const wanted = () => run === currentRun;
  const xlsx = /\.xlsx$/i.test(file.name);
  // A long CSV list is cut into parts at once, so the helpers read the
  // file alongside this worker.
  const ranges = xlsx ? [[0, file.size]] : pool.ranges(file.size);
  const mineParts = new Parts(ranges);
  parts = mineParts;
  // The share read and the summary of every part so far, with a part's rows.
  const post = (part, texts) => {
    const { summary } = tools.batchSummarySum(mineParts.summaries);
    postMessage({ type: "rows", run, part, texts, read: mineParts.read, summary });
  };
  let allDone;
  const helpersDone = new Promise((resolve, reject) => (allDone = { resolve, reject }));
  // Heard when this worker's own part is done (awaited below), not before.
  helpersDone.catch(() => {});
  if (ranges.length > 1) {
    pool.start(run, file, ranges, defaultDate, (part, data) => {
      if (!wanted()) return;
      if (data.type === "error") {
        allDone.reject(Object.assign(new Error(data.message), { engine: data.engine }));
        return;
      }
      mineParts.add(part, data);
      post(part, data.texts);
      if (mineParts.done) allDone.resolve();
    });
  }
  try {
    const progress = (end) => postMessage({ type: "reading", run, read: end / file.size });
    if (xlsx) {
      const bytes = new Uint8Array(file.size);
      const read = await readSteps(file, wanted, (step, end) => {
        bytes.set(step, end - step.length);
        progress(end);
      });
      if (!read) return;
      const rows = await readXlsx(tools, bytes);
      if (!wanted()) return;
      list = calculator.batchFromRows(rows, defaultDate);
    } else {
      const bytes = await readCsv(tools, file, wanted, progress);
      if (!bytes) return;
      list = calculator.batchFromBytes(bytes, defaultDate);
      if (ranges.length > 1) list.part(...ranges[0]);
    }
  } catch (error) {
    if (ranges.length > 1) pool.cancel(run);
    throw error;
  }
  const mine = list;
  postMessage({ type: "started", run, header: mine.headerProblems(), parts: ranges.length });
  const finished = await screenAll(mine, wanted, (texts) => {
    mineParts.add(0, { read: mine.read, summary: mine.summary(), done: mine.done });
    post(0, texts);
  });
  if (!finished) return;
  if (!mineParts.done) await helpersDone;
  if (!wanted()) return;
  const { summary, totalText } = tools.batchSummarySum(mineParts.summaries);
  postMessage({ type: "done", run, summary, total: totalText });
}

/** The output cells of the screened list's rows at `indices`, from the part that holds each. */
async function cells(indices) {
  if (!parts || parts.parts.length === 1) return list.cells(indices);
  const located = indices.map((i) => parts.locate(i));
  const byPart = new Map();
  for (const [part, index] of located) byPart.set(part, [...(byPart.get(part) ?? []), index]);
  const answers = new Map();
  for (const [part, wanted] of byPart) {
    const rows = part === 0 ? list.cells(wanted) : await pool.ask(part, "cells", wanted);
    answers.set(part, rows);
  }
  const next = new Map();
  return located.map(([part]) => {
    const k = next.get(part) ?? 0;
    next.set(part, k + 1);
    return answers.get(part)[k];
  });
}

/** The screened list as CSV bytes (the parts one after the other), and as rows of cells. */
async function resultCsv() {
  if (!parts || parts.parts.length === 1) return [list.csv()];
  const rest = await Promise.all(parts.parts.slice(1).map((_, k) => pool.ask(k + 1, "csvRows")));
  return [list.csv(), ...rest];
}

async function resultRows() {
  if (!parts || parts.parts.length === 1) return list.outputRows();
  const rest = await Promise.all(parts.parts.slice(1).map((_, k) => pool.ask(k + 1, "outputRows")));
  return [list.outputRows(), ...rest].flat();
}

/** Stop the list being screened: its rows are dropped, the engine stays loaded. */
function cancel({ run }) {
  if (run !== currentRun) return;
  currentRun = 0;
  list?.free();
  list = null;
  parts = null;
  pool.cancel(run);
  postMessage({ type: "cancelled", run });
}

/** The screened list's rows as spreadsheet cells: the total as a number, formatted. */
function outputSheet(csvRows) {
  const [header, ...rows] = csvRows;
  return [
    header,
    ...rows.map((cells) =>
      cells.map((text, i) => {
        if (i === 0) return Number(text);
        if (i === 6 && text !== "") return { value: Number(text), format: "#,##0.00" };
        return text;
      }),
    ),
  ];
}

async function download({ what, format }) {
  const tools = await loadTools();
  const stamp = new Date().toISOString().slice(0, 10);
  let name;
  let blob;
  if (what === "template") {
    await warming;
    name = `批量筛查模板.${format}`;
    if (format === "csv") {
      blob = new Blob([calculator.batchTemplateCsv()], { type: "text/csv;charset=utf-8" });
    } else {
      const columns = calculator.batchColumns();
      const { writeSheet } = await spreadsheet();
      blob = await writeSheet([columns.map((c) => c.header), columns.map((c) => c.example)], {
        columns: columns.map((c) => ({ width: Math.max(10, c.header.length * 2 + 2) })),
        stickyRowsCount: 1,
      }).toBlob();
    }
  } else {
    name = `${listName}-筛查结果-${stamp}.${format}`;
    if (format === "csv") {
      blob = new Blob(await resultCsv(), { type: "text/csv;charset=utf-8" });
    } else {
      const { writeSheet } = await spreadsheet();
      const sheet = [tools.batchOutputHeaders(), ...(await resultRows())];
      blob = await writeSheet(outputSheet(sheet), {
        columns: [8, 28, 8, 12, 24, 60, 16, 40, 60].map((width) => ({ width })),
        stickyRowsCount: 1,
      }).toBlob();
    }
  }
  postMessage({ type: "file", name, blob });
}

/**
 * Say what failed. The engine failing inside (a trap) takes its instance
 * with it: the list is dropped and the engine started afresh, so the next
 * list, or the same one after a fix, is screened again.
 */
async function report(error, run) {
  let message = error?.message ?? String(error);
  // A helper's engine failing is said the same way; the helper restarted its own.
  if (isEngineFailure(error) || error?.engine) {
    message = both(
      "测算程序在筛查这份名单时出错，已重新启动；请检查名单中金额、利率等数值是否过大，修改后重新上传",
      "the calculator failed on this list and has been restarted; check the list for amounts or rates that are too large and upload it again",
    ) + `（${message}）`;
    list = null;
    parts = null;
    pool.cancel(currentRun);
    currentRun = 0;
    try {
      await warm(packUrl, true);
    } catch (failure) {
      message += `\n${both("重新启动失败，请刷新页面", "the restart failed: reload the page")}（${failure?.message ?? failure}）`;
    }
  }
  postMessage({ type: "error", run, message });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "warm") {
      const packs = await (warming = warm(data.packUrl));
      await pool.warm(data.packUrl);
      postMessage({ type: "ready", packs });
    }
    else if (data.type === "start") await start(data);
    else if (data.type === "cancel") cancel(data);
    else if (data.type === "cells") postMessage({ type: "cells", id: data.id, cells: await cells(data.indices) });
    else if (data.type === "download") await download(data);
    else if (data.type === "columns") {
      await warming;
      postMessage({ type: "columns", columns: calculator.batchColumns() });
    }
  } catch (error) {
    await report(error, data.run);
  }
};

// A failure outside the handler above — a library's own callback, a promise
// nobody awaits, a script the page's Content-Security-Policy refuses —
// would otherwise leave the page waiting on 「正在读取名单……」 for good.
// Between lists `currentRun` is 0: such a message carries no run and is always shown.
addEventListener("error", (event) => report(event.error ?? event.message, currentRun || undefined));
addEventListener("unhandledrejection", (event) => report(event.reason, currentRun || undefined));
addEventListener("securitypolicyviolation", (event) =>
  report(
    new Error(
      both("浏览器的安全策略拦截了", "the browser's security policy blocked") +
        ` ${event.blockedURI} (${event.effectiveDirective})`,
    ),
    currentRun || undefined,
  ),
);
