// 申报指引 in the browser: the portal's `region` attribute and the place
// select; a blank form says 待填写, never 「不符合条件」; a what-if amount equal
// to the command line's for the scenario it assumes; the checklist on one
// A4 page; no request beyond the site; axe clean; phone and elder-mode
// screenshots (looked at).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, CLI, SITE, fillProfile, firstResult, openPage, scenarioOf, screenshot, seriousAxeViolations, start, widget } from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

/** A host page with the widget and its attributes (served from the site's own folder). */
const hostPages = [];
after(() => hostPages.forEach((f) => fs.rmSync(f, { force: true })));
function hostPage(attributes) {
  const file = `apply-host-${Math.random().toString(36).slice(2)}.html`;
  hostPages.push(path.join(SITE, file));
  fs.writeFileSync(path.join(SITE, file),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>聊城门户</title><link rel="icon" href="icon.svg" type="image/svg+xml">` +
    `<script type="module" src="widget.js"></script></head><body><main><sme-subsidy-calculator ${attributes}></sme-subsidy-calculator></main></body></html>`);
  return file;
}

const inside = (page, selector) => widget(page).evaluate((el, s) => [...el.shadowRoot.querySelectorAll(s)].map((n) => n.textContent.trim()), selector);
const visibleText = (page) => widget(page).evaluate((el) => {
  // Text a user can see: not inside a closed <details> or hidden element.
  const out = [];
  const walk = (node) => {
    if (node.nodeType === 3) return out.push(node.textContent);
    if (node.nodeType !== 1) return;
    if (node.hidden || (node.tagName === "DETAILS" && !node.open)) {
      const summary = node.querySelector(":scope > summary");
      if (summary) walk(summary);
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(el.shadowRoot.querySelector(".app"));
  return out.join("");
});

test("a 聊城 portal's region attribute: only 聊城's policies listed, the others folded into one line", async () => {
  const opened = await openPage(env, hostPage('region="山东省聊城市"'));
  const { page, requests, problems } = opened;
  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario.enterprise.region, { province: "山东省", city: "聊城市" });
  const options = await widget(page).evaluate((el) => [...el.shadowRoot.querySelectorAll('select[data-kind="place"] option')].map((o) => o.value));
  assert.deepEqual(options, ["", "山东省聊城市", "山东省聊城市江北水城旅游度假区"]);
  const listed = await widget(page).evaluate((el) =>
    [...el.shadowRoot.querySelectorAll(".results > .card")].map((c) => c.dataset.rule).sort());
  assert.deepEqual(listed, ["JB-G-1", "LC-G-1", "LC-G-2", "LC-G-3", "LC-I-1", "LC-I-2", "LC-I-4", "LC-I-5", "LC-IPO-1", "LC-P-1", "LC-P-2", "LC-P-2B"]);
  const folded = await inside(page, "details.elsewhere > summary");
  assert.deepEqual(folded, ["其他地区的政策（3 项）"]);
  const away = await widget(page).evaluate((el) => [...el.shadowRoot.querySelectorAll("details.elsewhere .card")].map((c) => c.dataset.rule).sort());
  assert.deepEqual(away, ["DZ-G-1", "LH-I-3", "WZ-G-1"]);
  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => u.startsWith(env.base)), requests.filter((u) => !u.startsWith(env.base)).join("\n"));
  await opened.context.close();
});

test("the place select: choosing 临海 lists 临海's policy and folds the rest", async () => {
  const opened = await openPage(env, "");
  const { page } = opened;
  await page.getByLabel("所在地区", { exact: true }).selectOption("浙江省台州市临海市");
  await page.waitForFunction(() => document.querySelector("sme-subsidy-calculator").shadowRoot.querySelector("details.elsewhere"));
  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario.enterprise.region, { province: "浙江省", city: "台州市", county: "临海市" });
  const listed = await widget(page).evaluate((el) => [...el.shadowRoot.querySelectorAll(".results > .card")].map((c) => c.dataset.rule));
  assert.deepEqual(listed, ["LH-I-3"]);
  assert.deepEqual(await inside(page, "details.elsewhere > summary"), ["其他地区的政策（14 项）"]);
  await opened.context.close();
});

test("a blank form shows no 「不符合条件」: each policy says 待填写 and which fields; the first screen says what to fill first", async () => {
  const opened = await openPage(env, "", { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const { page } = opened;
  const text = await visibleText(page);
  assert.ok(!text.includes("不符合条件"), "no 不符合条件 on a blank form");
  const all = await widget(page).evaluate((el) => el.shadowRoot.querySelector(".results").textContent);
  assert.ok(!all.includes("不符合条件"), "none even in the details");
  const badges = await inside(page, ".results .badge.status");
  assert.ok(badges.every((b) => b === "待填写" || b.startsWith("不在政策有效期内")), badges.join(","));
  assert.ok(badges.filter((b) => b === "待填写").length >= 13);
  // The IPO grant, which the engine refuses without an IPO, waits instead.
  assert.deepEqual(await inside(page, '.card[data-rule="LC-IPO-1"] .pending li'), ["请填写所在地区", "请填写上市进展阶段"]);
  // What to do first, on the first screen.
  const first = page.locator(".first-steps");
  assert.equal(await first.locator("li").first().textContent(), "请填写所在地区");
  const box = await first.boundingBox();
  assert.ok(box && box.y + 60 < 740, `the first steps start on the first screen (y = ${box?.y})`);
  await screenshot(page, "apply-blank-360");
  await page.screenshot({ path: path.join(ARTIFACTS, "apply-blank-360-first-screen.png") });
  await first.locator("li button").first().click();
  await opened.context.close();
});

test("what-if: the amount shown equals the command line's for the scenario with the pledge registered", async () => {
  const opened = await openPage(env, "");
  const { page, requests } = opened;
  await fillProfile(page);
  await page.getByLabel("所在地区", { exact: true }).selectOption("山东省聊城市");
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("1000000");
  await loan.getByLabel("专利权质押").check();
  await loan.getByLabel("放款日（合同起始日）", { exact: true }).fill("2024-01-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2024-12-01");
  await loan.getByText("更多信息（按政策需要填写）").first().click();
  await loan.getByLabel("已办理知识产权质押登记", { exact: false }).selectOption({ label: "否" });
  await loan.getByLabel("按期还清本息", { exact: false }).selectOption({ label: "是" });
  await loan.getByLabel("实际支付利息", { exact: true }).fill("30000");
  const line = page.locator('.card[data-rule="LC-I-1"] .what-if');
  await line.waitFor();
  const said = await line.textContent();
  assert.match(said, /^假设 如办理知识产权质押登记手续，预计可获 [\d,]+\.\d\d 元/);
  const amount = said.match(/预计可获 ([\d,]+\.\d\d) 元/)[1].replace(/,/g, "");
  // The same scenario, the pledge registered, through the command line.
  const scenario = await scenarioOf(page);
  scenario.loans[0].pledge_registered = true;
  const file = path.join(ARTIFACTS, "apply-what-if-scenario.json");
  fs.writeFileSync(file, JSON.stringify(scenario));
  const report = JSON.parse(execFileSync(CLI, ["evaluate", file, "--format", "json"], { encoding: "utf8" }));
  const i1 = report.results.find((r) => r.rule_id === "LC-I-1");
  assert.equal(i1.status, "eligible");
  assert.equal(amount, i1.amount_yuan);
  assert.ok(Number(amount) > 0);
  await page.locator('.card[data-rule="LC-I-1"]').screenshot({ path: path.join(ARTIFACTS, "apply-what-if-card.png") });
  // Its bar is drawn, marked as assumed.
  assert.equal(await page.locator(".summary svg.chart .bar.assumed").count(), 1);
  assert.ok(requests.every((u) => u.startsWith(env.base)));
  await opened.context.close();
});

test("where to apply and the 申报准备清单 on one A4 page; axe clean; elder mode", async () => {
  const opened = await openPage(env, "");
  const { page, requests } = opened;
  await fillProfile(page);
  await page.getByLabel("所在地区", { exact: true }).selectOption("山东省聊城市");
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("3000000");
  await loan.getByLabel("专利权质押").check();
  await loan.getByLabel("放款日（合同起始日）", { exact: true }).fill("2024-01-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2024-12-01");
  await loan.getByText("更多信息（按政策需要填写）").first().click();
  await loan.getByLabel("已办理知识产权质押登记", { exact: false }).selectOption({ label: "是" });
  await loan.getByLabel("按期还清本息", { exact: false }).selectOption({ label: "是" });
  await loan.getByLabel("实际支付利息", { exact: true }).fill("30000");
  const card = page.locator('.card[data-rule="LC-I-1"]');
  await card.locator(".apply").waitFor();
  assert.match(await card.locator(".apply .apply-units").textContent(), /牵头单位：市市场监管局、人民银行聊城市分行/);
  assert.ok((await card.locator(".apply .evidence li").allTextContents()).includes("知识产权质押登记证明"));
  assert.match(await card.locator(".apply .deadline").textContent(), /文件未写明申报时限/);
  assert.equal(await card.locator("svg.chart.series .cap").count(), 1, "the interest rule's chart marks its cap");
  const list = page.locator(".checklist");
  assert.match(await list.locator("h4").first().textContent(), /知识产权质押贷款贴息 · 测算金额 [\d,]+\.\d\d 元/);
  assert.match(await list.locator(".checklist-meta").textContent(), /所在地区：山东省聊城市 · 测算日期：2024-12-31 · 打印日期：\d{4}-\d{2}-\d{2}/);
  assert.match(await list.locator(".cite").first().textContent(), /《关于加强财政金融协同联动支持全市经济高质量发展的实施方案》/);
  assert.deepEqual(await seriousAxeViolations(page), []);

  await widget(page).evaluate((el) => el.setAttribute("printing", "checklist"));
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, "apply-checklist.pdf"), pdf);
  await page.emulateMedia({ media: "print" });
  await widget(page).evaluate((el) => el.shadowRoot.querySelector(".checklist").scrollIntoView());
  await page.screenshot({ path: path.join(ARTIFACTS, "apply-checklist-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, "the checklist prints on one A4 page");
  await widget(page).evaluate((el) => el.removeAttribute("printing"));

  await page.getByRole("button", { name: "长辈模式" }).click();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, "apply-elder-360");
  await card.screenshot({ path: path.join(ARTIFACTS, "apply-elder-360-card.png") });
  await list.screenshot({ path: path.join(ARTIFACTS, "apply-elder-360-checklist.png") });
  await page.locator(".summary").screenshot({ path: path.join(ARTIFACTS, "apply-elder-360-summary.png") });
  await page.locator(".first-steps, .profile").first().screenshot({ path: path.join(ARTIFACTS, "apply-elder-360-profile.png") });
  assert.ok(requests.every((u) => u.startsWith(env.base)));
  await opened.context.close();
});
