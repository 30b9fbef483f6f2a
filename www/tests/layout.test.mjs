// How the page adapts: a 360-px phone in WeChat's browser, elder mode,
// the printed sheet, English, accessibility (axe-core), and a browser
// without WebAssembly.

import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, test } from "node:test";
import { ROOT, engineReport, openPage, screenshot, shown, start, widget, assertSameAsEngine } from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const example = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/scenario.json"), "utf8"));
/** The README's example scenario, opened as a share link would. */
const EXAMPLE = `#s=${Buffer.from(JSON.stringify(example)).toString("base64url")}&f=interest`;

const WECHAT = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 13; V2166A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) " +
    "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
};

test("a 360-px phone in WeChat's browser: one column, nothing wider than the screen, taps big enough", async () => {
  const { page, context, problems } = await openPage(env, EXAMPLE, WECHAT);
  assertSameAsEngine(assert, await shown(page), engineReport(example));
  // A phone widens the layout viewport to fit wide content: it must stay 360.
  const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  assert.deepEqual(widths, [360, 360], "no sideways scrolling or zooming out");
  const layout = await widget(page).evaluate((el) => {
    const r = el.shadowRoot;
    const form = r.querySelector(".form").getBoundingClientRect();
    const results = r.querySelector(".results").getBoundingClientRect();
    // A checkbox is tapped through its whole label.
    const target = (c) => (c.type === "checkbox" ? c.closest("label") : c);
    const small = [...r.querySelectorAll("button, input, select")]
      .filter((c) => c.offsetParent && target(c).getBoundingClientRect().height < 32)
      .map((c) => c.outerHTML.slice(0, 80));
    return { stacked: results.top >= form.bottom, small };
  });
  assert.ok(layout.stacked, "results below the form on a phone");
  assert.deepEqual(layout.small, [], "every control at least 32 px tall");
  // The total follows the user down the long form; a tap shows the results.
  const jump = page.locator(".jump");
  assert.match(await jump.textContent(), /可测算的企业补贴合计 260,375\.00 元/);
  assert.ok(await jump.isVisible());
  await jump.click();
  assert.ok(await page.locator(".summary .total").isVisible());
  await screenshot(page, "mobile-360-wechat");
  assert.deepEqual(problems, []);
  await context.close();
});

test("elder mode: larger type and stronger contrast, switchable, remembered on this device only", async () => {
  const { page, context, problems } = await openPage(env, EXAMPLE, { viewport: { width: 390, height: 844 }, isMobile: true });
  const size = () => widget(page).evaluate((el) => {
    const input = el.shadowRoot.querySelector("input[data-path]");
    return { font: parseFloat(getComputedStyle(input).fontSize), height: input.getBoundingClientRect().height };
  });
  const normal = await size();
  const toggle = page.getByRole("button", { name: "长辈模式" });
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  const elder = await size();
  assert.ok(elder.font >= 20 && elder.font > normal.font, `larger type: ${normal.font} → ${elder.font}`);
  assert.ok(elder.height >= 52, "larger tap targets");
  assert.deepEqual(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), [390, 390], "still fits the phone");
  assert.equal(await page.evaluate(() => localStorage.getItem("sme-subsidy:elder")), "1");
  await screenshot(page, "elder-mode");
  await page.reload();
  await page.locator("sme-subsidy-calculator .total").waitFor();
  assert.equal(await widget(page).getAttribute("elder"), "", "remembered after a reload");
  await page.getByRole("button", { name: "长辈模式" }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem("sme-subsidy:elder")), null, "and forgotten when switched off");
  assert.deepEqual(problems, []);
  await context.close();
});

test("print: one A4 sheet with the results, steps, citations, the estimate date and the print date", async () => {
  const { page, context } = await openPage(env, EXAMPLE);
  await page.emulateMedia({ media: "print" });
  const sheet = await widget(page).evaluate((el) => {
    const r = el.shadowRoot;
    const visible = (selector) => [...r.querySelectorAll(selector)].some((n) => n.getClientRects().length > 0);
    return {
      form: visible(".form"),
      tools: visible(".tools"),
      head: r.querySelector(".print-head").innerText,
      steps: visible('.card[data-rule="LC-I-1"] .steps li'),
      citation: r.querySelector('.card[data-rule="LC-I-1"] .cite').getClientRects().length > 0,
      notice: r.querySelector(".summary .notice").innerText,
    };
  });
  assert.equal(sheet.form, false, "no form on paper");
  assert.equal(sheet.tools, false, "no buttons on paper");
  assert.match(sheet.head, /测算日期：2024-12-31/);
  assert.match(sheet.head, /打印日期：\d{4}-\d{2}-\d{2}/);
  assert.ok(sheet.steps && sheet.citation, "steps and citation printed without expanding");
  assert.equal(sheet.notice, "测算结果仅供参考，以主管部门审核为准");
  await screenshot(page, "print-media");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(ROOT, "test-artifacts/print.pdf"), pdf);
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length;
  assert.equal(pages, 1, "one page");
  await context.close();
});

test("English: the switch re-renders the form and the engine's report in English", async () => {
  const { page, context, problems } = await openPage(env, EXAMPLE);
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "中文" }).waitFor();
  assert.ok(await page.getByLabel("Principal").first().isVisible());
  const card = page.locator('.card[data-rule="LC-I-1"]');
  assert.equal(await card.locator("h4").textContent(), engineReport(example).results.find((r) => r.rule_id === "LC-I-1").name.en);
  assert.equal(await page.locator(".summary .notice").textContent(), "Estimates for reference only; the competent department's review decides.");
  // The Chinese notice stays on the page in English too (footer).
  assert.match(await page.locator(".footer").textContent(), /测算结果仅供参考，以主管部门审核为准/);
  await screenshot(page, "english");
  assert.deepEqual(problems, []);
  await context.close();
});

test("axe-core: no serious or critical accessibility violations (main states, elder mode, phone)", async () => {
  const require = createRequire(import.meta.url);
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const check = async (page, state) => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
    });
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, [], `${state}: ${JSON.stringify(bad, null, 1)}`);
  };
  const { page, context } = await openPage(env, EXAMPLE);
  await page.locator('.card[data-rule="LC-I-1"] .toggle').click();
  await page.locator('[data-item="loans[0]"] summary').click();
  await check(page, "results expanded");
  await page.getByRole("tab", { name: "担保费补贴" }).click();
  await page.getByLabel("担保金额").fill("abc");
  await check(page, "input error shown");
  await page.getByRole("button", { name: "长辈模式" }).click();
  await check(page, "elder mode");
  await context.close();
  const phone = await openPage(env, EXAMPLE, WECHAT);
  await check(phone.page, "phone");
  await phone.context.close();
});

test("a browser without WebAssembly gets a clear message, not a blank page", async () => {
  const { page, context } = await openPage(env);
  await page.addInitScript(() => {
    delete window.WebAssembly;
  });
  await page.goto(env.base);
  const message = page.locator("sme-subsidy-calculator .alert");
  await message.waitFor();
  assert.match(await message.textContent(), /不支持 WebAssembly/);
  await screenshot(page, "no-webassembly");
  await context.close();
});
