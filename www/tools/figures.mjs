// The browser figures, measured on this machine (scripts/figures.sh):
//   - Brotli size of the WebAssembly module + its JS glue, and of everything
//     the page loads (what a server with Brotli would send);
//   - time from navigation to the first result in headless Chromium, as it
//     is and with the CPU throttled 4× and a slow-4G network (DevTools
//     protocol), the way a mid-range phone would see it;
//   - one evaluation through the JS API, result object included.
// Each figure is printed beside its target.
// Figures, not tests: they print, they do not pass or fail.

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SITE = path.join(ROOT, "target/site");
const brotli = (file) =>
  zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const hits = [];
const server = await serve(SITE, 0, (url) => hits.push(url));
const base = `http://127.0.0.1:${server.address().port}/`;
// The same site Brotli-compressed, as a production server sends it.
const brotliServer = await serve(SITE, 0, () => {}, { brotli: true });
const brotliBase = `http://127.0.0.1:${brotliServer.address().port}/`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

try {
  // Sizes.
  const wasm = path.join(SITE, "pkg/sme_subsidy_bg.wasm");
  const glue = path.join(SITE, "pkg/sme_subsidy.js");
  console.log("Download size (Brotli, quality 11)");
  console.log(`  WASM ${kb(fs.statSync(wasm).size)} raw → ${kb(brotli(wasm))}; JS glue ${kb(fs.statSync(glue).size)} → ${kb(brotli(glue))}`);
  console.log(`  WASM + JS glue: ${kb(brotli(wasm) + brotli(glue))}  (target ≤ 100 KB)`);

  // The whole page: every file the first visit asks for.
  const context = await browser.newContext();
  const page = await context.newPage();
  hits.length = 0;
  await page.goto(base);
  await page.locator("sme-subsidy-calculator .total").waitFor();
  await page.waitForTimeout(300);
  const files = [...new Set(hits.map((u) => new URL(u, base).pathname))].map((p) => path.join(SITE, p.endsWith("/") ? `${p}index.html` : p));
  const raw = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const compressed = files.reduce((sum, f) => sum + brotli(f), 0);
  console.log(`  whole page, ${files.length} files: ${kb(raw)} raw → ${kb(compressed)} Brotli  (target ≤ 150 KB)`);
  await context.close();

  // Navigation to first result, fresh context each time (no cache);
  // `throttle` sets the CPU slow-down and the network through the DevTools
  // protocol before the page is asked for.
  const firstResult = async (loads, throttle, from = base) => {
    const times = [];
    for (let i = 0; i < loads; i++) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      if (throttle) {
        const cdp = await ctx.newCDPSession(p);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", throttle);
      }
      await p.addInitScript(() => {
        addEventListener("sme-subsidy:result", () => (window.firstResultAt ??= performance.now()), true);
      });
      await p.goto(from);
      await p.waitForFunction(() => window.firstResultAt !== undefined, null, { timeout: 60000 });
      times.push(await p.evaluate(() => window.firstResultAt));
      await ctx.close();
    }
    return `median ${median(times).toFixed(0)} ms over ${times.length} loads (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`;
  };
  console.log("Navigation → first result (headless Chromium, localhost, empty cache)");
  console.log(`  plain: ${await firstResult(15)}  (target ≤ 150 ms)`);
  // Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
  const slow4g = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
  console.log(`  CPU 4× slower, slow 4G, files sent uncompressed: ${await firstResult(5, slow4g)}  (target ≤ 1 s)`);
  // Each file compressed once before the loads are timed.
  await firstResult(1, null, brotliBase);
  console.log(`  CPU 4× slower, slow 4G, files sent Brotli-compressed (as a production server): ${await firstResult(5, slow4g, brotliBase)}  (target ≤ 1 s)`);

  // One evaluation through the JS API: the README's rich scenario, result
  // object included. performance.now() is coarsened to 0.1 ms here, so the
  // 10,000 calls are timed in 100 batches of 100; the median batch gives the
  // per-call time.
  const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/scenario.json"), "utf8"));
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(base);
  await p.locator("sme-subsidy-calculator .total").waitFor();
  const timings = await p.evaluate(async (s) => {
    const { Calculator } = await import("./pkg/sme_subsidy.js");
    const calculator = new Calculator();
    const time = (call) => {
      for (let i = 0; i < 500; i++) call();
      const batches = [];
      for (let b = 0; b < 100; b++) {
        const start = performance.now();
        for (let i = 0; i < 100; i++) call();
        batches.push(((performance.now() - start) / 100) * 1000);
      }
      batches.sort((a, b) => a - b);
      return batches[50];
    };
    const small = { evaluation_date: s.evaluation_date, enterprise: s.enterprise };
    return {
      fullBoth: time(() => calculator.evaluateFull(s)),
      fullZh: time(() => calculator.evaluateFull(s, "zh")),
      leanZh: time(() => calculator.evaluate(s, "zh")),
      smallFullZh: time(() => calculator.evaluateFull(small, "zh")),
      smallLeanZh: time(() => calculator.evaluate(small, "zh")),
      // What the page asks for on each input: report, guide, what-ifs, series and groups.
      showZh: time(() => calculator.show(s, "zh", undefined, "interest")),
    };
  }, scenario);
  await ctx.close();
  console.log("One evaluation through the JS API, result object included (median of 100 × 100 calls)");
  console.log("  evaluate() is the lean report the page uses (rules' texts from policies(), once); evaluateFull() has them in every result");
  console.log(`  README scenario, full report, both languages: ${timings.fullBoth.toFixed(1)} µs`);
  console.log(`  README scenario, full report, one language: ${timings.fullZh.toFixed(1)} µs  (target ≤ 60 µs)`);
  console.log(`  README scenario, lean, one language (what the page asks for): ${timings.leanZh.toFixed(1)} µs  (target ≤ 20 µs)`);
  console.log(`  enterprise profile only, full report, one language: ${timings.smallFullZh.toFixed(1)} µs`);
  console.log(`  enterprise profile only, lean, one language: ${timings.smallLeanZh.toFixed(1)} µs  (target ≤ 8 µs)`);
  console.log(`  README scenario, one widget input (show(): report + guide + what-ifs + series + groups): ${timings.showZh.toFixed(1)} µs`);
} finally {
  await browser.close();
  server.close();
  brotliServer.close();
}
