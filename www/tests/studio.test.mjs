// 政策包工作台 (studio.html), used as a finance bureau's officer would: open
// the 聊城 2024 document, raise LC-P-1's share from 20% to 30% in the form,
// see whom it affects, publish, and load the published pack in the widget
// through policy-set. Also: a pack with five distinct mistakes gives five
// errors at their lines; nothing is sent anywhere; axe-core; 360 px.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { CLI, ROOT, SITE, openPage, screenshot, seriousAxeViolations, shown, start } from "./helpers.mjs";
import { PERSONAS } from "../personas.js";

let env;
before(async () => (env = await start()));
after(() => env.stop());

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LIAOCHENG = "001-liaocheng-fiscal-finance-2024";

/** Open the studio; everything after the editor is checked must make no request to the server. */
async function openStudio(options) {
  const opened = await openPage(env, undefined, options);
  await opened.page.goto(`${env.base}studio.html`);
  await opened.page.locator("#check-status.good").waitFor({ timeout: 20000 });
  for (const url of opened.requests) assert.ok(url.startsWith(env.base), `own asset only: ${url}`);
  opened.afterLoad = opened.requests.length;
  opened.hitsAtLoad = env.hits.length;
  return opened;
}

/** After load: nothing reached the server, the page asked only for its own downloads (blob:), no error. */
function assertQuiet({ requests, afterLoad, hitsAtLoad, problems }) {
  assert.deepEqual(requests.slice(afterLoad).filter((u) => !u.startsWith("blob:")), [], "no request from the page after load");
  assert.deepEqual(env.hits.slice(hitsAtLoad), [], "no request reached the server after load");
  assert.deepEqual(problems, [], "no page error, console error or CSP violation");
}

async function openDocument(page, folder) {
  await page.getByLabel("从内置文件开始").selectOption(folder);
  await page.getByRole("button", { name: "打开", exact: true }).click();
  await page.locator("#check-status.good").waitFor();
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
  return fs.readFileSync(await file.path(), "utf8");
}

const tmp = (name, text) => {
  const file = path.join(os.tmpdir(), `sme-studio-${process.pid}-${name}`);
  fs.writeFileSync(file, text);
  return file;
};

test("LC-P-1 from 20% to 30%: the preview, the published pack, and the widget loading it agree", async (t) => {
  const opened = await openStudio();
  const { page } = opened;
  await openDocument(page, LIAOCHENG);
  const original = await page.locator("#source").inputValue();
  assert.equal(original, fs.readFileSync(path.join(ROOT, "policies", LIAOCHENG, "pack.toml"), "utf8"));
  await page.locator("#no-change").waitFor();

  // The form: LC-P-1's share, written back into the TOML with every comment kept.
  await page.getByLabel("要修改的规则").selectOption("LC-P-1");
  const share = page.locator('[data-key="calculation.share_percent"]');
  assert.equal(await share.inputValue(), "20");
  await share.fill("30");
  await share.press("Tab");
  await page.locator("table.preview").first().waitFor();
  const edited = await page.locator("#source").inputValue();
  const changedLines = original.split("\n").map((line, i) => [line, edited.split("\n")[i]]).filter(([a, b]) => a !== b);
  assert.deepEqual(changedLines, [['share_percent = "20"', 'share_percent = "30"']]);

  // 聊城 2024 二、（五）16: 「按照不高于3%的费率上限及实际投保年度保费20%的比例，给予单户企业年度最高100万元的保费补贴」.
  // The first-set persona: premium 980,000 on an insured 28,000,000; 3% of it is 840,000, so the
  // premium counted is min(980,000, 840,000) = 840,000. At 20%: 168,000.00; at 30%: 252,000.00
  // (under the 1,000,000 yearly cap): +84,000.00. No other persona has an LC-P-1 policy.
  const row = page.locator('tr[data-subject="first-set-maker"][data-rule="LC-P-1"]');
  const cells = await row.locator("td.num").allInnerTexts();
  assert.match(cells[0], /^168,000\.00\n/);
  assert.match(cells[1], /^252,000\.00\n/);
  assert.equal(cells[2], "+84,000.00");
  assert.equal(await page.locator('#preview-body table').first().locator("tr[data-rule]").count(), 1, "one persona, one rule changes");
  // The golden cases of P-1 are listed as no longer holding (worked by hand at 20%).
  const broken = page.locator('tr[data-subject="cases/p1/01-ordinary.toml"][data-rule="LC-P-1"]');
  assert.match(await broken.innerText(), /40,000\.00[\s\S]*60,000\.00[\s\S]*\+20,000\.00/);
  assert.match(await broken.locator(".breaks").innerText(), /手算预期 40,000\.00：不再相符/);
  await screenshot(page, "studio-preview");

  // Publish: the JSON is export-pack's for the edited TOML, with its SRI hash.
  const json = await download(page, "#download-json");
  const exported = execFileSync(CLI, ["export-pack", tmp("edited.toml", edited)], { encoding: "utf8" });
  assert.equal(json + "\n", exported);
  const integrity = `sha384-${crypto.createHash("sha384").update(json, "utf8").digest("base64")}`;
  assert.equal(await page.locator("#integrity").innerText(), integrity);
  const url = "/sme-subsidy/packs/liaocheng-2024-fiscal-finance.json";
  assert.equal(await page.locator("#url").inputValue(), url);
  assert.equal(await page.locator("#snippet").innerText(),
    `<script type="module" src="/sme-subsidy/widget.js"></script>\n<sme-subsidy-calculator policy-set="${url}"\n  policy-set-integrity="${integrity}"></sme-subsidy-calculator>\n`);

  // The golden cases as a bundle the CLI runs: every case of the document,
  // those of P-1 failing on their hand-worked 20% figures until worked again.
  const bundle = await download(page, "#download-cases");
  const run = spawnSync(CLI, ["test", tmp("cases.toml", bundle)], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stdout);
  const failing = run.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
  const cases = fs.readdirSync(path.join(ROOT, "policies", LIAOCHENG, "cases"), { recursive: true }).filter((f) => f.endsWith(".toml"));
  assert.match(run.stdout, new RegExp(`${cases.length - failing.length} passed, ${failing.length} failed`));
  assert.ok(failing.length > 0 && failing.every((l) => / — P-1 /.test(l)), failing.join("\n"));
  assertQuiet(opened);
  await opened.context.close();

  // The widget loads the published file through policy-set and computes the preview's amount.
  const packFile = path.join(SITE, "test-studio-pack.json");
  fs.writeFileSync(packFile, json);
  const pageFile = path.join(SITE, "test-studio-widget.html");
  fs.writeFileSync(pageFile, fs.readFileSync(path.join(SITE, "index.html"), "utf8")
    .replace("<sme-subsidy-calculator standalone>", `<sme-subsidy-calculator standalone policy-set="test-studio-pack.json" policy-set-integrity="${integrity}">`));
  t.after(() => [packFile, pageFile].forEach((f) => fs.rmSync(f, { force: true })));
  const scenario = PERSONAS.find((p) => p.id === "first-set-maker").scenario;
  const widgetPage = await openPage(env, `test-studio-widget.html#s=${Buffer.from(JSON.stringify(scenario)).toString("base64url")}`);
  const view = await shown(widgetPage.page);
  assert.equal(view.cards["LC-P-1"].amount, "252000.00");
  assert.equal(view.total, "252000.00");
  assert.ok(widgetPage.requests.some((u) => u.endsWith("/test-studio-pack.json")));
  assert.deepEqual(widgetPage.problems, []);
  await widgetPage.context.close();

  // A file changed after publishing (here one byte) does not match the hash: the widget refuses it.
  fs.writeFileSync(packFile, json.replace('"share_percent": "30"', '"share_percent": "31"'));
  const tampered = await openPage(env);
  await tampered.page.goto(`${env.base}test-studio-widget.html`);
  const alert = tampered.page.locator("sme-subsidy-calculator").locator(".alert");
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.innerText(), /加载失败/);
  await tampered.context.close();
});

test("a pack with five distinct mistakes: five errors, each at its line, in Chinese and English", async () => {
  const opened = await openStudio();
  const { page } = opened;
  const text = fs.readFileSync(path.join(ROOT, "tests/packs/five-mistakes.toml"), "utf8");
  const marked = text.split("\n").flatMap((line, i) => (line.includes("# MISTAKE") ? [String(i + 1)] : []));
  assert.deepEqual(marked, ["9", "19", "24", "48", "49"]);
  // Opened as a file, as an officer would.
  await page.locator("#file").setInputFiles(path.join(ROOT, "tests/packs/five-mistakes.toml"));
  await page.locator("#check-status.bad").waitFor();
  assert.equal(await page.locator("#source").inputValue(), text);
  const errors = page.locator("#errors li");
  assert.equal(await errors.count(), 5);
  assert.deepEqual(await errors.locator(".where").evaluateAll((b) => b.map((e) => e.dataset.line)), marked);
  const shownText = (await errors.allInnerTexts()).map((t) => t.replace(/\n+/g, "\n"));
  assert.match(shownText[0], /^第 9 行第 1 列 · 字段 \[0\]\.effective_to\n有效期止 2023-12-31 早于起始 2024-01-01\neffective_to 2023-12-31 is before effective_from 2024-01-01$/);
  assert.match(shownText[2], /^第 24 行第 1 列 · 规则 DEMO-P-1 · 字段 \[0\]\.rules\[0\]\.calculation\.share_percent\n参数 share_percent = 120 超出合理范围/);
  assert.match(shownText[4], /规则 DEMO-P-1 · 字段 \[0\]\.rules\[1\]\.name\n缺少英文文本[\s\S]*the English text is empty/);
  // The gutter marks the five lines; selecting an error puts the caret on its line.
  assert.deepEqual(await page.locator("#gutter .bad").allInnerTexts(), marked);
  await errors.nth(3).locator(".where").click();
  const caretLine = await page.locator("#source").evaluate((t) => t.value.slice(0, t.selectionStart).split("\n").length);
  assert.equal(caretLine, 48);
  // The gutter scrolls with the text: line 48's number level with line 48.
  const [gutterTop, textTop] = await page.evaluate(() => {
    const bad = [...document.querySelectorAll("#gutter .bad")].find((b) => b.textContent === "48");
    const source = document.getElementById("source");
    const lineHeight = parseFloat(getComputedStyle(source).lineHeight);
    const padding = parseFloat(getComputedStyle(source).paddingTop);
    return [bad.getBoundingClientRect().top, source.getBoundingClientRect().top + padding + 47 * lineHeight - source.scrollTop];
  });
  assert.ok(Math.abs(gutterTop - textTop) < 2, `gutter ${gutterTop} vs text ${textTop}`);
  await screenshot(page, "studio-five-errors");
  assertQuiet(opened);
  await opened.context.close();
});

test("axe-core clean and 360 px wide, in Chinese and English, with errors and with a preview", async () => {
  const check = async (page, state) => assert.deepEqual(await seriousAxeViolations(page), [], state);
  const { page, context } = await openStudio();
  await check(page, "opened");
  await page.locator("#source").fill(fs.readFileSync(path.join(ROOT, "tests/packs/five-mistakes.toml"), "utf8"));
  await page.locator("#check-status.bad").waitFor();
  await check(page, "errors");
  await page.locator("details.ref").first().evaluate((d) => (d.open = true));
  await page.getByRole("button", { name: "English" }).click();
  await check(page, "English, reference open");
  await context.close();

  const phone = await openStudio(PHONE);
  await openDocument(phone.page, LIAOCHENG);
  await phone.page.getByLabel("要修改的规则").selectOption("LC-P-1");
  await phone.page.locator('[data-key="calculation.share_percent"]').fill("30");
  await phone.page.locator('[data-key="calculation.share_percent"]').press("Tab");
  await phone.page.locator("table.preview").first().waitFor();
  await check(phone.page, "phone with a preview");
  assert.deepEqual(await phone.page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), [360, 360]);
  await screenshot(phone.page, "studio-phone");
  await phone.page.locator("#preview").scrollIntoViewIfNeeded();
  await screenshot(phone.page, "studio-phone-preview");
  assertQuiet(phone);
  await phone.context.close();
});
