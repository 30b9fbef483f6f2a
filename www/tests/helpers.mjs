// Shared by the browser tests: the site server, Debian's Chromium through
// playwright-core, the native engine (the CLI) to compare amounts with, and
// readers for what the page shows.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The built site (scripts/build-site.sh); SITE=dir for a build made with BUILD_OUT. */
export const SITE = process.env.SITE ? path.resolve(process.env.SITE) : path.join(ROOT, "target/site");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
/** The native engine, the command line (`cargo build`). */
export const CLI = path.join(ROOT, "target/debug/sme-subsidy");

/** The server and browser every test file shares; stop() when done. */
export async function start() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const hits = [];
  // The favicon is fetched by the browser itself, on its own schedule (at
  // times after the page has loaded); it is the site's icon and carries no
  // data, so it is not counted as a request of the page.
  const server = await serve(SITE, 0, (url) => url !== "/icon.svg" && hits.push(url));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    browser,
    /** Every path the server was asked for, in order. */
    hits,
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * A fresh context and page (Chinese locale, like the users'), recording
 * every request the page makes and every page error or CSP violation.
 * The service worker is blocked unless `serviceWorkers: "allow"`: it fetches
 * release files in the background, which the other tests' "no request after
 * load" would count; offline.test.mjs tests it.
 */
export async function openPage(env, url, options = {}) {
  const context = await env.browser.newContext({
    locale: "zh-CN", viewport: { width: 1280, height: 900 }, serviceWorkers: "block", ...options,
  });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  if (url !== undefined) {
    await page.goto(env.base + url);
    await firstResult(page);
  }
  return { context, page, requests, problems };
}

/** Wait until the calculator shows a total (the first result). */
export async function firstResult(page, root = page) {
  await root.locator("sme-subsidy-calculator .total").first().waitFor({ timeout: 20000 });
}

/** What the page shows: the total and, per rule, the status and amount (digits only). */
export function shown(root) {
  return root.locator("sme-subsidy-calculator").first().evaluate((element) => {
    const r = element.shadowRoot;
    const digits = (node) => (node ? node.textContent.replace(/[^\d.]/g, "") : null);
    const cards = {};
    for (const card of r.querySelectorAll(".card")) {
      cards[card.dataset.rule] = {
        status: card.classList[1],
        amount: digits(card.querySelector(".amount:not(.none)")),
      };
    }
    return { total: digits(r.querySelector(".total")), cards };
  });
}

/** The scenario the calculator holds. */
export function scenarioOf(root) {
  return widget(root).evaluate((element) => element.scenario);
}

/** The address now (page.url() lags behind history.replaceState). */
export function currentUrl(page) {
  return page.evaluate(() => location.href);
}

/**
 * The native engine's report for a scenario (`sme-subsidy evaluate --format
 * json`), with the command's further `options` (`--pack`, `--product`).
 */
export function engineReport(scenario, options = []) {
  const file = path.join(os.tmpdir(), `sme-scenario-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(scenario));
  try {
    return JSON.parse(execFileSync(CLI, ["evaluate", file, "--format", "json", ...options], { encoding: "utf8" }));
  } finally {
    fs.rmSync(file);
  }
}

/** Every card's status and amount equal the engine's, and so does the total. */
export function assertSameAsEngine(assert, view, report) {
  assert.equal(view.total, report.total_yuan, "total");
  assert.equal(Object.keys(view.cards).length, report.results.length, "one card per rule");
  for (const r of report.results) {
    assert.deepEqual(view.cards[r.rule_id], { status: r.status, amount: r.amount_yuan }, r.rule_id);
  }
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The calculator element; `.evaluate((el) => el.shadowRoot…)` reads inside it. */
export function widget(root) {
  return root.locator("sme-subsidy-calculator").first();
}

/**
 * The engine's report as a product preset shows it: only the preset's
 * rules, and the total of those that pay the enterprise (added in fen).
 */
export function onlyRules(report, ruleIds) {
  const results = report.results.filter((r) => ruleIds.includes(r.rule_id));
  const fen = results.filter((r) => r.counts_in_total).reduce((sum, r) => sum + BigInt(r.amount_yuan.replace(".", "")), 0n);
  return { ...report, results, total_yuan: `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}` };
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAxeViolations(page) {
  const require = createRequire(import.meta.url);
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * A fault in the engine's host, for the tests of recovery: the package's
 * glue module (`glue`, e.g. "/pkg/sme_subsidy.js"), as fetched by the page
 * or its workers, hands the module any text or bytes holding `sentinel`
 * (a scenario's field, a list's cell) by asking the module's allocator for
 * more memory than a 32-bit address space holds. The allocator refuses and
 * aborts: a real trap (`unreachable`) inside the WebAssembly, which no input
 * bound can rule out. A page that preloads the glue with an integrity hash
 * would refuse the changed file: use one that does not.
 */
export async function injectEngineFault(page, glue, sentinel) {
  const fault = `const faulty = (arg) => (typeof arg === "string" ? arg : new TextDecoder().decode(arg)).includes(${JSON.stringify(sentinel)}); if (faulty(arg)) malloc(2 ** 31, 1);`;
  const entries = ["function passStringToWasm0(arg, malloc, realloc) {", "function passArray8ToWasm0(arg, malloc) {"];
  await page.route((url) => url.pathname === glue, async (route) => {
    const response = await route.fetch();
    let source = await response.text();
    if (!source.includes(entries[0])) throw new Error(`${glue}: the string hand-over was not found`);
    for (const entry of entries) source = source.replace(entry, `${entry} ${fault}`);
    await route.fulfill({ response, body: source });
  });
}

/** The profile of a small 聊城 manufacturer (120 staff, revenue 48M, assets 60M), filled in as a user would. */
export async function fillProfile(page) {
  await page.getByLabel("测算日期", { exact: true }).fill("2024-12-31");
  await page.getByLabel("所在省份", { exact: true }).fill("山东省");
  await page.getByLabel("所在城市", { exact: true }).fill("聊城市");
  await page.getByLabel("所属行业", { exact: true }).selectOption({ label: "工业（采矿、制造、电力热力燃气及水）" });
  await page.getByLabel("从业人员", { exact: true }).fill("120");
  await page.getByLabel("上年营业收入", { exact: true }).fill("48000000");
  await page.getByLabel("资产总额", { exact: true }).fill("60000000");
}

/**
 * Fill the calculator as a user would: a small 聊城 manufacturer with one
 * 首台（套） product combined insurance policy, on the list (需满足 → 是).
 * 聊城 2024 二、（五）16: premium 700,000, insured 20,000,000; the premium
 * counted is at most 3% of the insured amount, min(700,000, 600,000) =
 * 600,000; × 20% = 120,000.00, under the 1,000,000 yearly cap; nothing else
 * pays, so the total is 120,000.00 (as in page.test.mjs, without the export
 * policy).
 */
export const FIRST_SET_AMOUNT = "120000.00";
export async function fillFirstSetInsurance(page) {
  await fillProfile(page);
  await page.getByRole("tab", { name: "保险保费补贴" }).click();
  const policy = page.locator('[data-item="insurance[0]"]');
  await policy.getByLabel("险种").selectOption({ label: "产品综合险" });
  await policy.getByLabel("投保的创新产品").selectOption({ label: "首台（套）技术装备" });
  await policy.getByLabel("实际支付年度保费").fill("700000");
  await policy.getByLabel("保险金额").fill("20000000");
  await policy.getByLabel("保险起期").fill("2024-06-01");
  await page.locator('.card[data-rule="LC-P-1"] [data-answer="answers.on_first_set_list"][data-value="yes"]').click();
}
