// 机构测算 (institution.html), filled in as a guarantor's or a bank's staff
// would: R-1 担保代偿补偿 across a tier boundary and past 8%, R-2 银担风险分担
// with a bank share below 20%, R-3 临海 rewards labelled 失效 with the 0.5%
// shown as a ceiling. Every figure is worked by hand from the seed text (the
// same figures as cli/tests/institution.rs). Also: a bad entry's message next to
// its field in both languages, no request after load, English, a 360-px
// phone, and axe-core.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, screenshot, seriousAxeViolations, start } from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Open the page; everything after the forms appear must make no request. */
async function openInstitution(options) {
  const opened = await openPage(env, undefined, options);
  await opened.page.goto(`${env.base}institution.html`);
  await opened.page.locator("#r1 .prompt").waitFor({ timeout: 20000 });
  for (const url of opened.requests) assert.ok(url.startsWith(env.base), `own asset only: ${url}`);
  opened.afterLoad = opened.requests.length;
  opened.hitsAtLoad = env.hits.length;
  return opened;
}

/** Nothing requested since the load — seen by the page and by the server — and no error. */
function assertQuiet({ requests, afterLoad, hitsAtLoad, problems }) {
  assert.deepEqual(requests.slice(afterLoad), [], "no request from the page after load");
  assert.deepEqual(env.hits.slice(hitsAtLoad), [], "no request reached the server after load");
  assert.deepEqual(problems, [], "no page error, console error or CSP violation");
}

/**
 * A text field by its accessible name. (getByLabel matches a label's whole
 * text, the hidden other language included; the accessible name is the
 * shown language's only.)
 */
function textbox(scope, name) {
  return scope.getByRole("textbox", { name, exact: true });
}

/** What a calculator's result card shows. */
function card(page, panel) {
  return page.locator(`#${panel} .result .card`);
}

async function result(page, panel) {
  const c = card(page, panel);
  return {
    status: (await c.getAttribute("class")).split(" ")[1],
    amount: await c.locator(".amount").getAttribute("data-amount"),
    amountText: (await c.locator(".amount").innerText()).trim(),
    steps: await c.locator(".steps li").allInnerTexts(),
    flags: await c.locator(".flags li").allInnerTexts(),
    cite: await c.locator(".citation .cite").innerText(),
    quote: await c.locator(".citation blockquote").innerText(),
  };
}

test("R-1 担保代偿补偿: the tiers as the pack reads them, a boundary, and the part above 8%", async () => {
  const opened = await openInstitution();
  const { page } = opened;
  const r1 = page.locator("#r1");

  // The pack's readings (本测算采用的解读, as the engine gives them) and every
  // tier's bounds, before anything is computed.
  const readings = r1.locator(".terms .readings li");
  assert.deepEqual(await readings.evaluateAll((lis) => lis.map((li) => li.dataset.reading)), ["tier_mode", "tier_top"]);
  assert.match(await readings.nth(0).locator("strong").innerText(), /^整档：全部代偿额按代偿率所在档的比例补偿/);
  assert.match(await readings.nth(0).locator(".others").innerText(), /其他解读（政策包可改选）：分段累进/);
  assert.match(await readings.nth(1).locator("strong").innerText(), /^不含上限：3%属于3%—5%档（60%）/);
  assert.match(await readings.nth(1).locator(".why").innerText(), /^理由：四档中只有最后一档写明“8%\(含\)”/);
  const rows = await r1.locator(".tiers tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.deepEqual(rows, [
    ["第1档", "0%（含）至1%（不含）", "100%"],
    ["第2档", "1%（含）至3%（不含）", "80%"],
    ["第3档", "3%（含）至5%（不含）", "60%"],
    ["第4档", "5%（含）至8%（含）", "50%"],
    ["超出部分", "代偿率超出 8% 的部分", "不予补偿"],
  ]);

  await r1.getByLabel("业务所属日期").fill("2024-12-31");
  await r1.getByLabel("担保代偿额").fill("1000000");
  await textbox(r1, "代偿率").fill("2");
  // 2% is in 「1%—3%」: 1,000,000 × 80% = 800,000.00; the two questions still open.
  let r = await result(page, "r1");
  assert.equal(r.amount, "800000.00");
  assert.equal(r.amountText, "800,000.00 元");
  assert.match(r.steps[1], /代偿率 2% 属于第2档（1%（含）至3%（不含）），补偿比例 80%/);
  assert.equal(await card(page, "r1").locator(".confirm li").count(), 2);

  // Exactly 3%: 「1%—3%」 stops short of 3% (only 8% carries 「(含)」), so
  // tier 3: 1,000,000 × 60% = 600,000.00.
  await textbox(r1, "代偿率").fill("3");
  r = await result(page, "r1");
  assert.equal(r.amount, "600000.00");
  assert.match(r.steps[1], /代偿率 3% 属于第3档（3%（含）至5%（不含）），补偿比例 60%/);

  // Exactly 8% is still 「5%—8%(含)」: 1,000,000 × 50% = 500,000.00, nothing excluded.
  await textbox(r1, "代偿率").fill("8");
  r = await result(page, "r1");
  assert.equal(r.amount, "500000.00");
  assert.ok(!r.steps.some((s) => s.includes("不予补偿")), r.steps.join("\n"));

  // Above 8%, the rate derived from its base: 1,200,000 / 10,000,000 = 12%.
  // 「超出8%的部分不予补偿」: counted 1,200,000 × 8% / 12% = 800,000
  // (400,000 excluded), at the last tier's 50% = 400,000.00.
  await r1.getByLabel("填写分母，由代偿额推算").check();
  await r1.getByLabel("担保代偿额").fill("1200000");
  await r1.getByLabel("代偿率的分母").fill("10000000");
  await r1.getByLabel("担保机构为市级政府性融资担保机构").selectOption({ label: "是" });
  await r1.getByLabel("代偿所涉业务为符合条件的政府性融资担保业务").selectOption({ label: "是" });
  r = await result(page, "r1");
  assert.equal(r.status, "computed");
  assert.equal(r.amount, "400000.00");
  assert.deepEqual(r.steps, [
    "代偿率 = 代偿额 1,200,000.00 元 / 分母 10,000,000.00 元 = 12%",
    "代偿率 12% 超出最后一档上限 8%：计入部分按第4档（5%（含）至8%（含））补偿比例 50%",
    "代偿率超出 8% 的部分不予补偿：计入代偿额 = 1,200,000.00 元 × 8% / 12% = 800,000 元，不予补偿 400,000 元",
    "补偿 = 计入的代偿额 800,000 元 × 50% = 400,000 元",
    "四舍五入到分：400,000 → 400,000.00 元",
  ]);
  assert.equal(await card(page, "r1").locator(".confirm li").count(), 0, "both conditions answered");
  assert.deepEqual(await card(page, "r1").locator(".readings li").evaluateAll((lis) => lis.map((li) => li.dataset.reading)), ["tier_mode", "tier_top"]);
  assert.equal(r.cite, "《聊城江北水城旅游度假区政府性融资担保体系建设工作方案》（聊江管办发〔2023〕3号）三、（三）");
  assert.match(r.quote, /5%—8%\(含\)四档，分别按照担保代偿额的100%、80%、60%、50%补偿；代偿率超出8%的部分不予补偿/);
  await screenshot(page, "institution-r1");
  assertQuiet(opened);
  await opened.context.close();
});

test("R-2 银担风险分担: the split, what 代偿 covers, and a bank share below 20% flagged", async () => {
  const opened = await openInstitution();
  const { page } = opened;
  const r2 = page.locator("#r2");
  await r2.getByLabel("适用条款").selectOption({ label: "WZ-R-2 银担风险分担（浙江省温州市 · 征求意见稿）" });
  const terms = await r2.locator(".terms").innerText();
  assert.match(terms, /征求意见稿/);
  assert.match(terms, /银行分担比例不低于 20%/);
  assert.match(terms, /代偿范围限于本金和正常利息：罚息、复利和其他费用不予代偿/);
  assert.match(terms, /代偿宽限期不少于 30 天/);
  assert.match(terms, /对担保机构免收保证金/);
  assert.match(terms, /担保机构代偿率放宽至 5%/);
  assert.doesNotMatch(terms, /null|undefined/, "no stray text in the terms (a rule without readings)");

  await r2.getByLabel("代偿发生日期").fill("2024-06-30");
  await r2.getByLabel("未偿还本金").fill("1000000");
  await r2.getByLabel("正常利息").fill("20000");
  await r2.getByLabel("罚息").fill("5000");
  await r2.getByLabel("银行分担比例").fill("20");
  await r2.getByLabel("代偿宽限期").fill("30");
  // Covered 1,000,000 + 20,000 = 1,020,000; guarantor × 80% = 816,000.00;
  // bank 1,020,000 − 816,000 = 204,000.00; 罚息 5,000 not compensated.
  let r = await result(page, "r2");
  assert.equal(r.amount, "816000.00");
  const split = async () => Object.fromEntries(await r2.locator(".split tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.split, tr.querySelector("td").innerText.trim()])));
  assert.deepEqual(await split(), {
    covered: "1,020,000.00 元", guarantor_pays: "816,000.00 元", bank_bears: "204,000.00 元", excluded: "5,000.00 元",
  });
  assert.deepEqual(r.flags, []);
  assert.match(r.steps[1], /罚息 5,000.00 元，合计 5,000.00 元：代偿范围限于本金和正常利息，不予代偿/);

  // 19.99%: guarantor 1,020,000 × 80.01% = 816,102.00; bank 203,898.00;
  // at 20% the bank would bear 204,000.00 — flagged with the clause.
  await r2.getByLabel("银行分担比例").fill("19.99");
  r = await result(page, "r2");
  assert.equal(r.amount, "816102.00");
  assert.equal((await split()).bank_bears, "203,898.00 元");
  assert.equal(r.flags.length, 1);
  assert.match(r.flags[0], /协议约定银行分担比例 19.99%，低于.*二、（四）；三、（二） 要求的不低于 20%；按 20% 计，银行应至少承担 204,000.00 元/);
  assert.equal(await card(page, "r2").locator(".flags li").getAttribute("data-flag"), "bank_share_below_minimum");
  assert.match(r.cite, /（征求意见稿）》二、（四）；三、（二）$/);

  // 「免收保证金」 (二、（四）) and 「代偿率放宽至5%」 (三、（二）): a deposit asked is
  // flagged; a payout rate of exactly 5% is within the tolerance; the split
  // stays 816,000.00 / 204,000.00 at 20%.
  await r2.getByLabel("银行分担比例").fill("20");
  await r2.getByLabel("银行要求的保证金").fill("50000");
  await r2.getByLabel("担保机构代偿率").fill("5");
  r = await result(page, "r2");
  assert.equal(r.amount, "816000.00");
  assert.equal(r.flags.length, 1);
  assert.match(r.flags[0], /银行要求担保机构缴存保证金 50,000.00 元/);
  assert.ok(r.steps.some((t) => /代偿率 5%，未超过放宽后的 5%/.test(t)), r.steps.join("\n"));
  await r2.getByLabel("银行要求的保证金").fill("0");
  r = await result(page, "r2");
  assert.deepEqual(r.flags, []);
  await screenshot(page, "institution-r2");
  assertQuiet(opened);
  await opened.context.close();
});

test("R-3 临海 rewards: labelled 失效, computed only inside 2021-08-27..2021-12-31, 0.5% as a ceiling", async () => {
  const opened = await openInstitution();
  const { page } = opened;
  const r3 = page.locator("#r3");
  // Labelled expired before anything is entered, and in the navigation.
  assert.match(await page.locator('.jump-nav a[href="#r3"]').innerText(), /已失效/);
  assert.match(await r3.locator("h2").innerText(), /金融机构奖补 已失效/);
  assert.match(await r3.locator(".banner.expired").innerText(), /已失效.*本文件已失效（有效期 2021-08-27 至 2021-12-31）/s);

  // Item 7 with today's date: outside the window, no amount.
  await r3.getByLabel("在集镇新设营业网点").fill("2");
  let r = await result(page, "r3");
  assert.equal(r.status, "outside_effective_dates");
  assert.equal(r.amount, null);
  assert.equal(r.amountText, "不在政策有效期内（2021-08-27 至 2021-12-31）");
  // Inside it: 2 × 100,000 + 1 × 200,000 = 400,000.00.
  await r3.getByLabel("业务所属日期").fill("2021-10-01");
  await r3.getByLabel("在浙江头门港经济开发区设立营业网点").fill("1");
  r = await result(page, "r3");
  assert.equal(r.amount, "400000.00");
  assert.deepEqual(r.steps.slice(0, 2), [
    "在集镇新设营业网点：2 × 100,000.00 元 = 200,000.00 元",
    "在浙江头门港经济开发区设立营业网点：1 × 200,000.00 元 = 200,000.00 元",
  ]);
  assert.match(await card(page, "r3").locator(".badges").innerText(), /已失效/);

  // Item 11: 「不高于0.5%」 of 150,000,000 = at most 750,000.00 (under the
  // 1,000,000 cap per institution) — a maximum, not an amount.
  await r3.getByLabel("适用条款").selectOption({ label: "LH-R-3-11 信保业务风险补偿（浙江省台州市临海市 · 已失效）" });
  assert.match(await r3.locator(".terms").innerText(), /比例上限：不高于 0.5%（上限，不是确定比例；测算结果为最高额）/);
  assert.equal(await r3.getByLabel("业务所属日期").inputValue(), "2021-10-01", "the date is kept across rules");
  await r3.getByLabel("业务所属日期").fill("2021-12-31");
  await r3.getByLabel("月均贷款余额").fill("150000000");
  await r3.getByLabel("本机构年末在保余额").fill("90000000");
  await r3.getByLabel("全市平均在保余额").fill("80000000");
  r = await result(page, "r3");
  assert.equal(r.status, "ceiling");
  assert.equal(r.amount, "750000.00");
  assert.equal(r.amountText, "最高 750,000.00 元");
  assert.equal(await card(page, "r3").locator(".amount-label").innerText(), "最高额（按比例上限算出，不是确定金额）");
  assert.match(r.steps.join("\n"), /最高额 = 150,000,000.00 元 × 比例上限 0.5%（文件规定「不高于0.5%」，非确定比例）= 750,000 元/);

  // Item 15, two loan businesses: 甲's first loan 12,000,000 counted up to
  // 10,000,000; 乙 (sales 20,000,000 ≤ 30,000,000) 5,000,000. At most
  // (10,000,000 + 5,000,000) × 0.5% = 75,000.00.
  await r3.getByLabel("适用条款").selectOption({ label: "LH-R-3-15 小微企业贷款风险补偿（浙江省台州市临海市 · 已失效）" });
  const line1 = r3.locator('[data-line="0"]');
  await line1.getByLabel("业务类别").selectOption({ label: "小微企业首贷户贷款" });
  await line1.getByLabel("月均贷款余额").fill("12000000");
  await textbox(line1, "借款企业").fill("临海甲公司");
  await r3.getByRole("button", { name: "＋ 添加一笔贷款业务" }).click();
  const line2 = r3.locator('[data-line="1"]');
  await line2.getByLabel("业务类别").selectOption({ label: "科技型企业贷款" });
  await line2.getByLabel("月均贷款余额").fill("5000000");
  await textbox(line2, "借款企业").fill("临海乙公司");
  await line2.getByLabel("借款企业年销售收入").fill("20000000");
  r = await result(page, "r3");
  assert.equal(r.status, "ceiling");
  assert.equal(r.amount, "75000.00");
  assert.match(r.steps.join("\n"), /临海甲公司（小微企业首贷户贷款）：月均余额合计 12,000,000.00 元，超过单户企业上限 10,000,000.00 元 → 计入 10,000,000.00 元/);
  assert.match(r.cite, /（临政办发〔2021〕47号）三、（四）15$/);
  // The per-enterprise limit's reading, with the result.
  assert.match(await card(page, "r3").locator('.readings li[data-reading="per_enterprise_cap"] strong').innerText(), /^按类别：首贷户贷款、科技型企业贷款各自以1000万元为限/);
  assert.doesNotMatch(await r3.locator("form").innerText(), /null|undefined/, "no stray text in the form");
  await screenshot(page, "institution-r3");
  assertQuiet(opened);
  await opened.context.close();
});

test("a bad entry: the engine's message next to its field, in Chinese and English; corrected, it goes", async () => {
  const opened = await openInstitution();
  const { page } = opened;
  const r2 = page.locator("#r2");
  await r2.getByLabel("未偿还本金").fill("1000000");
  await r2.getByLabel("正常利息").fill("0");
  const share = r2.getByLabel("银行分担比例");
  await share.fill("120");
  const error = r2.locator('[data-field="bank_share_percent"] .field-error');
  assert.equal(await error.isVisible(), true);
  assert.equal(await error.locator(".zh-msg").innerText(), "比率 120% 超出范围：请按百分数填写（如 2.5 表示 2.5%），且不超过100");
  assert.equal(await error.locator(".en-msg").innerText(), "rate 120% is out of range: enter a percentage (2.5 means 2.5%), at most 100");
  assert.equal(await share.getAttribute("aria-invalid"), "true");
  assert.match(await share.getAttribute("aria-describedby"), new RegExp(await error.getAttribute("id")));
  assert.equal(await card(page, "r2").count(), 0, "no result from bad input");
  assert.match(await r2.locator(".result .alert").innerText(), /请按提示修改标出的输入/);
  await screenshot(page, "institution-bad-input");

  // An amount the engine cannot read: located too.
  await share.fill("20");
  await r2.getByLabel("未偿还本金").fill("一百万");
  const principal = r2.locator('[data-field="outstanding_principal"] .field-error');
  assert.equal(await principal.isVisible(), true);
  assert.ok((await principal.locator(".zh-msg").innerText()).length > 0);
  assert.equal(await error.isVisible(), false, "the corrected field's message is gone");
  await r2.getByLabel("未偿还本金").fill("1000000");
  assert.equal(await principal.isVisible(), false);
  assert.equal((await result(page, "r2")).amount, "800000.00");
  assertQuiet(opened);
  await opened.context.close();
});

test("English: the switch shows the page and the engine's texts in English, keeping what was typed", async () => {
  const opened = await openInstitution();
  const { page } = opened;
  const r1 = page.locator("#r1");
  await r1.getByLabel("业务所属日期").fill("2024-12-31");
  await r1.getByLabel("担保代偿额").fill("1000000");
  await textbox(r1, "代偿率").fill("12");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "中文" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await textbox(r1, "Payout rate").inputValue(), "12");
  // 1,000,000 × 8/12 = 666,666.666… × 50% = 333,333.33.
  const r = await result(page, "r1");
  assert.equal(r.amount, "333333.33");
  assert.match(r.steps[2], /^the part of the rate above 8% is not compensated: counted payout = 1,000,000.00 × 8% \/ 12%/);
  assert.match(await r1.locator(".tiers tbody tr").first().innerText(), /Tier 1\s+0% \(incl\.\) to 1% \(excl\.\)\s+100%/);
  assert.match(await page.locator("#r3 .banner.expired").innerText(), /This document has expired \(in effect 2021-08-27 to 2021-12-31\)/);
  assert.equal(await page.locator("#r2 select").first().locator("option").first().innerText(), "LC-R-2 Bank–guarantor risk sharing (山东省聊城市江北水城旅游度假区)");
  await screenshot(page, "institution-english");
  assertQuiet(opened);
  await opened.context.close();
});

test("a 360-px phone: one column, nothing wider than the screen, large type and taps", async () => {
  const opened = await openInstitution(PHONE);
  const { page } = opened;
  const r1 = page.locator("#r1");
  await r1.getByLabel("业务所属日期").fill("2024-12-31");
  await r1.getByLabel("担保代偿额").fill("1000000");
  await textbox(r1, "代偿率").fill("3");
  assert.equal((await result(page, "r1")).amount, "600000.00");
  const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  assert.deepEqual(widths, [360, 360], "no sideways scrolling");
  const sizes = await page.evaluate(() => ({
    body: parseFloat(getComputedStyle(document.body).fontSize),
    input: document.querySelector("#r1 input[type=text]").getBoundingClientRect().height,
    button: document.getElementById("elder").getBoundingClientRect().height,
  }));
  assert.ok(sizes.body >= 18, `body text ${sizes.body}px`);
  assert.ok(sizes.input >= 44 && sizes.button >= 44, JSON.stringify(sizes));
  await screenshot(page, "institution-phone");
  await page.getByRole("button", { name: "长辈模式" }).click();
  assert.ok((await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))) >= 22);
  assert.deepEqual(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), [360, 360]);
  await page.locator("#r3").scrollIntoViewIfNeeded();
  await screenshot(page, "institution-phone-elder");
  assertQuiet(opened);
  await opened.context.close();
});

test("axe-core: no serious or critical accessibility violations (results, errors, English, phone)", async () => {
  const check = async (page, state) => assert.deepEqual(await seriousAxeViolations(page), [], state);
  const { page, context } = await openInstitution();
  await check(page, "empty forms");
  await page.locator("#r1").getByLabel("担保代偿额").fill("1000000");
  await textbox(page.locator("#r1"), "代偿率").fill("2");
  await page.locator("#r2").getByLabel("未偿还本金").fill("1000000");
  await page.locator("#r2").getByLabel("正常利息").fill("20000");
  await page.locator("#r2").getByLabel("银行分担比例").fill("10");
  await page.locator("#r3").getByLabel("在集镇新设营业网点").fill("x");
  await check(page, "results, a flag and an input error");
  await page.getByRole("button", { name: "English" }).click();
  await check(page, "English");
  await page.getByRole("button", { name: "Large text" }).click();
  await check(page, "large text");
  await context.close();
  const phone = await openInstitution(PHONE);
  await check(phone.page, "phone");
  await phone.context.close();
});
