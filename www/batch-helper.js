// One helper of the batch worker (batch-pool.js): screens one part of a CSV
// list — the records that start in a byte range — in its own instance of
// the staff tools' engine, on its own core, and keeps the screened rows for
// the page's table and the downloads. Messages in:
//   {type:"warm", id, packUrl}                           load the engine and the portal's pack
//   {type:"part", run, file, from, until, defaultDate}   screen a part (read from the file here)
//   {type:"cancel", run}                                 drop it
//   {type:"ask", id, what, indices}                      cells | csvRows | outputRows of the part
// Messages out:
//   {type:"ready", id} · {type:"rows", run, texts, read, summary, done}  (texts: JSON of BatchRow[])
//   {type:"answer", id, value} · {type:"error", run | id, message, engine}

import { readCsv, screenAll } from "./batch-screen.js";
import { loadPortalPack } from "./portal-pack.js";
import { isEngineFailure, loadTools, restartTools } from "./tools-wasm.js";

let tools;
let calculator;
let packUrl = null;
let list = null;
let currentRun = 0;

async function warm(url, fresh = false) {
  packUrl = url;
  tools = await (fresh ? restartTools() : loadTools());
  calculator = new tools.Calculator();
  if (packUrl) await loadPortalPack(calculator, packUrl);
}

async function part({ run, file, from, until, defaultDate }) {
  currentRun = run;
  list?.free();
  list = null;
  const wanted = () => run === currentRun;
  // The file is read here, alongside the worker's own reading: nothing is
  // copied from one thread to the other.
  const bytes = await readCsv(tools, file, wanted);
  if (!bytes) return;
  const mine = calculator.batchFromBytes(bytes, defaultDate);
  mine.part(from, until);
  list = mine;
  await screenAll(mine, wanted, (texts) =>
    postMessage({ type: "rows", run, texts, read: mine.read, summary: mine.summary(), done: mine.done }),
  );
}

function ask({ id, what, indices }) {
  const value = what === "cells" ? list.cells(indices) : what === "csvRows" ? list.csvRows() : list.outputRows();
  // The part's CSV bytes are handed over, not copied: the helper keeps the list, not them.
  postMessage({ type: "answer", id, value }, value instanceof Uint8Array ? [value.buffer] : []);
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
