// Where navigation → first result goes, in headless Chromium (localhost,
// empty cache): each file's fetch (resource timing), the WebAssembly
// module's compile and instantiation, the built-in pack's reading (`new
// Calculator()` on a fresh instance), the first engine call and the
// first result. Printed as the median over loads; figures, not tests.
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
    const t = await page.evaluate(async () => {
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource");
      const at = (suffix) => res.find((r) => r.name.split("?")[0].endsWith(suffix));
      const js = res.filter((r) => r.name.endsWith(".js"));
      const wasm = at(".wasm");
      // The engine's own steps, on a fresh instance of the module.
      const glue = await import(`./pkg/sme_subsidy.js?fresh=${Math.random()}`);
      const bytes = await (await fetch("./pkg/sme_subsidy_bg.wasm")).arrayBuffer();
      let s = performance.now();
      const module = await WebAssembly.compile(bytes);
      const compile = performance.now() - s;
      s = performance.now();
      await glue.default({ module_or_path: module });
      const instantiate = performance.now() - s;
      s = performance.now();
      const calculator = new glue.Calculator();
      const pack = performance.now() - s;
      s = performance.now();
      calculator.policies();
      calculator.products();
      calculator.places(null);
      const lists = performance.now() - s;
      const scenario = { evaluation_date: "2026-01-01", enterprise: {}, loans: [{}] };
      s = performance.now();
      calculator.show(scenario, "zh", undefined, "interest");
      const call = performance.now() - s;
      return {
        "HTML received": nav.responseEnd,
        "modules fetched (last .js responseEnd)": Math.max(...js.map((r) => r.responseEnd)),
        "WASM fetch start": wasm?.startTime ?? NaN,
        "WASM fetched": wasm?.responseEnd ?? NaN,
        "first result": window.firstResultAt,
        "  compile (fresh)": compile,
        "  instantiate (fresh)": instantiate,
        "  new Calculator(): built-in pack read (fresh)": pack,
        "  policies + products + places": lists,
        "  first show() call": call,
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
