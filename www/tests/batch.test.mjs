// 批量筛查 in the page (batch.html): an outreach officer's list of 20
// enterprises — three of them with mistakes — uploaded as Excel and as CSV,
// screened in the Web Worker with progress, every bad row reported with its
// row, column and reason while every other row is screened, the table
// sorted and filtered, and both downloads read back. The screened list must
// be the command line's (`sme-subsidy batch`), byte for byte, and nothing
// may be requested once the page is ready: the list never leaves the device.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import zlib from "node:zlib";
import { strFromU8, unzipSync } from "fflate";
import { readSheet } from "read-excel-file/node";
import writeSheet from "write-excel-file/node";
import { ROOT, SITE, openPage, screenshot, seriousAxeViolations, start } from "./helpers.mjs";

const CLI = path.join(ROOT, "target/debug/sme-subsidy");
const DATE = "2024-12-31";
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "sme-batch-"));

let env;
before(async () => (env = await start()));
after(() => env.stop());

/** The template as the command line writes it: header and example row. */
const TEMPLATE = execFileSync(CLI, ["batch-template"], { encoding: "utf8" });
const [HEADER, EXAMPLE] = TEMPLATE.replace(/^\uFEFF/, "").trim().split(/\r?\n/).map(splitCsv);

/** Split one line of the template (quoted cells hold thousands separators). */
function splitCsv(line) {
  return [...line.matchAll(/"([^"]*)"|([^,]*)/g)].filter((m, i, all) => m.index === 0 || line[m.index - 1] === ",")
    .map((m) => m[1] ?? m[2]);
}

/** A row from column values by header: every other cell empty. */
function row(values) {
  const unknown = Object.keys(values).filter((k) => !HEADER.includes(k));
  assert.deepEqual(unknown, [], "test rows name template columns");
  return HEADER.map((h) => values[h] ?? "");
}

const PROFILE = (name, industry, employees, revenue, assets, extra = {}) =>
  row({ 企业名称: name, 省: "山东省", 市: "聊城市", 所属行业: industry, 从业人员: employees, "营业收入（元）": revenue, "资产总额（元）": assets, ...extra });

// The officer's list. Row numbers are as a spreadsheet shows them (header = 1).
const ROWS = [
  // Row 2: the template's example, the README's enterprise. Hand-worked in
  // README / tests/cases: 知识产权质押贷款贴息 5,000,000 × 3.45% LPR × 50%
  // × 252/360 days in effect = 60,375.00; 担保费补贴 35,000; 首台套保费补贴
  // 120,000; 出口信用保险保费补贴 45,000 → total 260,375.00.
  EXAMPLE,
  // Row 3: 工业, 10 people, 2,000,000 revenue: 微型 (工业: 从业人员20人以下或
  // 营业收入300万元以下). No financing: nothing to compute, total 0.00.
  PROFILE("聊城微型机械厂", "工业", "10", "2000000", "1500000"),
  // Row 4: 工业, 1,200 people and 500,000,000 revenue: 大型 (中型 ends below
  // 1000人 or 4亿元营业收入).
  PROFILE("聊城重型装备集团", "工业", "1200", "500000000", "900000000"),
  ...Array.from({ length: 13 }, (_, i) =>
    PROFILE(`聊城样本企业${String(i + 1).padStart(2, "0")}`, i % 2 ? "零售业" : "工业", String(15 + i * 20), String(3000000 + i * 2500000), String(5000000 + i * 1000000), {
      "贷款本金（元）": String(1000000 + i * 100000), 贷款起始日: "2024-03-01", 贷款到期日: "2025-03-01", "合同利率（%）": "3.8",
      担保方式: "专利权质押", 贷款机构类型: "其他银行", 是否专利权质押登记: "是", 是否按期还本付息: "是",
      测算日期: "", 合规持续经营: "是", 固定经营场所: "是", 真实融资需求: "是", 信用状况良好: i % 3 ? "是" : "否", 贷款用途依法合规: "是",
    })),
  // Row 18: letters in a number (从业人员 "12O", a letter O).
  PROFILE("聊城错填人数公司", "工业", "12O", "3000000", "2000000"),
  // Row 19: an industry the 2011 standard does not list.
  PROFILE("聊城未知行业公司", "外星采矿业", "50", "3000000", "2000000"),
  // Row 20: a loan principal with letters.
  PROFILE("聊城错填贷款公司", "工业", "50", "8000000", "6000000", { "贷款本金（元）": "五百万" }),
  // Row 21: the twentieth enterprise, with a blank row before it (row 21
  // stays row 21: blank rows are skipped, not renumbered).
  row({}),
  PROFILE("聊城最后一户公司", "软件和信息技术服务业", "30", "12000000", "8000000"),
];

function csvText(rows) {
  const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return "\uFEFF" + [HEADER, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

/** The same list as an officer's Excel sheet: numbers as numbers, dates as dates. */
async function xlsxFile(rows, file) {
  const typed = (text, i) => {
    if (text === "") return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: new Date(`${text}T00:00:00Z`), format: "yyyy-mm-dd" };
    const plain = text.replace(/,/g, "");
    if (/^\d+(\.\d+)?$/.test(plain) && i > 0) return Number(plain);
    return text;
  };
  await writeSheet([HEADER, ...rows.map((r) => r.map(typed))]).toFile(file);
}

/** The command line's screening of a CSV file: its output bytes and exit code. */
function cliScreen(file, ...options) {
  try {
    return { out: execFileSync(CLI, ["batch", file, "--date", DATE, ...options], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 }), code: 0 };
  } catch (error) {
    return { out: error.stdout, code: error.status };
  }
}

/**
 * Open batch.html (or `page`) and wait until the worker has loaded the
 * engine and libraries; in `opened` (from openPage) when given.
 */
async function openBatch(options, page = "batch.html", opened = undefined) {
  opened ??= await openPage(env, undefined, options);
  await opened.page.goto(env.base + page);
  await opened.page.locator('#batch[data-ready="true"]').waitFor({ timeout: 20000 });
  opened.ready = opened.requests.filter((u) => u.startsWith("http")).length;
  opened.requestsSinceReady = () => opened.requests.filter((u) => u.startsWith("http")).slice(opened.ready);
  return opened;
}

/**
 * 聊城's document changed by `edit(rules)`, as a portal's pack (`packName`,
 * in the site) named by a copy of batch.html (`pageName`); both are removed
 * when the test ends. Returns the pack's path.
 */
function portalBatchPage(t, packName, pageName, edit) {
  const pack = JSON.parse(execFileSync(CLI, ["export-pack", path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml")], { encoding: "utf8" }));
  edit(pack[0].rules);
  const packFile = path.join(SITE, packName);
  fs.writeFileSync(packFile, JSON.stringify(pack));
  const page = path.join(SITE, pageName);
  fs.writeFileSync(page, fs.readFileSync(path.join(SITE, "batch.html"), "utf8").replace('<main id="batch"', `<main id="batch" data-policy-set="${packName}"`));
  t.after(() => [packFile, page].forEach((f) => fs.rmSync(f, { force: true })));
  return packFile;
}

async function screen(page, file) {
  await page.locator("#date").fill(DATE);
  await page.locator("#file").setInputFiles(file);
  await page.locator("#start").click();
  await page.locator('#batch[data-state="done"], #batch[data-state="error"]').waitFor({ timeout: 60000 });
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  const target = path.join(TMP, file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), target };
}

/** The table's rows as shown, once the page has the cells it asked the worker for. */
async function tableRows(page) {
  await page.waitForFunction(() => {
    const outcome = document.getElementById("outcome");
    return outcome.dataset.wanted && outcome.dataset.rendered === outcome.dataset.wanted;
  });
  return page.locator("#table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

test("both templates download: the CSV is the command line's, the Excel one holds the same header and example", async () => {
  const { page, context, requestsSinceReady } = await openBatch();
  const csv = await download(page, '[data-download="template"][data-format="csv"]');
  assert.equal(csv.name, "批量筛查模板.csv");
  assert.equal(fs.readFileSync(csv.target, "utf8"), TEMPLATE);
  const xlsx = await download(page, '[data-download="template"][data-format="xlsx"]');
  assert.equal(xlsx.name, "批量筛查模板.xlsx");
  const sheet = await readSheet(xlsx.target);
  assert.deepEqual(sheet[0], HEADER);
  assert.equal(sheet[0][0], "企业名称");
  assert.deepEqual(sheet[1].map((c) => (c === null ? "" : String(c))), EXAMPLE);
  // The column help comes from the worker's engine: every template column, required ones marked.
  await page.locator("#columns summary").click();
  const help = await page.locator("#columns li").allTextContents();
  assert.equal(help.length, HEADER.length);
  assert.match(help[0], /^企业名称 \*（示例：聊城某精密轴承有限公司）$/);
  assert.deepEqual(requestsSinceReady(), [], "no request after the page was ready");
  await context.close();
});

for (const format of ["xlsx", "csv"]) {
  test(`20 enterprises as ${format}: bad rows reported, the rest screened, sorted, filtered, downloaded as the CLI writes them`, async () => {
    const csvFile = path.join(TMP, "名单.csv");
    fs.writeFileSync(csvFile, csvText(ROWS));
    const upload = format === "csv" ? csvFile : path.join(TMP, "名单.xlsx");
    if (format === "xlsx") await xlsxFile(ROWS, upload);
    const cli = cliScreen(csvFile);
    assert.equal(cli.code, 1, "the CLI exits 1: rows failed");

    const { page, context, problems, requestsSinceReady } = await openBatch();
    await screen(page, upload);
    assert.equal(await page.locator("#batch").getAttribute("data-state"), "done");
    assert.ok(Number(await page.locator("#progress").getAttribute("data-updates")) >= 1, "progress was shown");
    assert.match(await page.locator("#progress-text").textContent(), /筛查完成：20 行/);

    // Summary: 20 enterprises, 17 screened, 3 with errors, one blank row.
    const summary = await page.locator("#summary").textContent();
    assert.match(summary, /共 20 户企业：17 户已筛查，3 户有误/);
    assert.match(summary, /跳过空行 1 行/);

    // Each bad row: its number, its column, the reason.
    const problemsShown = await page.locator("#problem-list li").allTextContents();
    assert.equal(problemsShown.length, 3);
    assert.match(problemsShown[0], /^第 18 行（聊城错填人数公司）「从业人员」：.+/);
    assert.match(problemsShown[1], /^第 19 行（聊城未知行业公司）「所属行业」：.*外星采矿业/);
    assert.match(problemsShown[2], /^第 20 行（聊城错填贷款公司）「贷款本金（元）」：.+/);

    // The table, in row order: the example enterprise's total is the
    // hand-worked 260,375.00; rows 3 and 4 are 微型 and 大型.
    const first = await tableRows(page);
    assert.equal(first.length, 20);
    assert.deepEqual(first.slice(0, 3).map((r) => [r[0], r[1], r[2], r[5]]), [
      ["2", "聊城某精密轴承有限公司", "小型企业", "260,375.00"],
      ["3", "聊城微型机械厂", "微型企业", "0.00"],
      ["4", "聊城重型装备集团", "大型企业", "0.00"],
    ]);
    assert.equal(first[19][0], "22", "the blank row 21 is skipped; the last enterprise keeps its row number");

    // Sort by total, largest first: the example enterprise leads.
    await page.getByRole("button", { name: /测算合计/ }).click();
    await page.getByRole("button", { name: /测算合计/ }).click();
    const byTotal = await tableRows(page);
    assert.equal(byTotal[0][0], "2");
    const totals = byTotal.filter((r) => r[5] !== "").map((r) => Number(r[5].replace(/,/g, "")));
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a), "descending totals");
    assert.equal(await page.locator("th", { hasText: "测算合计" }).getAttribute("aria-sort"), "descending");

    // Filters: only the failed rows; then a name search; then 大型 only.
    await page.locator("#f-status").selectOption("failed");
    assert.deepEqual((await tableRows(page)).map((r) => r[0]).sort(), ["18", "19", "20"]);
    await page.locator("#f-status").selectOption("");
    await page.locator("#f-name").fill("重型");
    assert.deepEqual((await tableRows(page)).map((r) => r[1]), ["聊城重型装备集团"]);
    await page.locator("#f-name").fill("");
    await page.locator("#f-size").selectOption("large");
    assert.deepEqual((await tableRows(page)).map((r) => r[0]), ["4"]);
    await page.locator("#f-size").selectOption("");
    await screenshot(page, `batch-${format}-results`);

    // Downloads: the CSV is the command line's output byte for byte; the
    // Excel file holds the same cells (the total as a number).
    const csv = await download(page, '[data-download="result"][data-format="csv"]');
    assert.match(csv.name, /^名单-筛查结果-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(fs.readFileSync(csv.target, "utf8"), cli.out.toString("utf8"));
    const xlsx = await download(page, '[data-download="result"][data-format="xlsx"]');
    const sheet = await readSheet(xlsx.target);
    const cliRows = cli.out.toString("utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    assert.equal(sheet.length, cliRows.length, "header + 20 rows");
    assert.equal(sheet[1][0], 2);
    assert.equal(sheet[1][6], 260375);
    assert.equal(sheet[0][6], "测算合计（元）");
    assert.match(sheet[17][8], /第18行「从业人员」/);

    assert.deepEqual(requestsSinceReady(), [], "no request after the page was ready: the list never left the device");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a list without a required column: the header problem is shown and every row says which column", async () => {
  const without = HEADER.indexOf("所属行业");
  const file = path.join(TMP, "缺列名单.csv");
  const drop = (r) => r.filter((_, i) => i !== without);
  fs.writeFileSync(file, "\uFEFF" + [drop(HEADER), drop(ROWS[1]), drop(ROWS[2])].map((r) => r.join(",")).join("\n") + "\n");
  const { page, context } = await openBatch();
  await screen(page, file);
  assert.match(await page.locator("#message").textContent(), /表头问题：「所属行业」/);
  const problemsShown = await page.locator("#problem-list li").allTextContents();
  assert.equal(problemsShown.length, 2);
  for (const [i, text] of problemsShown.entries()) assert.match(text, new RegExp(`^第 ${i + 2} 行.*「所属行业」`));
  await context.close();
});

test("cancel midway through a long list, then screen again", async () => {
  // 60,000 copies of the example row: long enough to cancel while running.
  const file = path.join(TMP, "长名单.csv");
  const line = csvText([EXAMPLE]).split("\n")[1];
  fs.writeFileSync(file, csvText([]).trimEnd() + "\n" + `${line}\n`.repeat(60000));
  const { page, context, requestsSinceReady } = await openBatch();
  await page.locator("#date").fill(DATE);
  await page.locator("#file").setInputFiles(file);
  await page.locator("#start").click();
  await page.waitForFunction(() => document.getElementById("bar").value > 0);
  const progress = await page.locator("#bar").evaluate((bar) => bar.value);
  assert.ok(progress > 0 && progress < 1, `cancelled midway (read ${progress})`);
  await page.locator("#cancel").click();
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "cancelled");
  assert.match(await page.locator("#progress-text").textContent(), /^已取消/);
  assert.ok(await page.locator("#outcome").isHidden());
  assert.ok(await page.locator("#cancel").isHidden());

  // The worker stopped the list and kept the engine and the spreadsheet
  // libraries: a short list (Excel, so the libraries are used) screens at
  // once, and nothing at all was downloaded again.
  const small = path.join(TMP, "短名单.xlsx");
  await xlsxFile(ROWS.slice(0, 3), small);
  await page.locator("#file").setInputFiles(small);
  await page.locator("#start").click();
  await page.locator('#batch[data-state="done"]').waitFor();
  assert.match(await page.locator("#summary").textContent(), /共 3 户企业：3 户已筛查，0 户有误/);
  assert.deepEqual(requestsSinceReady(), [], "no request after the cancel: no second download of the engine or libraries");
  await context.close();
});

test("a long CSV list is screened on every core: rows in input order, the table's cells from each part, the download the command line's", async () => {
  // 10,000 enterprises, about 2.5 MB (a list from 1 MiB on is cut into one
  // part per core), every 97th with a letter in 从业人员 (row 2 + 96 = 98 the first).
  const employees = HEADER.indexOf("从业人员");
  const rows = Array.from({ length: 10000 }, (_, i) => {
    const r = [`聊城分片企业${i + 1}`, ...EXAMPLE.slice(1)];
    if (i % 97 === 96) r[employees] = "12O";
    return r;
  });
  const file = path.join(TMP, "分片名单.csv");
  fs.writeFileSync(file, csvText(rows));
  assert.ok(fs.statSync(file).size > 1 << 20);
  const cli = cliScreen(file);
  assert.equal(cli.code, 1, "some rows fail");

  const { page, context, problems, requestsSinceReady } = await openBatch();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await screen(page, file);
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "done", await page.locator("#message").textContent());
  assert.equal(await page.locator("#progress").getAttribute("data-parts"), String(Math.min(cores, 8)));
  assert.match(await page.locator("#summary").textContent(), /^共 10,000 户企业：9,897 户已筛查，103 户有误/);
  // The first page in row order, then the last rows first: cells from the first part and from the last.
  const first = await tableRows(page);
  assert.deepEqual(first.slice(0, 3).map((r) => [r[0], r[1], r[5]]), [["2", "聊城分片企业1", "260,375.00"], ["3", "聊城分片企业2", "260,375.00"], ["4", "聊城分片企业3", "260,375.00"]]);
  await page.locator('#table thead button[data-sort="0"]').click();
  const last = await tableRows(page);
  assert.deepEqual(last.slice(0, 2).map((r) => [r[0], r[1]]), [["10001", "聊城分片企业10000"], ["10000", "聊城分片企业9999"]]);
  assert.match(await page.locator("#problem-list li").first().textContent(), /^第 98 行（聊城分片企业97）「从业人员」/);
  const csv = await download(page, '[data-download="result"][data-format="csv"]');
  assert.ok(fs.readFileSync(csv.target).equals(cli.out), "the CSV result is the command line's, byte for byte");
  const xlsx = await download(page, '[data-download="result"][data-format="xlsx"]');
  const sheet = await readSheet(xlsx.target);
  assert.deepEqual(sheet.map((r) => r[0]), ["行号", ...Array.from({ length: 10000 }, (_, i) => i + 2)], "every row, in order");
  assert.deepEqual(requestsSinceReady(), []);
  assert.deepEqual(problems, []);
  await context.close();
});

// Lists of real size, under the pages' CSP (served by www/serve.mjs): the
// template's example enterprise — 260,375.00, worked out above — n times,
// each under its own name. An .xlsx list of 400 rows is about 55 KB, but its
// sheet is over 512 KiB unpacked, the size at which the zip library used to
// start a Web Worker from a blob: address, which the CSP refuses: the list
// then never loaded. The screened CSV must be the command line's, byte for
// byte; the Excel result holds every row.
for (const [format, n] of [["xlsx", 400], ["csv", 400], ["xlsx", 5000], ["csv", 5000], ["xlsx", 50000], ["csv", 50000]]) {
  test(`${n.toLocaleString("en")} enterprises as ${format}: read, screened and downloaded as Excel and CSV`, async (t) => {
    const rows = Array.from({ length: n }, (_, i) => [`聊城样本企业${i + 1}`, ...EXAMPLE.slice(1)]);
    const csvFile = path.join(TMP, `名单${n}.csv`);
    fs.writeFileSync(csvFile, csvText(rows));
    const upload = format === "csv" ? csvFile : path.join(TMP, `名单${n}.xlsx`);
    if (format === "xlsx") await xlsxFile(rows, upload);
    const cli = cliScreen(csvFile);
    assert.equal(cli.code, 0);

    const { page, context, problems, requestsSinceReady } = await openBatch();
    await screen(page, upload);
    assert.equal(await page.locator("#batch").getAttribute("data-state"), "done", await page.locator("#message").textContent());
    assert.match(await page.locator("#summary").textContent(), new RegExp(`^共 ${n.toLocaleString("en")} 户企业：${n.toLocaleString("en")} 户已筛查，0 户有误`));
    const seconds = await page.locator("#progress").getAttribute("data-seconds");

    const began = Date.now();
    const csv = await download(page, '[data-download="result"][data-format="csv"]');
    assert.ok(fs.readFileSync(csv.target).equals(cli.out), "the CSV result is the command line's");
    const xlsx = await download(page, '[data-download="result"][data-format="xlsx"]');
    const sheet = await readSheet(xlsx.target);
    assert.equal(sheet.length, n + 1, "header + every row");
    assert.deepEqual([sheet[n][0], sheet[n][1], sheet[n][6]], [n + 1, `聊城样本企业${n}`, 260375]);
    t.diagnostic(`${format} ${n} rows (${fs.statSync(upload).size.toLocaleString("en")} bytes): read and screened in ${seconds} s; both results downloaded in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    assert.deepEqual(requestsSinceReady(), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("an enterprise name that looks like a formula is a text cell in the Excel result, never a formula", async () => {
  const names = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1:A2)"];
  const file = path.join(TMP, "公式名单.csv");
  fs.writeFileSync(file, csvText(names.map((name) => [name, ...EXAMPLE.slice(1)])));
  const { page, context } = await openBatch();
  await screen(page, file);
  const xlsx = await download(page, '[data-download="result"][data-format="xlsx"]');
  // The sheet's XML, read from the zip: no cell carries a formula (<f>),
  // and each name is there as text, escaped, with the leading ' the
  // screened list gives a cell a spreadsheet would run (batch::neutralize_formula).
  const parts = unzipSync(fs.readFileSync(xlsx.target));
  const xml = Object.entries(parts).filter(([name]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)).map(([, bytes]) => strFromU8(bytes)).join("");
  assert.doesNotMatch(xml, /<f[ >]/, "no formula anywhere in the sheet");
  assert.match(xml, /<t>'=HYPERLINK\((&quot;|")http:\/\/x(&quot;|"),(&quot;|")click(&quot;|")\)<\/t>/, "the name is a (shared) string");
  const sheet = await readSheet(xlsx.target);
  names.forEach((name, i) => assert.equal(sheet[i + 1][1], `'${name}`, `row ${i + 2}`));
  await context.close();
});

test("an .xlsx file that is not a spreadsheet: said in Chinese and English, and the page stays usable", async () => {
  const file = path.join(TMP, "坏文件.xlsx");
  fs.writeFileSync(file, "PK\u0003\u0004 this is not a zip archive");
  const { page, context, requestsSinceReady } = await openBatch();
  await screen(page, file);
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "error");
  const message = await page.locator("#message").textContent();
  assert.match(message, /^无法读取该 Excel 文件.*\/ the Excel file cannot be read/);
  assert.ok(await page.locator("#start").isEnabled());
  assert.deepEqual(requestsSinceReady(), []);
  await context.close();
});

test("the results at 360 px, in English, and axe-core finds nothing serious", async () => {
  const file = path.join(TMP, "名单.csv");
  fs.writeFileSync(file, csvText(ROWS));
  const { page, context } = await openBatch({ viewport: { width: 360, height: 740 }, isMobile: true });
  await screen(page, file);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll of the page at 360 px (the table scrolls in its own box): ${overflow}px`);
  await screenshot(page, "batch-360");
  assert.deepEqual(await seriousAxeViolations(page), []);
  await page.locator("#lang").click();
  assert.match(await page.locator("#summary").textContent(), /^20 enterprises: 17 screened, 3 with errors/);
  assert.match((await page.locator("#problem-list li").allTextContents())[1], /^row 19.*「所属行业」/);
  await context.close();
});

test("a CSV saved in Excel's legacy Chinese encoding (GBK) is refused with how to fix it", async () => {
  const file = path.join(TMP, "GBK名单.csv");
  // GBK bytes for 「企业名称,省」 and a row: not valid UTF-8.
  fs.writeFileSync(file, Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xca, 0xa1, 0x0a, 0xb2, 0xe2, 0x2c, 0xca, 0xa1, 0x0a]));
  const { page, context } = await openBatch();
  await screen(page, file);
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "error");
  assert.match(await page.locator("#message").textContent(), /文件不是 UTF-8 编码：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」/);
  assert.ok(await page.locator("#outcome").isHidden());
  await context.close();
});

test("a portal's own policy pack (data-policy-set): the list is screened against it, as the CLI's --pack does", async (t) => {
  // The portal's pack replaces 聊城's document with one change: LC-P-2 (出口信用
  // 保险保费补贴) pays 50% instead of 100%. The example enterprise's premium of
  // 45,000 then gives 22,500.00, and its total 260,375.00 − 22,500.00 = 237,875.00.
  const packFile = portalBatchPage(t, "test-portal-pack.json", "batch-portal-test.html", (rules) => {
    rules.find((r) => r.id === "LC-P-2").calculation.share_percent = "50";
  });
  const missing = path.join(SITE, "batch-missing-pack-test.html");
  fs.writeFileSync(missing, fs.readFileSync(path.join(SITE, "batch-portal-test.html"), "utf8").replace("test-portal-pack.json", "no-such-pack.json"));
  t.after(() => fs.rmSync(missing, { force: true }));

  const csvFile = path.join(TMP, "名单.csv");
  fs.writeFileSync(csvFile, csvText(ROWS));
  const cli = cliScreen(csvFile, "--pack", packFile);
  assert.equal(cli.code, 1, "three rows are bad");
  const { page: p, context, requestsSinceReady } = await openBatch(undefined, "batch-portal-test.html");
  assert.match(await p.locator("#pack").textContent(), /test-portal-pack\.json/);
  await screen(p, csvFile);
  assert.equal((await tableRows(p))[0][5], "237,875.00");
  const csv = await download(p, '[data-download="result"][data-format="csv"]');
  assert.equal(fs.readFileSync(csv.target, "utf8"), cli.out.toString("utf8"));
  assert.deepEqual(requestsSinceReady(), []);
  await context.close();

  // A pack that cannot be loaded: said plainly, and nothing can be screened.
  const broken = await openPage(env, undefined);
  await broken.page.goto(env.base + "batch-missing-pack-test.html");
  await broken.page.locator('#batch[data-state="error"]').waitFor();
  assert.match(await broken.page.locator("#message").textContent(), /政策包加载失败[^]*no-such-pack\.json: HTTP 404/);
  assert.ok(await broken.page.locator("#start").isDisabled());
  await broken.context.close();
});

test("the engine failing inside on a list (a trap) is said in both languages; a fresh engine screens the next list", async (t) => {
  // The portal's pack (LC-P-2 at 50%: the example enterprise's total is
  // 237,875.00, worked out above), so that the fresh engine is seen to load
  // it again; and a fault that makes the engine trap on any slice holding
  // the enterprise 「注入故障企业」 (the input bounds leave no real trap to provoke).
  portalBatchPage(t, "test-portal-pack.json", "batch-portal-test.html", (rules) => {
    rules.find((r) => r.id === "LC-P-2").calculation.share_percent = "50";
  });
  const file = path.join(TMP, "故障名单.csv");
  fs.writeFileSync(file, csvText([EXAMPLE, ["注入故障企业", ...EXAMPLE.slice(1)]]));
  const opened = await openPage(env);
  await injectSliceFault(opened.page, "/pkg-tools/sme_subsidy_tools.js", "注入故障企业");
  const { page: p, context, problems, requestsSinceReady } = await openBatch(undefined, "batch-portal-test.html", opened);
  await screen(p, file);
  assert.equal(await p.locator("#batch").getAttribute("data-state"), "error");
  assert.match(await p.locator("#message").textContent(), /^测算程序在筛查这份名单时出错，已重新启动.* \/ the calculator failed on this list and has been restarted.*（unreachable）$/);
  await screenshot(p, "batch-engine-failure");

  // The list without that row: screened by the fresh engine, with the portal's pack.
  const fixed = path.join(TMP, "修正名单.csv");
  fs.writeFileSync(fixed, csvText([EXAMPLE]));
  await screen(p, fixed);
  assert.equal(await p.locator("#batch").getAttribute("data-state"), "done");
  assert.equal((await tableRows(p))[0][5], "237,875.00");
  // Only the glue module and the pack were fetched again; not the .wasm, not the spreadsheet library.
  assert.deepEqual(requestsSinceReady().map((u) => new URL(u).pathname + new URL(u).search).sort(), ["/pkg-tools/sme_subsidy_tools.js?instance=1", "/test-portal-pack.json"]);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Make the engine fail as a trap does (a WebAssembly.RuntimeError
 * 「unreachable」) on any slice of rows that holds `sentinel`: the glue
 * module `glue` is served with its `nextText` changed. The workers take the
 * slice's rows as JSON text, so no call back into JavaScript (where
 * helpers.mjs's `injectEngineFault` makes the Rust side panic) comes
 * between the rows and the worker.
 */
async function injectSliceFault(page, glue, sentinel) {
  await page.route((url) => url.pathname === glue, async (route) => {
    const response = await route.fetch();
    const source = await response.text();
    const at = source.indexOf("nextText(max) {");
    const original = "return getStringFromWasm0(ptr1, len1);";
    const end = source.indexOf(original, at);
    if (at < 0 || end < 0) throw new Error(`${glue}: nextText's return was not found`);
    const faulty = `const text = getStringFromWasm0(ptr1, len1); if (text.includes(${JSON.stringify(sentinel)})) throw new WebAssembly.RuntimeError("unreachable"); return text;`;
    await route.fulfill({ response, body: source.slice(0, end) + faulty + source.slice(end + original.length) });
  });
}

// Lists past the limits (src/limits.rs, which the worker asks through the
// engine): each refused at once, in both languages, naming the limit, and
// the page screens the next list.

/**
 * A zip archive of `parts` (name → Buffer), each deflated by node's zlib
 * (run-length strategy: a long run of one byte costs about a kilobyte per
 * megabyte). The records are written here, around the deflate streams: a
 * gzip stream is the deflate stream with its CRC-32 after it.
 */
function zipArchive(parts) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of Object.entries(parts)) {
    const gz = zlib.gzipSync(data, { strategy: zlib.constants.Z_RLE });
    const body = gz.subarray(10, gz.length - 8);
    const crc = gz.readUInt32LE(gz.length - 8);
    const fileName = Buffer.from(name);
    const fields = (header) => {
      header.writeUInt16LE(20, 4); // version needed (2.0)
      header.writeUInt16LE(0x800, 6); // UTF-8 names
      header.writeUInt16LE(8, 8); // deflated
      header.writeUInt32LE(crc, 14);
      header.writeUInt32LE(body.length, 18);
      header.writeUInt32LE(data.length, 22);
      header.writeUInt16LE(fileName.length, 26);
    };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    fields(head);
    // The central record is the local one shifted by two bytes ("version made by"), plus its own fields.
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    fields(entry.subarray(2));
    entry.writeUInt32LE(offset, 42);
    local.push(head, fileName, body);
    central.push(entry, fileName);
    offset += head.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(local.length / 3, 8);
  end.writeUInt16LE(local.length / 3, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** Choose `file`, start, and the time from the click to the page's refusal (ms). */
async function refusalTime(page, file) {
  await page.locator("#file").setInputFiles(file);
  const began = Date.now();
  await page.locator("#start").click();
  await page.locator('#batch[data-state="error"], #batch[data-state="done"]').waitFor({ timeout: 120000 });
  return Date.now() - began;
}

/** After a refusal the page is usable: the 20-enterprise list screens as before. */
async function screensNormalList(page) {
  const file = path.join(TMP, "名单.csv");
  fs.writeFileSync(file, csvText(ROWS));
  await screen(page, file);
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "done");
  assert.match(await page.locator("#summary").textContent(), /共 20 户企业：17 户已筛查，3 户有误/);
}

test("a zip bomb (an .xlsx of 300 KB whose sheet unzips to 300 MiB) is refused before it is inflated, naming the limit; the page stays usable", async (t) => {
  // A real workbook's parts, with its sheet swapped for 300 MiB of spaces inside <sheetData>.
  const small = path.join(TMP, "炸弹底稿.xlsx");
  await xlsxFile(ROWS.slice(0, 1), small);
  const parts = Object.fromEntries(Object.entries(unzipSync(fs.readFileSync(small))).map(([name, bytes]) => [name, Buffer.from(bytes)]));
  const sheetName = Object.keys(parts).find((name) => /^xl\/worksheets\/sheet1\.xml$/.test(name));
  const xml = strFromU8(parts[sheetName]);
  const open = Buffer.from(xml.slice(0, xml.indexOf("<sheetData>") + "<sheetData>".length));
  const close = Buffer.from(xml.slice(xml.indexOf("</sheetData>")));
  const sheet = Buffer.alloc(300 * 1024 * 1024, " ");
  open.copy(sheet, 0);
  close.copy(sheet, sheet.length - close.length);
  parts[sheetName] = sheet;
  const bomb = path.join(TMP, "压缩炸弹.xlsx");
  fs.writeFileSync(bomb, zipArchive(parts));
  const size = fs.statSync(bomb).size;
  assert.ok(size < 320 * 1024, `the bomb is small (${size} bytes)`);

  const { page, context, requestsSinceReady } = await openBatch();
  await page.locator("#date").fill(DATE);
  const ms = await refusalTime(page, bomb);
  t.diagnostic(`zip bomb of ${size.toLocaleString("en")} bytes (300 MiB unzipped) refused in ${ms} ms`);
  assert.equal(await page.locator("#batch").getAttribute("data-state"), "error");
  assert.match(
    await page.locator("#message").textContent(),
    /^Excel 文件解压后超过256 MiB的上限：请分成几个文件 \/ the Excel file is larger than the limit of 256 MiB once unzipped: split it into several files$/,
  );
  assert.ok(ms < 2000, `refused within 2 s (${ms} ms)`);
  assert.ok(await page.locator("#progress").isHidden(), "no 「正在读取名单」 beside the refusal");
  await screenshot(page, "batch-refused-zip-bomb");
  await screensNormalList(page);
  assert.deepEqual(requestsSinceReady(), []);
  await context.close();
});

test("a list file over 256 MiB is refused before it is read, naming the limit", async (t) => {
  // A sparse file: 257 MiB long, nothing written.
  const file = path.join(TMP, "超大名单.csv");
  fs.writeFileSync(file, "");
  fs.truncateSync(file, 257 * 1024 * 1024);
  const { page, context } = await openBatch();
  const ms = await refusalTime(page, file);
  t.diagnostic(`a 257 MiB list refused in ${ms} ms`);
  assert.match(await page.locator("#message").textContent(), /^名单文件超过256 MiB的上限：请分成几个文件 \/ the list is larger than the limit of 256 MiB/);
  assert.ok(ms < 2000, `refused within 2 s (${ms} ms)`);
  fs.rmSync(file);
  await screensNormalList(page);
  await context.close();
});

for (const format of ["csv", "xlsx"]) {
  test(`a ${format} list of 300 columns is refused in both languages, naming the limit of 256`, async (t) => {
    // The template's columns, then 备注 columns (ignored when there are few) up to 300.
    const header = [...HEADER, ...Array.from({ length: 300 - HEADER.length }, (_, i) => `备注${i + 1}`)];
    const example = ["聊城宽表企业", ...Array(299).fill("")];
    const file = path.join(TMP, `宽名单.${format}`);
    if (format === "csv") fs.writeFileSync(file, [header, example].map((r) => r.join(",")).join("\n") + "\n");
    else await writeSheet([header, example]).toFile(file);
    const { page, context } = await openBatch();
    const ms = await refusalTime(page, file);
    t.diagnostic(`${format} of 300 columns refused in ${ms} ms`);
    assert.equal(await page.locator("#batch").getAttribute("data-state"), "error");
    assert.equal(
      await page.locator("#message").textContent(),
      "表头有300列，超过上限256列：请删去多余的列 / the header has 300 columns, more than the limit of 256: delete the columns you do not need",
    );
    assert.ok(ms < 2000, `refused within 2 s (${ms} ms)`);
    if (format === "csv") await screenshot(page, "batch-refused-columns");
    await screensNormalList(page);
    await context.close();
  });
}
