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
 * the built-in on_first_set_list, and the document carries PRODUCT. Written
 * into the site as `name` (removed when the test ends); returns its path.
 */
function portalPack(t, name) {
  const pack = JSON.parse(execFileSync(CLI, ["export-pack", path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml")], { encoding: "utf8" }));
  const p1 = pack[0].rules.find((r) => r.id === "LC-P-1");
  const confirm = p1.conditions.find((c) => c.test === "confirm");
  assert.equal(confirm.id, "on_first_set_list");
  Object.assign(confirm, { id: QUESTION.id, question: { zh: QUESTION.zh, en: QUESTION.en } });
  delete confirm.column;
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
  assert.deepEqual(await seriousAxeViolations(phone.page), []);
  assert.deepEqual(phone.problems, []);
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
