// One helper of the batch worker (batch-pool.js): screens one part of a CSV
// list — the records that start in a byte range — in its own instance of
// the staff tools' engine, on its own core, and keeps the screened rows for
// the page's table and the downloads. Messages in:
//   {type:"warm", id, packUrl}                           load the engine and the portal's pack
//   {type:"part", run, bytes, from, until, defaultDate}  screen a part
//   {type:"cancel", run}                                 drop it
//   {type:"ask", id, what, indices}                      cells | csvRows | outputRows of the part
// Messages out:
//   {type:"ready", id} · {type:"rows", run, rows, read, summary, done}
//   {type:"answer", id, value} · {type:"error", run | id, message, engine}

import { loadPortalPack } from "./portal-pack.js";
import { isEngineFailure, loadTools, restartTools } from "./tools-wasm.js";

/** Rows per slice, and at least one post per this many ms: as the batch worker. */
const SLICE = 500;
const POST_EVERY = 100;

let calculator;
let packUrl = null;
let list = null;
let currentRun = 0;

async function warm(url, fresh = false) {
  packUrl = url;
  const tools = await (fresh ? restartTools() : loadTools());
  calculator = new tools.Calculator();
  if (packUrl) await loadPortalPack(calculator, packUrl);
}

const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

async function part({ run, bytes, from, until, defaultDate }) {
  currentRun = run;
  list?.free();
  list = null;
  const mine = calculator.batchFromCsv(bytes, defaultDate);
  mine.part(from, until);
  list = mine;
  let slice;
  do {
    await yieldToMessages();
    if (run !== currentRun) return;
    const began = performance.now();
    const rows = [];
    do {
      slice = mine.next(SLICE);
      rows.push(...slice.rows);
    } while (!slice.done && performance.now() - began < POST_EVERY);
    postMessage({ type: "rows", run, rows, read: slice.read, summary: mine.summary(), done: slice.done });
  } while (!slice.done);
}

function ask({ id, what, indices }) {
  const value = what === "cells" ? list.cells(indices) : what === "csvRows" ? list.csvRows() : list.outputRows();
  postMessage({ type: "answer", id, value });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "warm") {
      await warm(data.packUrl);
      postMessage({ type: "ready", id: data.id });
    } else if (data.type === "part") await part(data);
    else if (data.type === "cancel" && data.run === currentRun) {
      currentRun = 0;
      list?.free();
      list = null;
    } else if (data.type === "ask") ask(data);
  } catch (error) {
    const engine = isEngineFailure(error);
    postMessage({ type: "error", run: data.run, id: data.id, message: error?.message ?? String(error), engine });
    if (engine) {
      list = null;
      currentRun = 0;
      await warm(packUrl, true).catch(() => {});
    }
  }
};
