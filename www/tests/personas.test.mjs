// The outreach page (www/outreach.html) with its 演示企业 (personas.js):
// every sample enterprise loads with one click and gives the amounts its
// hand calculation below gives (and the native engine, the CLI, gives for
// the same scenario); 演示模式 enlarges the type beyond elder mode, puts the
// results first and is left by Esc or its button; nothing is requested
// after the page has loaded; axe-core finds nothing serious.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FAMILIES } from "../fields.js";
import { PERSONAS } from "../personas.js";
import {
  assertSameAsEngine, engineReport, openPage, scenarioOf, screenshot, seriousAxeViolations, shown, start, widget,
} from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * What each persona must show, worked out from the policy text. Amounts of
 * rules not listed are absent (not eligible, outside their dates).
 */
const EXPECTED = {
  // 聊城 二、（四）14, small (85 staff, revenue 36M, 工业).
  // LC-I-1: contract 2024-06-15 → 1-year LPR 3.45% (announced 2024-02-20);
  //   3,000,000 × 3.45% × 40% = 41,400 a year, 115 a day (act/360):
  //   2024: 200 days (06-15 – 12-31) × 115 = 23,000.00; 2025: 165 days
  //   (01-01 – 06-14) × 115 = 18,975.00; each under the 100,000 yearly cap
  //   and under the 3.85% interest (117,104.17): 41,975.00.
  // LC-G-2: 24,000 × 50% = 12,000 and 30,000 × 50% = 15,000, each under
  //   the 20,000 per-item cap: 27,000.00.
  // LC-G-1: 30,000 / 3,000,000 for 12 months = 1% (「不超过1%」 includes it):
  //   applies, 「一定」 — no figure, paid to the guarantor.
  // Total: 41,975.00 + 27,000.00 = 68,975.00.
  "patent-manufacturer": {
    size: "企业划型：小型企业",
    total: "68975.00",
    amounts: { "LC-I-1": "41975.00", "LC-G-2": "27000.00" },
    notPublished: ["LC-G-1"],
  },
  // 二、（六）20: small, exports US$3.8M ≤ US$5M → 100% of 38,000 = 38,000.00.
  "small-exporter": { size: "企业划型：小型企业", total: "38000.00", amounts: { "LC-P-2": "38000.00" }, notPublished: [] },
  // 二、（五）16: min(980,000, 28,000,000 × 3% = 840,000) × 20% = 168,000.00,
  // under the 1,000,000 yearly cap (420 staff, revenue 260M: 中型).
  "first-set-maker": { size: "企业划型：中型企业", total: "168000.00", amounts: { "LC-P-1": "168000.00" }, notPublished: [] },
  // 二、（六）18: the cap (6,000,000) is published, the stages are not:
  // no amount, nothing in the total.
  "ipo-candidate": { size: "企业划型：中型企业", total: "0.00", amounts: {}, notPublished: ["LC-IPO-1"] },
  // 二、（三）10, 25BP, act/360: 10,000,000 × 0.25% × 122/360 = 8,472.222…
  // (2024) + × 243/360 = 16,875.00 (2025) = 25,347.22; the recipient is not
  // settled by the text, so it is shown outside the total (0.00).
  "green-energy-borrower": { size: "企业划型：小型企业", total: "0.00", amounts: { "LC-I-2": "25347.22" }, notPublished: [] },
  // 临政办发〔2021〕47号 三、（二）8 on 2021-12-31 (in force 2021-08-27 –
  // 2021-12-31): 科技型, revenue 22M ≤ 30M, 科技支行: 6,500,000 × 2% =
  // 130,000.00, under the 200,000 cap.
  "linhai-tech-2021": { size: "企业划型：小型企业", total: "130000.00", amounts: { "LH-I-3": "130000.00" }, notPublished: [] },
};

test("the personas: every family, complete scenarios, sample data said so", () => {
  assert.deepEqual(PERSONAS.map((p) => p.id).sort(), Object.keys(EXPECTED).sort());
  // Every family has a rule that applies to some persona (the engine's verdict).
  const applying = PERSONAS.flatMap((p) => engineReport(p.scenario).results)
    .filter((r) => r.status === "eligible" || r.status === "amount_not_published");
  for (const family of FAMILIES) assert.ok(applying.some((r) => r.family === family.id), `a persona exercises ${family.id}`);
  for (const p of PERSONAS) {
    assert.match(p.scenario.enterprise.name, /（示例）$/, p.id);
    assert.ok(p.name.zh && p.name.en && p.description.zh && p.description.en, p.id);
    // A complete profile: the size can be classified and the region matched.
    const e = p.scenario.enterprise;
    assert.ok(e.region.province && e.region.city && e.industry && e.employees && e.operating_revenue && e.total_assets, p.id);
    assert.match(p.scenario.evaluation_date, /^\d{4}-\d{2}-\d{2}$/, p.id);
  }
  assert.equal(PERSONAS.find((p) => p.id === "linhai-tech-2021").scenario.evaluation_date, "2021-12-31");
});

test("outreach page: each persona loads with one click and shows its calculated amounts", async () => {
  const opened = await openPage(env, "outreach.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  const hitsAtLoad = env.hits.length;
  assert.equal(await page.locator("h1").first().textContent(), "政策宣讲工作台");
  assert.equal(await page.locator("section#calculator sme-subsidy-calculator").count(), 1, "the widget in its own section");

  for (const persona of PERSONAS) {
    const expected = EXPECTED[persona.id];
    const button = page.getByRole("button", { name: new RegExp(`^${persona.name.zh}`) });
    await button.click();
    assert.equal(await button.getAttribute("aria-pressed"), "true", persona.id);
    assert.deepEqual(await scenarioOf(page), persona.scenario, `${persona.id}: the whole scenario, as given`);
    assert.equal(await page.getByRole("tab", { name: FAMILIES.find((f) => f.id === persona.family).name.zh }).getAttribute("aria-selected"), "true");

    const view = await shown(page);
    assert.equal(view.total, expected.total, `${persona.id}: total`);
    for (const [rule, amount] of Object.entries(expected.amounts)) {
      assert.deepEqual(view.cards[rule], { status: "eligible", amount }, `${persona.id}: ${rule}`);
    }
    for (const rule of expected.notPublished) assert.equal(view.cards[rule].status, "amount_not_published", `${persona.id}: ${rule}`);
    const withAmounts = Object.entries(view.cards).filter(([, c]) => c.amount !== null).map(([rule]) => rule).sort();
    assert.deepEqual(withAmounts, Object.keys(expected.amounts).sort(), `${persona.id}: no other amount`);
    assert.equal(await page.locator(".summary .size").textContent(), expected.size);
    assert.equal(await page.locator(".persona-shown").textContent(), `演示企业（示例数据）：${persona.name.zh}`);
    // The same scenario through the native engine (sme-subsidy evaluate).
    assertSameAsEngine(assert, view, engineReport(persona.scenario));
    await screenshot(page, `persona-${persona.id}`);
  }

  // An edit makes it the user's own enterprise: the sample label goes.
  await page.getByLabel("从业人员", { exact: true }).fill("81");
  assert.equal(await page.locator(".persona-shown").count(), 0);
  assert.equal(await page.locator('[data-persona][aria-pressed="true"]').count(), 0);

  assert.deepEqual(opened.requests.slice(loaded), [], "no request from the page after load");
  assert.deepEqual(env.hits.slice(hitsAtLoad), [], "no request reached the server after load");
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

/** Type sizes and where things are, inside the widget. */
function measure(page) {
  return widget(page).evaluate((el) => {
    const r = el.shadowRoot;
    const px = (selector) => parseFloat(getComputedStyle(r.querySelector(selector)).fontSize);
    const app = r.querySelector(".app").getBoundingClientRect();
    return {
      input: px("input[data-path]"),
      total: px(".total"),
      amount: px(".card .amount"),
      resultsAboveForm: r.querySelector(".results").getBoundingClientRect().top < r.querySelector(".form").getBoundingClientRect().top,
      coversWindow: app.left === 0 && app.top === 0 && app.width === innerWidth && app.height === innerHeight,
      exitShown: r.querySelector(".present-exit").getClientRects().length > 0,
      focused: r.activeElement?.textContent ?? null,
    };
  });
}

test("演示模式: larger than elder mode, results first, covering the page; Esc and the button leave it", async () => {
  const opened = await openPage(env, "outreach.html");
  const { page } = opened;
  const loaded = opened.requests.length;
  await page.getByRole("button", { name: /^首台（套）装备制造企业/ }).click();
  const normal = await measure(page);
  assert.deepEqual([normal.input, normal.total, normal.resultsAboveForm, normal.exitShown], [16, 32, false, false]);

  await page.getByRole("button", { name: "长辈模式" }).click();
  const elder = await measure(page);
  await page.getByRole("button", { name: "长辈模式" }).click();

  const toggle = page.getByRole("button", { name: "演示模式", exact: true });
  await toggle.click();
  const presenting = await measure(page);
  assert.equal(await widget(page).getAttribute("presenting"), "");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  // clamp(22px, 1.4vw + 12px, 36px) at 1280 px: 17.92 + 12 = 29.92 px; the total 2.6em.
  assert.ok(presenting.input >= 29 && presenting.input > elder.input, `type ${normal.input} → elder ${elder.input} → presenting ${presenting.input}`);
  assert.ok(presenting.total >= 75 && presenting.total > elder.total, `total ${elder.total} → ${presenting.total}`);
  assert.ok(presenting.amount > elder.amount);
  assert.equal(presenting.resultsAboveForm, true, "results first");
  assert.equal(presenting.coversWindow, true, "the widget fills the screen");
  assert.equal(presenting.exitShown, true);
  assert.equal(presenting.focused, "退出演示模式（Esc）", "focus on the way out");
  assert.equal(await page.locator(".total").textContent(), "168,000.00 元");
  await screenshot(page, "presentation-mode");

  // A persona switched while presenting: still presenting.
  await page.getByRole("button", { name: /^小型外贸企业/ }).click();
  assert.equal(await page.locator(".total").textContent(), "38,000.00 元");
  assert.equal(await widget(page).getAttribute("presenting"), "");

  await page.keyboard.press("Escape");
  const left = await measure(page);
  assert.equal(await widget(page).getAttribute("presenting"), null);
  assert.deepEqual([left.input, left.total, left.resultsAboveForm, left.exitShown, left.coversWindow], [16, 32, false, false, false]);
  assert.equal(left.focused, "演示模式", "focus back on the toggle");

  await toggle.click();
  await page.getByRole("button", { name: "退出演示模式（Esc）" }).click();
  assert.equal(await widget(page).getAttribute("presenting"), null, "the exit button leaves it too");
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  assert.deepEqual(opened.requests.slice(loaded), []);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("the outreach page on a 360-px phone, presenting too: nothing wider than the screen, readable", async () => {
  const opened = await openPage(env, "outreach.html", PHONE);
  const { page } = opened;
  await page.getByRole("button", { name: /^专利权质押贷款的制造企业/ }).click();
  const fits = () => widget(page).evaluate((el) => {
    const app = el.shadowRoot.querySelector(".app");
    return [innerWidth, document.documentElement.scrollWidth, app.scrollWidth <= app.clientWidth];
  });
  assert.deepEqual(await fits(), [360, 360, true]);
  await screenshot(page, "outreach-360");
  await page.getByRole("button", { name: "演示模式", exact: true }).click();
  assert.deepEqual(await fits(), [360, 360, true], "presenting");
  assert.ok((await measure(page)).input >= 22);
  const total = await widget(page).evaluate((el) => {
    const node = el.shadowRoot.querySelector(".total");
    return { lines: Math.round(node.getBoundingClientRect().height / parseFloat(getComputedStyle(node).lineHeight)), text: node.textContent };
  });
  assert.deepEqual(total, { lines: 1, text: "68,975.00 元" }, "the total on one line");
  assert.doesNotMatch(await widget(page).evaluate((el) => el.shadowRoot.querySelector(".app").innerText), /undefined|NaN/);
  await page.screenshot({ path: "test-artifacts/presentation-360.png" });
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test("axe-core: no serious or critical findings on the outreach page (persona loaded, presenting, phone)", async () => {
  const opened = await openPage(env, "outreach.html");
  const { page } = opened;
  assert.deepEqual(await seriousAxeViolations(page), [], "as opened");
  await page.getByRole("button", { name: /^专利权质押贷款的制造企业/ }).click();
  await page.locator('.card[data-rule="LC-I-1"] .toggle').click();
  assert.deepEqual(await seriousAxeViolations(page), [], "persona loaded, steps shown");
  await page.getByRole("button", { name: "演示模式", exact: true }).click();
  assert.deepEqual(await seriousAxeViolations(page), [], "presenting");
  await opened.context.close();
  const phone = await openPage(env, "outreach.html", PHONE);
  await phone.page.getByRole("button", { name: /^拟上市企业/ }).click();
  assert.deepEqual(await seriousAxeViolations(phone.page), [], "phone");
  await phone.context.close();
});
