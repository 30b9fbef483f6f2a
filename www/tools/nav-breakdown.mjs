// Where navigation → first result goes, in headless Chromium (localhost,
// empty cache): the files' fetches (resource timing), then the widget's
// marks (calculator.js, widget.js): the engine compiled and instantiated,
// the built-in pack read, the pack's lists read, the form laid out, the
// first show() call, the first result laid out. Each a time from
// navigation, the median over loads; figures, not tests.
//
//   node www/tools/nav-breakdown.mjs [loads=9]

import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const loads = Number(process.argv[2] ?? 9);
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const server = await serve(path.join(ROOT, "target/site"), 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const rows = {};
const add = (name, value) => (rows[name] ??= []).push(value);
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      addEventListener("sme-subsidy:result", () => (window.firstResultAt ??= performance.now()), true);
    });
    await page.goto(base);
    await page.waitForFunction(() => window.firstResultAt !== undefined);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource");
      const js = res.filter((r) => r.name.endsWith(".js"));
      const wasm = res.find((r) => r.name.endsWith(".wasm"));
      const mark = (name) => performance.getEntriesByName(`sme-subsidy:${name}`)[0]?.startTime ?? NaN;
      return {
        "HTML received": nav.responseEnd,
        "modules fetched (last .js)": Math.max(...js.map((r) => r.responseEnd)),
        "WASM fetch start": wasm?.startTime ?? NaN,
        "WASM fetched": wasm?.responseEnd ?? NaN,
        "engine compiled and instantiated": mark("engine"),
        "built-in pack read (new Calculator())": mark("pack"),
        "policies, products, places read": mark("lists"),
        "form laid out": mark("form"),
        "first show() returned": mark("show"),
        "first result laid out (sme-subsidy:result)": window.firstResultAt,
      };
    });
    for (const [k, v] of Object.entries(t)) add(k, v);
    await context.close();
  }
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(50)} ${median(v).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
