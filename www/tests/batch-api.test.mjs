// The staff tools' batch API as the batch worker and its helpers use it,
// in Node (no page): a CSV list handed over a step of the file at a time
// (BatchBytes) is the same list as the whole file at once; rows as
// unparsed JSON text (nextText) are the rows `next` gives; and the row
// limit, counted from line breaks as the steps come, holds at its edge.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "./helpers.mjs";

const PKG = path.join(ROOT, "target/npm-pkg-tools");
const tools = await import(path.join(PKG, "sme_subsidy_tools.js"));
tools.initSync({ module: fs.readFileSync(path.join(PKG, "sme_subsidy_tools_bg.wasm")) });
const CLI = path.join(ROOT, "target/debug/sme-subsidy");

/** The template's header and example row, then `n` copies of the example, numbered. */
function list(n) {
  const [header, example] = execFileSync(CLI, ["batch-template"]).toString("utf8").split("\r\n");
  const rows = Array.from({ length: n }, (_, i) => example.replace(/^[^,]*/, `企业${i + 1}`));
  return Buffer.from([header, example, ...rows, ""].join("\r\n"));
}

/** Every row of a list, by `next` or by `nextText`, 7 at a time. */
function screen(batch, text) {
  const rows = [];
  while (!batch.done) rows.push(...(text ? JSON.parse(batch.nextText(7)) : batch.next(7).rows));
  return rows;
}

test("a list handed over in steps (BatchBytes) screens as the whole file does; nextText's rows are next's", () => {
  const bytes = list(40);
  const calculator = new tools.Calculator();
  const whole = calculator.batchFromCsv(bytes, "2024-12-31");
  const steps = new tools.BatchBytes(bytes.length);
  // Uneven steps, one cutting a character of 企业 in two.
  for (const [from, until] of [[0, 5], [5, 1001], [1001, bytes.length]]) steps.push(bytes.subarray(from, until));
  const stepped = calculator.batchFromBytes(steps, "2024-12-31");
  const byNext = screen(whole, false);
  const byText = screen(stepped, true);
  assert.equal(byNext.length, 41);
  assert.deepEqual(byText, byNext);
  assert.equal(stepped.read, 1);
  assert.ok(Buffer.from(stepped.csv()).equals(Buffer.from(whole.csv())), "the same screened list, byte for byte");
  assert.equal(stepped.totalText(), whole.totalText());
  assert.equal(byNext[40].name, "企业40");
});

test("BatchBytes refuses a list over 256 MiB, before and while it is handed over, in both languages", () => {
  const tooBig = /^名单文件超过256 MiB的上限.* \/ the list is larger than the limit of 256 MiB/;
  assert.throws(() => new tools.BatchBytes(256 * 1024 * 1024 + 1), (e) => e.name === "BatchError" && tooBig.test(e.message));
  assert.throws(() => new tools.BatchBytes(NaN), (e) => tooBig.test(e.message));
  const steps = new tools.BatchBytes(0);
  const step = new Uint8Array(64 * 1024 * 1024);
  for (let i = 0; i < 4; i++) steps.push(step);
  assert.throws(() => steps.push(new Uint8Array(1)), (e) => tooBig.test(e.message));
  steps.free();
});

test("the row limit at its edge: 1,000,000 rows pass with or without a last line break, 1,000,001 do not", () => {
  const header = execFileSync(CLI, ["batch-template"]).toString("utf8").split("\r\n")[0];
  const calculator = new tools.Calculator();
  const refused = /^名单超过1000000行的上限/;
  for (const [rows, end, ok] of [[1_000_000, "\n", true], [1_000_000, "", true], [1_000_001, "\n", false], [1_000_001, "", false]]) {
    const text = `${header}\n${"x\n".repeat(rows - 1)}x${end}`;
    const bytes = new tools.BatchBytes(text.length);
    bytes.push(Buffer.from(text));
    if (ok) calculator.batchFromBytes(bytes, null).free();
    else assert.throws(() => calculator.batchFromBytes(bytes, null), (e) => refused.test(e.message), `${rows} rows${end ? ", last line break" : ""}`);
    // The whole file at once says the same.
    if (ok) calculator.batchFromCsv(Buffer.from(text), null).free();
    else assert.throws(() => calculator.batchFromCsv(Buffer.from(text), null), (e) => refused.test(e.message));
  }
});
