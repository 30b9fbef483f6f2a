// A portal's own pack (the `policy-set` attribute, the batch page's
// data-policy-set): its own bank product and a question it renames work in
// the widget and in the batch page, as the command line's --pack does.

import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  assertSameAsEngine, CLI, engineReport, fillProfile, openPage, ROOT, scenarioOf, screenshot, seriousAxeViolations, shown, SITE, start, widget,
} from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The renamed question: LC-P-1's 名单库 question, as a portal asks it. */
const QUESTION = { id: "on_city_catalogue", zh: "投保产品已列入本市首台（套）产品推广目录", en: "The insured product is in the city's first-set promotion catalogue" };
/** The portal's own product. */
const PRODUCT = {
  id: "city-first-set",
  name: { zh: "本市首台（套）综合险", en: "City first-set combined insurance" },
  family: "premium",
  rules: ["LC-P-1", "LC-P-2"],
  insurance: [{ label: "首台（套）综合险", kind: "product_combined", product: "first_set_equipment" }],
};

/**
 * 聊城's document as a portal publishes it: LC-P-1 asks QUESTION instead of
 * the built-in on_first_set_list (its guide entry renamed with it), and the document carries PRODUCT. Written
 * into the site as `name` (removed when the test ends); returns its path.
 */
function portalPack(t, name) {
  const pack = JSON.parse(execFileSync(CLI, ["export-pack", path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml")], { encoding: "utf8" }));
  const p1 = pack[0].rules.find((r) => r.id === "LC-P-1");
  const confirm = p1.conditions.find((c) => c.test === "confirm");
  assert.equal(confirm.id, "on_first_set_list");
  Object.assign(confirm, { id: QUESTION.id, question: { zh: QUESTION.zh, en: QUESTION.en } });
  delete confirm.column;
  // Its 申报指引 entry names the condition by the question's id, so it follows the rename.
  for (const g of p1.guide ?? []) if (g.condition === "confirm.on_first_set_list") g.condition = `confirm.${QUESTION.id}`;
  pack[0].products = [PRODUCT];
  return siteFile(t, name, JSON.stringify(pack));
}

function siteFile(t, name, text) {
  const file = path.join(SITE, name);
  fs.writeFileSync(file, text);
  t.after(() => fs.rmSync(file, { force: true }));
  return file;
}

/** The calculator page with the portal's pack and its product. */
function productPage(t) {
  const packFile = portalPack(t, "test-portal-product-pack.json");
  const attributes = `policy-set="test-portal-product-pack.json" product="${PRODUCT.id}"`;
  const html = fs.readFileSync(path.join(SITE, "index.html"), "utf8").replace("<sme-subsidy-calculator standalone>", `<sme-subsidy-calculator standalone ${attributes}>`);
  assert.ok(html.includes(attributes));
  siteFile(t, "portal-product-test.html", html);
  return packFile;
}

test("a portal's own product in the widget: its terms, its rules only, the renamed question, the CLI's product total", async (t) => {
  const packFile = productPage(t);
  const opened = await openPage(env, "portal-product-test.html");
  const { page } = opened;
  assert.equal(await page.locator(".preset").textContent(), `当前产品：${PRODUCT.name.zh}`);
  const { evaluation_date: _, ...start } = await scenarioOf(page);
  assert.deepEqual(start, { enterprise: {}, insurance: PRODUCT.insurance });
  assert.equal(await page.getByRole("tab", { name: "保险保费补贴" }).getAttribute("aria-selected"), "true");
  assert.deepEqual(Object.keys((await shown(page)).cards).sort(), ["LC-P-1", "LC-P-2"]);

  await fillProfile(page);
  const policy = page.locator('[data-item="insurance[0]"]');
  await policy.getByLabel("实际支付年度保费").fill("700000");
  await policy.getByLabel("保险金额").fill("20000000");
  await policy.getByLabel("保险起期").fill("2024-06-01");
  // The portal's question, in its own words, in the tab's questions and on the card.
  await page.getByLabel(QUESTION.zh).waitFor();
  assert.equal((await shown(page)).cards["LC-P-1"].status, "eligible");
  assert.match(await page.locator('.card[data-rule="LC-P-1"] .confirm').textContent(), new RegExp(QUESTION.zh.replace(/[（）]/g, ".")));
  await page.locator(`.card[data-rule="LC-P-1"] [data-answer="answers.${QUESTION.id}"][data-value="yes"]`).click();
  // 聊城 2024 二、（五）16: min(700,000, 20,000,000 × 3%) = 600,000; × 20% =
  // 120,000.00, under the 1,000,000 yearly cap. LC-P-2 pays nothing without
  // an export-credit policy: the product's total is 120,000.00.
  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario.answers, { [QUESTION.id]: true });
  const view = await shown(page);
  assert.equal(view.total, "120000.00");
  assert.deepEqual(view.cards["LC-P-1"], { status: "eligible", amount: "120000.00" });
  // The command line with the same pack and product gives the same figures.
  const report = engineReport(scenario, ["--pack", packFile, "--product", PRODUCT.id]);
  assert.equal(report.total_yuan, "120000.00");
  assertSameAsEngine(assert, view, report);
  assert.equal(await widget(page).getAttribute("data-total"), "120000.00");
  assert.equal(await page.locator(".preset-scope").textContent(), `仅列出与「${PRODUCT.name.zh}」相关的 2 项政策；合计只含其中拨付给企业、可测算的金额。`);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();

  // On a 360-px phone: nothing wider than the screen; looked at in the screenshot.
  const phone = await openPage(env, "portal-product-test.html", PHONE);
  assert.deepEqual(await phone.page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), [360, 360]);
  await fillProfile(phone.page);
  const phonePolicy = phone.page.locator('[data-item="insurance[0]"]');
  await phonePolicy.getByLabel("实际支付年度保费").fill("700000");
  await phonePolicy.getByLabel("保险金额").fill("20000000");
  await phonePolicy.getByLabel("保险起期").fill("2024-06-01");
  await phone.page.locator(`.card[data-rule="LC-P-1"] [data-answer="answers.${QUESTION.id}"][data-value="yes"]`).click();
  assert.equal((await shown(phone.page)).total, "120000.00");
  await phone.page.locator(".results").scrollIntoViewIfNeeded();
  await screenshot(phone.page, "portal-product-360");
  await phone.page.locator(".results").screenshot({ path: path.join(ROOT, "test-artifacts", "portal-product-360-results.png") });
  assert.deepEqual(phone.problems, []);
  // (axe-core's own inline styles are refused by the page's CSP: checked last.)
  assert.deepEqual(await seriousAxeViolations(phone.page), []);
  await phone.context.close();
});

test("a portal product naming a rule the pack does not hold is refused, located", async (t) => {
  const pack = JSON.parse(fs.readFileSync(portalPack(t, "test-portal-product-pack.json"), "utf8"));
  pack[0].products[0].rules = ["LC-P-1", "LC-P-9"];
  siteFile(t, "test-bad-product-pack.json", JSON.stringify(pack));
  const html = fs.readFileSync(path.join(SITE, "index.html"), "utf8").replace("<sme-subsidy-calculator standalone>", '<sme-subsidy-calculator standalone policy-set="test-bad-product-pack.json">');
  siteFile(t, "bad-product-test.html", html);
  const opened = await openPage(env);
  await opened.page.goto(env.base + "bad-product-test.html");
  const alert = widget(opened.page).locator(".alert");
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /政策包加载失败.*\[0\]\.products\[0\]\.rules\[1\]: 产品 city-first-set 所列规则编号 LC-P-9 不在政策包中/);
  await opened.context.close();
});

/** Split one CSV line of the template (quoted cells hold thousands separators). */
function splitCsv(line) {
  return [...line.matchAll(/"([^"]*)"|([^,]*)/g)].filter((m, i, all) => m.index === 0 || line[m.index - 1] === ",")
    .map((m) => m[1] ?? m[2]);
}

async function download(page, selector, dir) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test("a portal's renamed question in the batch page: its column in the template and the column help, its answers read", async (t) => {
  const packFile = portalPack(t, "test-portal-question-pack.json");
  siteFile(t, "batch-portal-question-test.html", fs.readFileSync(path.join(SITE, "batch.html"), "utf8")
    .replace('<main id="batch"', '<main id="batch" data-policy-set="test-portal-question-pack.json"'));
  const dir = fs.mkdtempSync(path.join(ROOT, "test-artifacts", "portal-batch-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const column = `${QUESTION.zh}（是/否）`;

  // The command line's template for the same pack: the renamed question's column after 保险起期, the built-in one gone.
  const template = execFileSync(CLI, ["batch-template", "--pack", packFile], { encoding: "utf8" });
  const [header, example] = template.replace(/^\uFEFF/, "").trim().split(/\r?\n/).map(splitCsv);
  assert.equal(header[header.indexOf(column) - 1], "保险起期");
  assert.ok(!header.includes("列入首台套名单库（是/否）"));

  const opened = await openPage(env);
  const { page, context } = opened;
  await page.goto(env.base + "batch-portal-question-test.html");
  await page.locator('#batch[data-ready="true"]').waitFor({ timeout: 20000 });
  const ready = opened.requests.length;
  assert.equal(fs.readFileSync(await download(page, '[data-download="template"][data-format="csv"]', dir), "utf8"), template);
  await page.locator("#columns summary").click();
  const help = await page.locator("#columns li").allTextContents();
  assert.equal(help.length, header.length);
  assert.ok(help.some((line) => line.startsWith(column)), "the column help lists the renamed question");

  // The example enterprise answering 否 to the portal's question: LC-P-1
  // (min(700,000, 20,000,000 × 3%) × 20% = 120,000.00) is not met, so the
  // total is 260,375.00 − 120,000.00 = 140,375.00; the list is the CLI's.
  const answered = example.map((cell, i) => (header[i] === column ? "否" : cell));
  const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const listFile = path.join(dir, "名单.csv");
  fs.writeFileSync(listFile, "\uFEFF" + [header, answered].map((r) => r.map(cell).join(",")).join("\n") + "\n");
  await page.locator("#date").fill("2024-12-31");
  await page.locator("#file").setInputFiles(listFile);
  await page.locator("#start").click();
  await page.locator('#batch[data-state="done"]').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => {
    const outcome = document.getElementById("outcome");
    return outcome.dataset.wanted && outcome.dataset.rendered === outcome.dataset.wanted;
  });
  const rows = await page.locator("#table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows[0][5], "140,375.00");
  const cli = execFileSync(CLI, ["batch", listFile, "--date", "2024-12-31", "--pack", packFile], { stdio: ["ignore", "pipe", "pipe"] }).toString("utf8");
  assert.match(cli, /,140375\.00,/);
  assert.doesNotMatch(cli, /LC-P-1/);
  assert.equal(fs.readFileSync(await download(page, '[data-download="result"][data-format="csv"]', dir), "utf8"), cli);
  await screenshot(page, "batch-portal-question");
  assert.deepEqual(opened.requests.slice(ready), [], "nothing requested once ready");
  assert.deepEqual(opened.problems, []);
  await context.close();
});
