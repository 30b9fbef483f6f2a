// The bank products (policies/products.toml) on their example pages
// (www/examples/bank-*.html): each preset starts with the loan terms the
// product itself implies and nothing about the enterprise, shows only the
// rules it concerns with a total of those alone, in the bank's colours,
// and nothing is requested after the page has loaded.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  assertSameAsEngine, engineReport, onlyRules, openPage, scenarioOf, screenshot, seriousAxeViolations, shown, start, widget,
} from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The scenario a page starts with, its date (today) checked and set aside. */
async function startingScenario(page) {
  const { evaluation_date: date, ...rest } = await scenarioOf(page);
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  return rest;
}

async function fillProfile(root, p) {
  await root.getByLabel("测算日期", { exact: true }).fill(p.date);
  await root.getByLabel("所在省份", { exact: true }).fill(p.province);
  await root.getByLabel("所在城市", { exact: true }).fill(p.city);
  if (p.county) await root.getByLabel("县（市、区）（选填）").fill(p.county);
  await root.getByLabel("所属行业", { exact: true }).selectOption({ label: p.industry });
  await root.getByLabel("从业人员", { exact: true }).fill(p.employees);
  await root.getByLabel("上年营业收入", { exact: true }).fill(p.revenue);
}

/** The summary as shown: total label, total, scope line, could-add and not-in-total lines. */
function summary(page) {
  return widget(page).evaluate((el) => {
    const r = el.shadowRoot;
    const text = (selector) => r.querySelector(selector)?.textContent ?? null;
    const lines = (selector) => [...r.querySelectorAll(`${selector} li`)].map((li) => li.textContent);
    return {
      label: text(".total-label"),
      total: text(".total"),
      scope: text(".preset-scope"),
      couldAdd: lines(".could-add"),
      notInTotal: lines(".not-in-total"),
    };
  });
}

/** The accent as the widget paints it: the selected tab and the total. */
function accent(page) {
  return widget(page).evaluate((el) => {
    const r = el.shadowRoot;
    const tab = getComputedStyle(r.querySelector('[role="tab"][aria-selected="true"]'));
    return { tab: tab.backgroundColor, tabInk: tab.color, total: getComputedStyle(r.querySelector(".total")).color };
  });
}

const ruleIds = async (page) => Object.keys((await shown(page)).cards).sort();

test("碳减排贷款: the loan under the carbon-reduction tool, only LC-I-2, its 25BP shown outside the total", async () => {
  const opened = await openPage(env, "examples/bank-carbon-loan.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  assert.equal(await page.locator(".preset").textContent(), "当前产品：碳减排贷款");
  assert.deepEqual(await startingScenario(page), { enterprise: {}, loans: [{ label: "碳减排贷款", carbon_reduction_tool: true }] });
  assert.deepEqual(await ruleIds(page), ["LC-I-2"]);

  await fillProfile(page, { date: "2025-09-30", province: "山东省", city: "聊城市", industry: "工业（采矿、制造、电力热力燃气及水）", employees: "45", revenue: "18000000" });
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("10000000");
  await loan.getByLabel("放款日（合同起始日）").fill("2024-09-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2025-09-01");
  await loan.getByLabel("贷款机构").selectOption({ label: "地方法人银行" });
  await loan.getByLabel("贷款投向").selectOption({ label: "清洁能源" });
  await loan.getByText("更多信息（按政策需要填写）").click();
  assert.equal(await loan.getByLabel("纳入人民银行碳减排支持工具").inputValue(), "yes", "the product's own term, pre-filled");
  // The rate bounds the subsidy by the interest paid (3.2% → 324,444.44 for the 365 days).
  await loan.getByLabel("合同年利率").fill("3.2");

  const scenario = await scenarioOf(page);
  const report = engineReport(scenario);
  // 二、（三）10 「给予25BP贴息」, no cap, act/360 by year:
  //   2024-09-01 – 2024-12-31: 10,000,000 × 0.25% × 122/360 = 8,472.222…
  //   2025-01-01 – 2025-08-31: 10,000,000 × 0.25% × 243/360 = 16,875.00
  //   25,347.222… → 25,347.22 (rounded once, at the end).
  // The recipient is not settled by the text (it addresses the banks), so
  // it is not the enterprise's cash: the product's total is 0.00.
  assert.deepEqual(await shown(page), { total: "0.00", cards: { "LC-I-2": { status: "eligible", amount: "25347.22" } } });
  assertSameAsEngine(assert, await shown(page), onlyRules(report, ["LC-I-2"]));
  assert.ok(report.results.some((r) => r.rule_id === "LC-IPO-1"), "the engine evaluated every rule; the page shows the product's");
  assert.deepEqual(await summary(page), {
    label: "本产品可测算的企业补贴合计",
    total: "0.00 元",
    scope: "仅列出与「碳减排贷款」相关的 1 项政策；合计只含其中拨付给企业、可测算的金额。",
    couldAdd: [],
    notInTotal: ["碳减排贷款贴息：25,347.22 元，拨付对象：文件未明确"],
  });
  assert.deepEqual(await accent(page), { tab: "rgb(29, 107, 58)", tabInk: "rgb(255, 255, 255)", total: "rgb(29, 107, 58)" }, "theme-color #1d6b3a");
  await screenshot(page, "preset-carbon-loan");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("政府性融资担保贷款: the loan and its policy guarantee; only the guarantee rules, never the IPO grant", async () => {
  const opened = await openPage(env, "examples/bank-guaranteed-loan.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  assert.deepEqual(await startingScenario(page), {
    enterprise: {},
    loans: [{ label: "政府性融资担保贷款", collateral: ["guarantee_institution"] }],
    guarantees: [{ label: "政府性融资担保", government_business: true }],
  });
  assert.equal(await page.getByRole("tab", { name: "担保费补贴" }).getAttribute("aria-selected"), "true");
  const guarantee = page.locator('[data-item="guarantees[0]"]');
  assert.equal(await guarantee.getByLabel("纳入政府性融资担保业务").inputValue(), "yes");
  assert.deepEqual(await ruleIds(page), ["DZ-G-1", "JB-G-1", "LC-G-1", "LC-G-2", "LC-G-3", "WZ-G-1"]);

  await fillProfile(page, { date: "2024-12-31", province: "山东省", city: "聊城市", industry: "软件和信息技术服务业", employees: "60", revenue: "9000000" });
  await guarantee.getByLabel("担保金额").fill("5000000");
  await guarantee.getByLabel("实际支付担保费").fill("50000");
  await guarantee.getByLabel("担保费支付日期").fill("2024-06-01");
  await guarantee.getByLabel("担保期限").fill("12");
  // An IPO stage entered on another tab: the engine finds LC-IPO-1, the bank's page does not show it.
  await page.getByRole("tab", { name: "上市补助" }).click();
  await page.getByLabel("已达到的上市阶段").selectOption({ label: "辅导备案" });
  await page.getByRole("tab", { name: "担保费补贴" }).click();

  let report = engineReport(await scenarioOf(page));
  assert.equal(report.results.find((r) => r.rule_id === "LC-IPO-1").status, "amount_not_published");
  assert.equal(report.could_add.length, 2, "G-1 and the IPO grant in the full report");
  // 50,000 / 5,000,000 over 12 months = 1% a year: 「不超过1%」 includes 1%,
  // so G-1 applies; 「一定担保费补贴」 publishes no rate, paid to the guarantor.
  assertSameAsEngine(assert, await shown(page), onlyRules(report, ["JB-G-1", "LC-G-1", "WZ-G-1", "DZ-G-1", "LC-G-3", "LC-G-2"]));
  assert.deepEqual(await summary(page), {
    label: "本产品可测算的企业补贴合计",
    total: "0.00 元",
    scope: "仅列出与「政府性融资担保贷款」相关的 6 项政策；合计只含其中拨付给企业、可测算的金额。",
    couldAdd: ["政府性融资担保业务担保费补贴：金额未公布，文件规定「给予一定担保费补贴」，未公布补贴比例，由市财政部门确定"],
    notInTotal: [],
  });
  assert.doesNotMatch(await page.locator(".results").textContent(), /上市/);

  // Backing a patent-pledge loan, the fee is half paid (二、（四）14):
  // 50,000 × 50% = 25,000, above the 20,000 per-item cap → 20,000.00.
  await guarantee.getByText("更多信息（按政策需要填写）").click();
  await guarantee.getByLabel("为专利权质押贷款提供的担保").selectOption({ label: "是" });
  report = engineReport(await scenarioOf(page));
  assert.deepEqual((await shown(page)).cards["LC-G-2"], { status: "eligible", amount: "20000.00" });
  assert.equal((await shown(page)).total, "20000.00");
  assertSameAsEngine(assert, await shown(page), onlyRules(report, ["JB-G-1", "LC-G-1", "WZ-G-1", "DZ-G-1", "LC-G-3", "LC-G-2"]));

  // A fee of 60,000 is 1.2% a year: not policy business, the card says why.
  await guarantee.getByLabel("实际支付担保费").fill("60000");
  assert.equal((await shown(page)).cards["LC-G-1"].status, "not_eligible");
  assert.match(await page.locator('.card[data-rule="LC-G-1"] .reasons').textContent(), /1%/);
  assertSameAsEngine(assert, await shown(page), onlyRules(engineReport(await scenarioOf(page)), ["JB-G-1", "LC-G-1", "WZ-G-1", "DZ-G-1", "LC-G-3", "LC-G-2"]));
  assert.equal((await accent(page)).tab, "rgb(0, 95, 102)", "theme-color #005f66");

  // In English the could-add lines are still those of the product's rules.
  await guarantee.getByLabel("实际支付担保费").fill("50000");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "中文" }).waitFor();
  const english = await summary(page);
  assert.equal(english.label, "Computed subsidies for this product");
  assert.equal(english.scope, "Only the 6 policies concerning this product (Loan with a government financing guarantee) are listed; the total sums what they pay the enterprise.");
  assert.equal(english.couldAdd.length, 1);
  assert.match(english.couldAdd[0], /^Guarantee-fee subsidy for government financing-guarantee business: no published figure/);
  await screenshot(page, "preset-guaranteed-loan");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("科技贷: a loan and nothing about the enterprise; LH-I-3 and LC-I-1 only; theme-ink on the accent", async () => {
  const opened = await openPage(env, "examples/bank-tech-loan.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  assert.deepEqual(await startingScenario(page), { enterprise: {}, loans: [{ label: "科技贷" }] });
  const tech = page.getByRole("checkbox", { name: "科技型企业" });
  assert.equal(await tech.isChecked(), false, "科技型 is the enterprise's fact, not the product's");
  assert.deepEqual(await ruleIds(page), ["LC-I-1", "LH-I-3"]);

  await fillProfile(page, { date: "2021-12-31", province: "浙江省", city: "台州市", county: "临海市", industry: "软件和信息技术服务业", employees: "80", revenue: "22000000" });
  await tech.check();
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("8000000");
  await loan.getByLabel("放款日（合同起始日）").fill("2021-09-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2022-09-01");
  await loan.getByLabel("贷款机构").selectOption({ label: "科技支行" });
  await loan.getByText("更多信息（按政策需要填写）").click();
  await loan.getByLabel("月均贷款余额").fill("6500000");
  await loan.getByLabel("合同年利率").fill("4.35");

  const scenario = await scenarioOf(page);
  // 临政办发〔2021〕47号 三、（二）8, in force 2021-08-27 – 2021-12-31
  // (127 days). The loan, lent 2021-09-01, has 122 of them (30 + 31 + 30 +
  // 31; the balance_period reading: the effective period's months, each
  // loan for its own days): 6,500,000 × 122 / 127 = 6,244,094.488…;
  // × 2% = 124,881.889… → 124,881.89, under the 200,000 cap and under the
  // interest the 4.35% rate implies on that average (271,618.11). LC-I-1
  // (聊城, from 2024-04-20) is outside its dates on 2021-12-31.
  assert.deepEqual(await shown(page), {
    total: "124881.89",
    cards: { "LH-I-3": { status: "eligible", amount: "124881.89" }, "LC-I-1": { status: "outside_effective_dates", amount: null } },
  });
  assertSameAsEngine(assert, await shown(page), onlyRules(engineReport(scenario), ["LH-I-3", "LC-I-1"]));
  assert.deepEqual(await accent(page), { tab: "rgb(75, 46, 131)", tabInk: "rgb(255, 248, 225)", total: "rgb(75, 46, 131)" }, "theme-color #4b2e83, theme-ink #fff8e1");
  await screenshot(page, "preset-tech-loan");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("theming from the host's stylesheet: --sme-accent and --sme-accent-ink on the element; the attributes win", async () => {
  // The test adds a stylesheet to the page, which the page's CSP would refuse.
  const opened = await openPage(env, "examples/portal.html", { bypassCSP: true });
  const { page } = opened;
  await page.addStyleTag({ content: "sme-subsidy-calculator { --sme-accent: #5a3e00; --sme-accent-ink: #fffbe6; }" });
  await widget(page).evaluate((el) => el.removeAttribute("theme-color"));
  assert.deepEqual(await accent(page), { tab: "rgb(90, 62, 0)", tabInk: "rgb(255, 251, 230)", total: "rgb(90, 62, 0)" });
  await widget(page).evaluate((el) => el.setAttribute("theme-color", "#003a70"));
  assert.deepEqual(await accent(page), { tab: "rgb(0, 58, 112)", tabInk: "rgb(255, 251, 230)", total: "rgb(0, 58, 112)" });
  await opened.context.close();
});

test("the bank pages on a 360-px phone: nothing wider than the screen; axe-core finds nothing serious", async () => {
  for (const name of ["bank-carbon-loan", "bank-guaranteed-loan", "bank-tech-loan"]) {
    const opened = await openPage(env, `examples/${name}.html`, PHONE);
    const { page } = opened;
    assert.deepEqual(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), [360, 360], name);
    assert.doesNotMatch(await page.locator("body").innerText(), /undefined|NaN/, name);
    assert.deepEqual(opened.problems, []);
    await screenshot(page, `preset-${name}-360`);
    assert.deepEqual(await seriousAxeViolations(page), [], name);
    await opened.context.close();
  }
  const desktop = await openPage(env, "examples/bank-carbon-loan.html");
  assert.deepEqual(await seriousAxeViolations(desktop.page), [], "desktop");
  await desktop.context.close();
});
