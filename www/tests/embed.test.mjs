// The widget in the example host pages (www/examples/): a portal page, a
// bank's 知识产权质押贷 product page, and the iframe embed. Each must
// compute the engine's amounts, keep the host's styles out, and make no
// request after loading.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertSameAsEngine, engineReport, firstResult, onlyRules, openPage, scenarioOf, screenshot, shown, start, widget } from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

/** Styles inside the widget, checked against the host page's own rules (examples/host.css). */
function widgetStyles(root) {
  return widget(root).evaluate((el) => {
    const r = el.shadowRoot;
    const tab = r.querySelector('[role="tab"][aria-selected="true"]');
    const other = r.querySelector('[role="tab"][aria-selected="false"]');
    return {
      selectedTab: getComputedStyle(tab).backgroundColor,
      otherTab: getComputedStyle(other).backgroundColor,
      font: getComputedStyle(r.querySelector(".title")).fontFamily,
      titleCase: getComputedStyle(r.querySelector(".title")).textTransform,
    };
  });
}

async function fillLiaocheng(root) {
  await root.getByLabel("测算日期", { exact: true }).fill("2024-12-31");
  await root.getByLabel("所在省份", { exact: true }).fill("山东省");
  await root.getByLabel("所在城市", { exact: true }).fill("聊城市");
  await root.getByLabel("所属行业", { exact: true }).selectOption({ label: "软件和信息技术服务业" });
  await root.getByLabel("从业人员", { exact: true }).fill("60");
  await root.getByLabel("上年营业收入", { exact: true }).fill("9000000");
}

test("portal page: the widget computes, in the host's colour, untouched by the host's styles", async () => {
  const opened = await openPage(env, "examples/portal.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  await fillLiaocheng(page);
  await page.getByRole("tab", { name: "担保费补贴" }).click();
  await page.getByRole("button", { name: "添加一笔评估费" }).click();
  await page.locator('[data-item="evaluation_fees[0]"]').getByLabel("实际支付评估费").fill("30000");
  await page.locator('[data-item="evaluation_fees[0]"]').getByLabel("因专利权质押贷款发生").selectOption({ label: "是" });
  await page.locator('[data-item="evaluation_fees[0]"]').getByLabel("评估费支付日期").fill("2024-06-01");
  const report = engineReport(await scenarioOf(page));
  assert.equal(report.results.find((r) => r.rule_id === "LC-G-2").amount_yuan, "15000.00");
  assertSameAsEngine(assert, await shown(page), report);
  const styles = await widgetStyles(page);
  assert.equal(styles.selectedTab, "rgb(0, 58, 112)", "theme-color #003a70");
  assert.equal(styles.otherTab, "rgb(255, 255, 255)", "not the host's pink buttons");
  assert.doesNotMatch(styles.font, /Georgia/, "not the host's serif font");
  assert.equal(styles.titleCase, "none");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await screenshot(page, "example-portal");
  await opened.context.close();
});

test("bank product page: the 知识产权质押贷 preset starts with a patent-pledge loan", async () => {
  const opened = await openPage(env, "examples/bank.html", { viewport: { width: 390, height: 844 }, isMobile: true });
  const { page } = opened;
  const loaded = opened.requests.length;
  assert.match(await page.locator(".preset").textContent(), /知识产权质押贷/);
  const loan = page.locator('[data-item="loans[0]"]');
  assert.ok(await loan.getByLabel("专利权质押").isChecked());
  await fillLiaocheng(page);
  await loan.getByLabel("贷款本金", { exact: true }).fill("3000000");
  await loan.getByLabel("放款日（合同起始日）").fill("2024-05-01");
  await loan.getByLabel("到期日", { exact: true }).fill("2025-05-01");
  await loan.getByText("更多信息（按政策需要填写）").click();
  await loan.getByLabel("合同年利率").fill("3.6");
  await loan.getByLabel("已办理知识产权质押登记").selectOption({ label: "是" });
  await loan.getByLabel("按期还清本息").selectOption({ label: "是" });
  const scenario = await scenarioOf(page);
  assert.deepEqual(scenario.loans, [{
    label: "知识产权质押贷", collateral: ["patent_pledge"], principal: "3000000 CNY", start_date: "2024-05-01",
    end_date: "2025-05-01", contract_rate_percent: "3.6", pledge_registered: true, repaid_on_schedule: true,
  }]);
  const report = engineReport(scenario);
  assert.equal(report.results.find((r) => r.rule_id === "LC-I-1").status, "eligible");
  // The preset shows its product's rules only (presets.test.mjs checks the others).
  assertSameAsEngine(assert, await shown(page), onlyRules(report, ["LC-I-1", "LC-G-2"]));
  assert.equal((await widgetStyles(page)).selectedTab, "rgb(0, 75, 141)", "theme-color #004b8d");
  const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  assert.deepEqual(widths, [390, 390], "fits the phone");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await screenshot(page, "example-bank-mobile");
  await opened.context.close();
});

test("iframe embed: configured by its query string, computes inside the frame", async () => {
  const opened = await openPage(env);
  const { page } = opened;
  await page.goto(`${env.base}examples/iframe.html`);
  const frame = page.frameLocator("iframe");
  await firstResult(page, frame);
  const loaded = opened.requests.length;
  const policy = frame.locator('[data-item="insurance[0]"]');
  assert.equal(await policy.getByLabel("险种").inputValue(), "product_combined");
  assert.equal(await policy.getByLabel("投保的创新产品").inputValue(), "first_set_equipment");
  await fillLiaocheng(frame);
  await policy.getByLabel("实际支付年度保费").fill("300000");
  await policy.getByLabel("保险金额").fill("8000000");
  await policy.getByLabel("保险起期").fill("2024-07-01");
  await frame.locator('.card[data-rule="LC-P-1"] [data-answer="answers.on_first_set_list"][data-value="yes"]').click();
  const report = engineReport(await scenarioOf(frame));
  // 20% × min(300,000, 8,000,000 × 3% = 240,000) = 48,000
  assert.equal(report.results.find((r) => r.rule_id === "LC-P-1").amount_yuan, "48000.00");
  assertSameAsEngine(assert, await shown(frame), onlyRules(report, ["LC-P-1"]));
  assert.equal((await widgetStyles(frame)).selectedTab, "rgb(0, 58, 112)");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await screenshot(page, "example-iframe");
  await opened.context.close();
});

test("Subresource Integrity: every script and stylesheet of the pages carries a hash, and a tampered file is refused", async () => {
  const opened = await openPage(env);
  const { page } = opened;
  const html = await (await page.request.get(`${env.base}examples/bank.html`)).text();
  assert.match(html, /<script type="module" src="..\/widget.js" integrity="sha384-[\w+/=]+"><\/script>/);
  for (const module of ["calculator.js", "fields.js", "pkg/sme_subsidy.js"]) {
    assert.match(html, new RegExp(`<link rel="modulepreload" href="../${module}" integrity="sha384-`), module);
  }
  const integrity = await (await page.request.get(`${env.base}integrity.json`)).json();
  assert.match(integrity["pkg/sme_subsidy_bg.wasm"], /^sha384-/);
  // A changed widget.js no longer matches its hash: the browser refuses it.
  await page.route("**/widget.js", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n// tampered` });
  });
  await page.goto(`${env.base}examples/bank.html`);
  await page.waitForTimeout(1000);
  assert.equal(await page.locator("sme-subsidy-calculator .total").count(), 0);
  assert.ok(opened.problems.some((p) => /integrity/i.test(p)), opened.problems.join("\n"));
  await opened.context.close();
});
