// Hostile and unlucky input, tried as a user or an attacker would, with the
// site served by www/serve.mjs and its strict CSP: damaged share links, an
// engine that fails inside (a Rust panic is a WebAssembly trap; the input
// bounds leave none to provoke, so a fault is injected), numbers
// JSON cannot carry, a pack saved with a byte-order mark, a broken address
// for the server, pages framed by another page, a bad slice size for the
// batch API.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { ROOT, SITE, assertSameAsEngine, injectEngineFault, openPage, scenarioOf, screenshot, shown, start, widget } from "./helpers.mjs";

const CLI = path.join(ROOT, "target/debug/sme-subsidy");

let env;
before(async () => (env = await start()));
after(() => env.stop());

const base64url = (text) => Buffer.from(text, "utf8").toString("base64url");

/** A test file in the served site, removed when the test ends. */
function siteFile(t, name, text) {
  const file = path.join(SITE, name);
  fs.writeFileSync(file, text);
  t.after(() => fs.rmSync(file, { force: true }));
  return file;
}

/**
 * The calculator page (index.html) with the widget given `attributes`, as a
 * test page; without the preload of the engine's glue module (and its
 * integrity hash) when `preloadGlue` is false.
 */
function calculatorPage(t, name, attributes, { preloadGlue = true } = {}) {
  let html = fs.readFileSync(path.join(SITE, "index.html"), "utf8").replace("<sme-subsidy-calculator standalone>", `<sme-subsidy-calculator standalone ${attributes}>`);
  assert.ok(html.includes(attributes), "the test page carries the attributes");
  if (!preloadGlue) html = html.replace(/<link rel="modulepreload" href="pkg\/sme_subsidy\.js"[^>]*>\n?/, "");
  siteFile(t, name, html);
}

const damagedNote = (page) => widget(page).locator(".share-note");

for (const [what, payload] of [
  ["null", base64url("null")],
  ['"x"', base64url('"x"')],
  ["1", base64url("1")],
  ['{"loans":"abc"}', base64url('{"loans":"abc"}')],
  ['{"enterprise":[1],"loans":[1]}', base64url('{"enterprise":[1],"loans":[1]}')],
  ["100,000 nested [", base64url("[".repeat(100000))],
  ["100,000 nested [ closed", base64url("[".repeat(100000) + "]".repeat(100000))],
  ["not base64", "%%%"],
  ["not UTF-8", Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url")],
]) {
  test(`a damaged share link (${what}) is said to be damaged, and the form starts blank`, async () => {
    const opened = await openPage(env);
    const { page } = opened;
    await page.goto(`${env.base}#s=${payload}`);
    await damagedNote(page).waitFor({ timeout: 20000 });
    assert.equal(await damagedNote(page).textContent(), "分享链接已损坏，无法读取其中的信息，已为您打开空白表单。");
    const scenario = await scenarioOf(page);
    assert.deepEqual({ ...scenario, evaluation_date: null }, { evaluation_date: null, enterprise: {}, loans: [{}] });
    // The form works: a field typed in is evaluated.
    await page.getByLabel("从业人员", { exact: true }).fill("120");
    assert.equal((await scenarioOf(page)).enterprise.employees, 120);
    assert.deepEqual(opened.problems, []);
    await opened.context.close();
  });
}

test("the damaged-link note at 360 px, in English too", async () => {
  const opened = await openPage(env, undefined, { viewport: { width: 360, height: 740 }, isMobile: true });
  const { page } = opened;
  await page.goto(`${env.base}#s=${base64url("null")}`);
  await damagedNote(page).waitFor();
  await screenshot(page, "share-link-damaged-360");
  await widget(page).evaluate((element) => element.setAttribute("lang", "en"));
  assert.equal(await damagedNote(page).textContent(), "The shared link is damaged and cannot be read; a blank form is shown instead.");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `fits 360 px: ${overflow}`);
  await opened.context.close();
});

test("the engine failing inside (a trap) is said in the results, and a fresh engine computes the next edit", async (t) => {
  // A portal's pack (聊城's document with LC-P-2 at 50%), so that the fresh
  // engine is seen to load it again; and a fault that makes the engine trap
  // on any report for the evaluation date 2099-12-31.
  const pack = JSON.parse(execFileSync(CLI, ["export-pack", path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml")], { encoding: "utf8" }));
  pack[0].rules.find((r) => r.id === "LC-P-2").calculation.share_percent = "50";
  const packFile = siteFile(t, "test-portal-pack.json", JSON.stringify(pack));
  calculatorPage(t, "engine-failure-test.html", 'policy-set="test-portal-pack.json"', { preloadGlue: false });
  const opened = await openPage(env);
  const { page } = opened;
  await injectEngineFault(page, "/pkg/sme_subsidy.js", "2099-12-31");
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/scenario.json"), "utf8"));
  await page.goto(`${env.base}engine-failure-test.html#s=${base64url(JSON.stringify({ ...example, evaluation_date: "2099-12-31" }))}`);
  const alert = widget(page).locator(".results .alert");
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /^测算程序在计算这组数据时出错，已重新启动。/);
  await screenshot(page, "engine-failure");
  const failedAt = opened.requests.length;

  // Another date: the fresh engine computes, with the portal's pack, as the
  // command line does with the same pack.
  await page.getByLabel("测算日期", { exact: true }).fill("2024-12-31");
  await widget(page).locator(".total").waitFor();
  const scenarioFile = siteFile(t, "test-scenario.json", JSON.stringify(await scenarioOf(page)));
  const report = JSON.parse(execFileSync(CLI, ["evaluate", scenarioFile, "--pack", packFile, "--format", "json"], { encoding: "utf8" }));
  assertSameAsEngine(assert, await shown(page), report);
  assert.equal(report.results.find((r) => r.rule_id === "LC-P-2").amount_yuan, "22500.00", "the portal's 50% of the 45,000 premium");
  // The fresh engine: the glue module once more and the portal's pack; the
  // compiled WebAssembly is reused, not downloaded again.
  const fetched = (name) => opened.requests.filter((u) => new URL(u).pathname + new URL(u).search === name).length;
  assert.deepEqual(
    ["/pkg/sme_subsidy_bg.wasm", "/pkg/sme_subsidy.js", "/pkg/sme_subsidy.js?instance=1", "/test-portal-pack.json"].map(fetched),
    [1, 1, 1, 2],
  );
  assert.equal(opened.requests.length, failedAt, "nothing more was fetched for the edit");
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("numbers JSON cannot carry (NaN, ±Infinity, 1e400) are refused at their field, in Chinese and English", async () => {
  const opened = await openPage(env, "");
  const { page } = opened;
  const refused = await page.evaluate(async (scenario) => {
    const { createCalculator } = await import("/calculator.js");
    const calculator = await createCalculator();
    const out = [];
    for (const [where, value] of [["rate", NaN], ["rate", Infinity], ["rate", 1e400], ["employees", -Infinity]]) {
      const copy = structuredClone(scenario);
      if (where === "rate") copy.loans[0].contract_rate_percent = value;
      else copy.enterprise.employees = value;
      try {
        calculator.evaluate(copy, "zh");
        out.push("evaluated");
      } catch (error) {
        out.push({ name: error.name, field: error.errors[0].field, zh: error.errors[0].zh, en: error.errors[0].en });
      }
    }
    return out;
  }, JSON.parse(fs.readFileSync(path.join(ROOT, "examples/scenario.json"), "utf8")));
  const [nan, infinity, huge, minus] = refused;
  for (const error of [nan, infinity, huge]) {
    assert.equal(error.field, "loans[0].contract_rate_percent");
  }
  assert.equal(minus.field, "enterprise.employees");
  for (const error of refused) {
    assert.equal(error.name, "InputError");
    assert.match(error.zh, /^数字超出可计算范围（或不是有限的数，如 NaN、Infinity）/);
    assert.match(error.en, /^number out of range/);
  }
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("a portal pack saved with a UTF-8 byte-order mark loads", async (t) => {
  // 聊城's document with LC-P-2 at 50%: the pack is in use when the policy
  // list shows the portal's file name.
  const pack = JSON.parse(execFileSync(CLI, ["export-pack", path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml")], { encoding: "utf8" }));
  pack[0].rules.find((r) => r.id === "LC-P-2").calculation.share_percent = "50";
  siteFile(t, "test-bom-pack.json", `\uFEFF${JSON.stringify(pack)}`);
  calculatorPage(t, "bom-pack-test.html", 'policy-set="test-bom-pack.json"');
  const opened = await openPage(env, "bom-pack-test.html");
  assert.match(await widget(opened.page).locator(".version").textContent(), /test-bom-pack\.json/);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

/** GET `pathname` from the test server: status and headers. */
function get(pathname) {
  return new Promise((resolve, reject) => {
    http.get(env.base + pathname.replace(/^\//, ""), (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers }));
    }).on("error", reject);
  });
}

test("serve.mjs: a broken %-escape is a 400, and the server goes on serving", async () => {
  assert.equal((await get("/%E0%A4%A")).status, 400);
  assert.equal((await get("/%")).status, 400);
  assert.equal((await get("/index.html")).status, 200);
});

test("only the iframe page may be framed (frame-ancestors), and then by the site's own pages", async (t) => {
  for (const [page, ancestors] of [["index.html", "'none'"], ["batch.html", "'none'"], ["institution.html", "'none'"], ["embed.html", "'self'"]]) {
    const { headers } = await get(`/${page}`);
    assert.match(headers["content-security-policy"], new RegExp(`; frame-ancestors ${ancestors}$`), page);
  }
  // In the browser: a page of the site framing both; only embed.html shows.
  siteFile(t, "framing-test.html", '<!doctype html><title>t</title><iframe id="a" src="index.html"></iframe><iframe id="b" src="embed.html"></iframe>');
  const opened = await openPage(env);
  const { page } = opened;
  await page.goto(`${env.base}framing-test.html`);
  await page.frameLocator("#b").locator("sme-subsidy-calculator .total").waitFor({ timeout: 20000 });
  const framed = await page.evaluate(() => {
    try {
      return document.getElementById("a").contentDocument?.querySelector("sme-subsidy-calculator") ? "shown" : "blocked";
    } catch {
      return "blocked";
    }
  });
  assert.equal(framed, "blocked");
  await opened.context.close();
});

test("BatchList.next refuses a slice size outside 1..100,000 with a bilingual error, and goes on", async () => {
  const PKG = path.join(ROOT, "target/npm-pkg-tools");
  const { initSync, Calculator } = await import(path.join(PKG, "sme_subsidy_tools.js"));
  initSync({ module: fs.readFileSync(path.join(PKG, "sme_subsidy_tools_bg.wasm")) });
  const template = execFileSync(CLI, ["batch-template"]);
  const list = new Calculator().batchFromCsv(template, "2024-12-31");
  for (const bad of [-1, 0, 1.5, NaN, 100001, 2 ** 32]) {
    assert.throws(() => list.next(bad), (error) => error.name === "BatchError" && /^每批行数须为 1 至 100000 的整数.* \/ rows per slice must be a whole number/.test(error.message), String(bad));
  }
  const slice = list.next(10);
  assert.equal(slice.rows.length, 1);
  assert.equal(slice.done, true);
  assert.equal(list.totalText(), "260,375.00");
});
