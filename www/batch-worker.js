// 批量筛查 off the page's main thread: reads the uploaded list (CSV by the
// engine's own reader, XLSX by read-excel-file), screens it a slice at a
// time in the staff tools' WebAssembly package, and posts each slice with
// the progress, so the page stays responsive. Cancelling ends this worker.
// The page warms it up on load — the engine, a portal's policy pack if the
// page names one, the spreadsheet libraries — so no request is made once a
// list is chosen. Every message it posts has a `type`:
//   {type:"ready", packs}              loaded; packs: the portal packs in use
//   {type:"started", header}           header problems ({column, zh, en}[])
//   {type:"rows", rows, read, summary} a slice: BatchRow[], share read, counts
//   {type:"done", summary}
//   {type:"cells", id, cells}          the output cells of the rows asked for
//   {type:"columns", columns}          the template's columns, for the help
//   {type:"file", name, blob}          a download (template or result)
//   {type:"error", message}            the list cannot be read at all

import { loadPortalPack } from "./portal-pack.js";
import { loadTools } from "./tools-wasm.js";

/** Rows per slice: small enough to post progress several times a second. */
const SLICE = 500;
/** Post at least this often (ms) while screening. */
const POST_EVERY = 100;

let calculator;
let list;
let listName = "名单";

/**
 * The calculator with the built-in pack, plus the portal's pack at
 * `packUrl` (a JSON array of documents, as the widget's `policy-set`).
 */
async function warm(packUrl) {
  const tools = await loadTools();
  calculator = new tools.Calculator();
  if (packUrl) {
    try {
      await loadPortalPack(calculator, packUrl);
    } catch (error) {
      throw new Error(`政策包加载失败 / the policy pack failed to load:\n${error.message}`);
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

async function start({ file, defaultDate }) {
  listName = file.name.replace(/\.(csv|xlsx)$/i, "");
  if (/\.xlsx$/i.test(file.name)) {
    const { readSheet } = await spreadsheet();
    const rows = (await readSheet(file)).map((row) => row.map(cellText));
    list = calculator.batchFromRows(rows, defaultDate);
  } else {
    const bytes = new Uint8Array(await file.arrayBuffer());
    postMessage({ type: "rows", rows: [], read: 0, summary: null });
    list = calculator.batchFromCsv(bytes, defaultDate);
  }
  postMessage({ type: "started", header: list.headerProblems() });
  postMessage({ type: "rows", rows: [], read: 0, summary: list.summary() });
  let slice;
  do {
    const began = performance.now();
    const rows = [];
    let read = 0;
    // Several slices per post when they are quick; one post per 100 ms at most.
    do {
      slice = list.next(SLICE);
      rows.push(...slice.rows);
      read = slice.read;
    } while (!slice.done && performance.now() - began < POST_EVERY);
    postMessage({ type: "rows", rows, read, summary: list.summary() });
  } while (!slice.done);
  postMessage({ type: "done", summary: list.summary(), total: list.totalText() });
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
    name = `批量筛查模板.${format}`;
    if (format === "csv") {
      blob = new Blob([tools.batchTemplateCsv()], { type: "text/csv;charset=utf-8" });
    } else {
      const columns = tools.batchColumns();
      const { writeSheet } = await spreadsheet();
      blob = await writeSheet([columns.map((c) => c.header), columns.map((c) => c.example)], {
        columns: columns.map((c) => ({ width: Math.max(10, c.header.length * 2 + 2) })),
        stickyRowsCount: 1,
      }).toBlob();
    }
  } else {
    name = `${listName}-筛查结果-${stamp}.${format}`;
    if (format === "csv") {
      blob = new Blob([list.csv()], { type: "text/csv;charset=utf-8" });
    } else {
      const { writeSheet } = await spreadsheet();
      const sheet = [tools.batchOutputHeaders(), ...list.outputRows()];
      blob = await writeSheet(outputSheet(sheet), {
        columns: [8, 28, 8, 12, 24, 60, 16, 40, 60].map((width) => ({ width })),
        stickyRowsCount: 1,
      }).toBlob();
    }
  }
  postMessage({ type: "file", name, blob });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "warm") postMessage({ type: "ready", packs: await warm(data.packUrl) });
    else if (data.type === "start") await start(data);
    else if (data.type === "cells") postMessage({ type: "cells", id: data.id, cells: list.cells(data.indices) });
    else if (data.type === "download") await download(data);
    else if (data.type === "columns") postMessage({ type: "columns", columns: (await loadTools()).batchColumns() });
  } catch (error) {
    postMessage({ type: "error", message: error?.message ?? String(error) });
  }
};
