// The page filled in as a user would, family by family: the amounts shown
// must equal the native engine's (the CLI) for the scenario the page built,
// no request may leave after the page has loaded, and the strict CSP the
// server sends must not break anything.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  assertSameAsEngine, currentUrl, engineReport, fillProfile, firstResult, openPage, scenarioOf, screenshot, shown, start, widget,
} from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PROFILE = {
  evaluation_date: "2024-12-31",
  enterprise: {
    region: { province: "山东省", city: "聊城市" },
    industry: "industry",
    employees: 120,
    operating_revenue: "48000000 CNY",
    total_assets: "60000000 CNY",
  },
};

/** Open the page; everything after the first result must make no request. */
async function openCalculator() {
  const opened = await openPage(env, "");
  opened.afterLoad = opened.requests.length;
  opened.hitsAtLoad = env.hits.length;
  for (const url of opened.requests) assert.ok(url.startsWith(env.base), `own asset only: ${url}`);
  return opened;
}

/** Nothing requested since the load — seen by the page and by the server — and no error. */
function assertQuiet({ requests, afterLoad, hitsAtLoad, problems }) {
  assert.deepEqual(requests.slice(afterLoad), [], "no request from the page after load");
  assert.deepEqual(env.hits.slice(hitsAtLoad), [], "no request reached the server after load");
  assert.deepEqual(problems, [], "no page error, console error or CSP violation");
}

test("贷款贴息: a patent-pledge loan, filled in as a user would, gives the engine's amounts", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  await fillProfile(page);
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("5000000");
  await loan.getByLabel("放款日（合同起始日）").fill("2024-06-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2025-06-01");
  await loan.getByLabel("专利权质押").check();
  await loan.getByLabel("贷款机构").selectOption({ label: "其他银行" });
  await loan.getByLabel("贷款投向").selectOption({ label: "一般生产经营" });
  await loan.getByText("更多信息（按政策需要填写）").click();
  await loan.getByLabel("已办理知识产权质押登记").selectOption({ label: "是" });
  await loan.getByLabel("按期还清本息").selectOption({ label: "是" });
  await loan.getByLabel("合同年利率").fill("3.95");

  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario, {
    ...PROFILE,
    loans: [{
      principal: "5000000 CNY", start_date: "2024-06-01", end_date: "2025-06-01", collateral: ["patent_pledge"],
      lender: "other_bank", purpose: "general", pledge_registered: true, repaid_on_schedule: true,
      contract_rate_percent: "3.95",
    }],
  });
  const report = engineReport(scenario);
  const i1 = report.results.find((r) => r.rule_id === "LC-I-1");
  assert.equal(i1.status, "eligible");
  assert.ok(Number(i1.amount_yuan) > 0);
  assertSameAsEngine(assert, await shown(page), report);

  // 按期还清本息 on a loan due 2025-06-01, evaluated 2024-12-31: the engine
  // says no answer settles it before the day after the end date, and the
  // card shows that date instead of 是/否 (a yes here would leave it open).
  const card = page.locator('.card[data-rule="LC-I-1"]');
  const due = i1.to_confirm.find((c) => c.key === "loans[0].repaid_on_schedule");
  assert.equal(due.answerable, false);
  assert.equal(due.answerable_from, "2025-06-02");
  const pending = card.locator('.confirm [data-pending="loans[0].repaid_on_schedule"]');
  assert.equal(await pending.textContent(), "到期后确认（2025-06-02起）");
  assert.equal(await card.locator('[data-answer="loans[0].repaid_on_schedule"]').count(), 0, "no yes/no buttons");
  await card.locator(".confirm").screenshot({ path: "test-artifacts/not-yet-due.png" });

  // The steps and the cited clause, on expanding the card.
  await card.getByRole("button", { name: "计算步骤与政策依据" }).click();
  const steps = await card.locator(".steps li").allTextContents();
  assert.deepEqual(steps, i1.steps.map((s) => s.text.zh));
  assert.equal(await card.locator(".cite").textContent(), i1.citation.text);
  // The clause's 牵头单位 and 责任单位, under the citation (聊城 2024 二、（四）14).
  assert.equal(await card.locator(".units").textContent(), i1.citation.units.zh);
  assert.match(i1.citation.units.zh, /^牵头单位：市市场监管局、人民银行聊城市分行；责任单位：市财政局/);
  assert.match(await card.locator("blockquote").textContent(), /贷款市场报价利率/);
  // 本测算采用的解读: each reading as the engine reports it, the one taken
  // with its reason and the others a portal's pack may choose.
  assert.equal(await card.locator(".readings h5").textContent(), "本测算采用的解读");
  const readings = await card.locator(".readings li").evaluateAll((items) => items.map((li) => ({
    id: li.dataset.reading,
    taken: li.querySelector("strong").textContent,
    why: li.querySelector(".why").textContent,
    others: li.querySelector(".others").textContent,
  })));
  assert.deepEqual(readings.map((g) => g.id), i1.readings.map((g) => g.id));
  assert.ok(readings.some((g) => g.id === "cap_year"));
  for (const [i, g] of i1.readings.entries()) {
    assert.equal(readings[i].taken, g.taken.zh);
    assert.equal(readings[i].why, `理由：${g.justification.zh}`);
    for (const alt of g.alternatives.filter((a) => !a.taken)) assert.ok(readings[i].others.includes(alt.label.zh), alt.value);
  }
  await card.screenshot({ path: "test-artifacts/readings-card.png" });
  await screenshot(page, "family-interest");
  assertQuiet(opened);
  await opened.context.close();
});

test("担保费补贴: guarantee and evaluation fee, with the 1% fee ceiling and G-1's unpublished rate", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  await fillProfile(page);
  await page.getByRole("tab", { name: "担保费补贴" }).click();
  const guarantee = page.locator('[data-item="guarantees[0]"]');
  await guarantee.getByLabel("担保金额").fill("5000000");
  await guarantee.getByLabel("实际支付担保费").fill("40000");
  await guarantee.getByLabel("担保费支付日期").fill("2024-06-01");
  await guarantee.getByLabel("担保期限").fill("12");
  await guarantee.getByLabel("纳入政府性融资担保业务").selectOption({ label: "是" });
  await guarantee.getByText("更多信息（按政策需要填写）").click();
  await guarantee.getByLabel("为专利权质押贷款提供的担保").selectOption({ label: "是" });
  await page.getByRole("button", { name: "添加一笔评估费" }).click();
  const fee = page.locator('[data-item="evaluation_fees[0]"]');
  await fee.getByLabel("实际支付评估费").fill("30000");
  await fee.getByLabel("评估费支付日期").fill("2024-06-01");
  await fee.getByLabel("因专利权质押贷款发生").selectOption({ label: "是" });
  await page.locator('[data-field="answers.fits_industry_policy"] select').selectOption({ label: "是" });

  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario, {
    ...PROFILE,
    loans: [{}],
    guarantees: [{ amount: "5000000 CNY", fee: "40000 CNY", fee_paid_date: "2024-06-01", term_months: 12, government_business: true, for_patent_pledge_loan: true }],
    evaluation_fees: [{ fee: "30000 CNY", paid_date: "2024-06-01", for_patent_pledge_loan: true }],
    answers: { fits_industry_policy: true },
  });
  const report = engineReport(scenario);
  const g2 = report.results.find((r) => r.rule_id === "LC-G-2");
  assert.equal(g2.amount_yuan, "35000.00"); // 20,000 (capped) + 15,000
  assertSameAsEngine(assert, await shown(page), report);
  const g1 = page.locator('.card[data-rule="LC-G-1"]');
  assert.equal(await g1.locator(".amount").textContent(), "金额未公布");
  assert.match(await g1.locator(".recipient").textContent(), /担保机构/);

  // A fee above 1% a year is not policy business: the card says why.
  await guarantee.getByLabel("实际支付担保费").fill("60000");
  const after = engineReport(await scenarioOf(page));
  assertSameAsEngine(assert, await shown(page), after);
  assert.match((await g1.locator(".reasons").textContent()) ?? "", /1%/);
  await screenshot(page, "family-guarantee");
  assertQuiet(opened);
  await opened.context.close();
});

test("保险保费补贴: first-set combined insurance and export credit insurance", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  await fillProfile(page);
  await page.getByLabel("年出口额（美元）").fill("3200000");
  await page.getByRole("tab", { name: "保险保费补贴" }).click();
  const first = page.locator('[data-item="insurance[0]"]');
  await first.getByLabel("险种").selectOption({ label: "产品综合险" });
  await first.getByLabel("投保的创新产品").selectOption({ label: "首台（套）技术装备" });
  await first.getByLabel("实际支付年度保费").fill("700000");
  await first.getByLabel("保险金额").fill("20000000");
  await first.getByLabel("保险起期").fill("2024-06-01");
  await page.getByRole("button", { name: "添加一张保单" }).click();
  const second = page.locator('[data-item="insurance[1]"]');
  await second.getByLabel("险种").selectOption({ label: "出口信用保险" });
  await second.getByLabel("实际支付年度保费").fill("45000");
  await second.getByLabel("保险起期").fill("2024-06-01");
  // Answer the 名单库 question where the result asks it (需满足 → 是).
  await page.locator('.card[data-rule="LC-P-1"] [data-answer="answers.on_first_set_list"][data-value="yes"]').click();

  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario, {
    ...PROFILE,
    enterprise: { ...PROFILE.enterprise, annual_exports: "3200000 USD" },
    loans: [{}],
    insurance: [
      { kind: "product_combined", product: "first_set_equipment", premium: "700000 CNY", insured_amount: "20000000 CNY", start_date: "2024-06-01" },
      { kind: "export_credit", premium: "45000 CNY", start_date: "2024-06-01" },
    ],
    answers: { on_first_set_list: true },
  });
  const report = engineReport(scenario);
  assert.equal(report.results.find((r) => r.rule_id === "LC-P-1").amount_yuan, "120000.00");
  assert.equal(report.results.find((r) => r.rule_id === "LC-P-2").amount_yuan, "45000.00");
  assertSameAsEngine(assert, await shown(page), report);
  await screenshot(page, "family-premium");
  assertQuiet(opened);
  await opened.context.close();
});

test("上市补助: tutoring filed; the cap is published, the stages are not", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  await fillProfile(page);
  await page.getByRole("tab", { name: "上市补助" }).click();
  await page.getByLabel("已达到的上市阶段").selectOption({ label: "辅导备案" });
  await page.getByLabel("申请募集资金规模").fill("600000000");
  assert.equal(await page.locator('[data-field="ipo.planned_fundraising"] .hint').textContent(), "= 6 亿元");
  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario, { ...PROFILE, loans: [{}], ipo: { stage_reached: "tutoring_filed", planned_fundraising: "600000000 CNY" } });
  const report = engineReport(scenario);
  assertSameAsEngine(assert, await shown(page), report);
  const ipo = page.locator('.card[data-rule="LC-IPO-1"]');
  assert.equal(await ipo.locator(".badge.status").textContent(), "符合条件，金额未公布");
  assert.match(await page.locator(".could-add").textContent(), /上市补助/);
  await screenshot(page, "family-ipo");
  assertQuiet(opened);
  await opened.context.close();
});

test("bad input: letters, negative numbers and absurd dates get a message next to the field", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  await fillProfile(page);
  const loan = page.locator('[data-item="loans[0]"]');
  const message = (path) => page.locator(`[data-field="${path}"] > .field-error`);

  await loan.getByLabel("贷款本金", { exact: true }).fill("abc");
  await assertMessage(message("loans[0].principal"));
  await page.getByLabel("从业人员", { exact: true }).fill("-5");
  await assertMessage(message("enterprise.employees"));
  await loan.getByLabel("放款日（合同起始日）").fill("2200-01-01");
  await assertMessage(message("loans[0].start_date"), /2200-01-01/);
  await loan.getByLabel("到期日", { exact: true }).fill("2199-01-01");
  await assertMessage(message("loans[0].end_date"), /须晚于起始日/);
  // The rest is still computed (the bad fields left out), and said so.
  assert.match(await page.locator(".results .alert").textContent(), /部分输入有误/);
  assert.ok(await page.locator(".total").isVisible());
  assert.equal(await loan.getByLabel("贷款本金", { exact: true }).getAttribute("aria-invalid"), "true");

  // A required date gone absurd: nothing can be computed, the field says why.
  await page.getByLabel("测算日期", { exact: true }).fill("2999-01-01");
  await assertMessage(message("evaluation_date"), /超出范围/);
  assert.match(await page.locator(".results .alert").textContent(), /请先修改/);
  await screenshot(page, "bad-input");

  // Corrected, the messages go and the results come back.
  await page.getByLabel("测算日期", { exact: true }).fill("2024-12-31");
  await loan.getByLabel("贷款本金", { exact: true }).fill("5000000");
  await page.getByLabel("从业人员", { exact: true }).fill("120");
  await loan.getByLabel("放款日（合同起始日）").fill("2024-06-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2025-06-01");
  assert.equal(await page.locator(".field-error:visible").count(), 0);
  assertSameAsEngine(assert, await shown(page), engineReport(await scenarioOf(page)));
  assertQuiet(opened);
  await opened.context.close();
});

async function assertMessage(locator, pattern = /./) {
  assert.ok(await locator.isVisible(), "message shown next to the field");
  assert.match(await locator.textContent(), pattern);
}

test("a 需补充信息 link takes the user to the field", async () => {
  const opened = await openCalculator();
  const { page } = opened;
  const link = page.locator('.card[data-rule="LC-I-1"] .missing button').first();
  const target = await link.getAttribute("data-focus");
  await link.click();
  const focused = await widget(page).evaluate((el) => el.shadowRoot.activeElement?.dataset.path);
  assert.equal(target, "enterprise.region");
  assert.equal(focused, "enterprise.region.province");
  await opened.context.close();
});

test("share link: the scenario travels in the #hash and comes back whole", async () => {
  const opened = await openCalculator();
  const { page, context } = opened;
  await fillProfile(page);
  const loan = page.locator('[data-item="loans[0]"]');
  await loan.getByLabel("贷款本金", { exact: true }).fill("5000000");
  await loan.getByLabel("专利权质押").check();
  await page.getByRole("tab", { name: "担保费补贴" }).click();
  assert.equal(new URL(await currentUrl(page)).hash, "", "the address holds nothing until the user shares");
  assertQuiet(opened);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "复制分享链接" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await currentUrl(page));
  assert.match(link, /#s=[\w-]+&f=guarantee_fee$/);
  const before = { view: await shown(page), scenario: await scenarioOf(page) };
  await context.close();

  const again = await openPage(env);
  await again.page.goto(link);
  await firstResult(again.page);
  assert.deepEqual(await scenarioOf(again.page), before.scenario);
  assert.deepEqual(await shown(again.page), before.view);
  assert.equal(await again.page.getByRole("tab", { name: "担保费补贴" }).getAttribute("aria-selected"), "true");
  await again.page.getByRole("tab", { name: "贷款贴息" }).click();
  assert.equal(await again.page.getByLabel("贷款本金", { exact: true }).inputValue(), "5000000");
  assert.ok(await again.page.getByLabel("专利权质押").isChecked());
  assert.equal(await again.page.getByLabel("所在城市", { exact: true }).inputValue(), "聊城市");
  await again.context.close();
});

test("the strict Content-Security-Policy is sent, enforced, and the page works under it", async () => {
  const opened = await openPage(env);
  const response = await opened.page.goto(env.base);
  assert.match(response.headers()["content-security-policy"], /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  await firstResult(opened.page);
  // Enforced: an inline script added now does not run.
  const ran = await opened.page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.inlineRan = true";
    document.body.append(s);
    return window.inlineRan === true;
  });
  assert.equal(ran, false);
  assert.ok(opened.problems.some((p) => /Content Security Policy/.test(p)), "the blocked inline script is reported");
  await opened.context.close();
});
