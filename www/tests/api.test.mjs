// The npm package's JavaScript API (target/npm-pkg, as wasm-pack built it),
// exercised in Node: the README's snippet, located errors as real Errors,
// a portal's pack, size classification, and TypeScript types that name the
// real objects.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, engineReport } from "./helpers.mjs";
import { PERSONAS } from "../personas.js";

const PKG = path.join(ROOT, "target/npm-pkg");
const { initSync, Calculator, classifySize, version } = await import(path.join(PKG, "sme_subsidy.js"));
initSync({ module: fs.readFileSync(path.join(PKG, "sme_subsidy_bg.wasm")) });

// The widget's own join of the lean report with the rules' texts.
const { fullResults, rulesById } = await import(path.join(ROOT, "target/site/calculator.js"));

const example = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/scenario.json"), "utf8"));
const exportPack = (file) => JSON.parse(execFileSync(path.join(ROOT, "target/debug/sme-subsidy"), ["export-pack", file], { encoding: "utf8" }));

test("evaluateFull returns the native engine's report, in both languages or one", () => {
  const calculator = new Calculator();
  assert.deepEqual(calculator.evaluateFull(example), engineReport(example));
  const zh = calculator.evaluateFull(example, "zh");
  assert.equal(zh.total_yuan, engineReport(example).total_yuan);
  assert.equal(zh.notice.zh, "测算结果仅供参考，以主管部门审核为准");
  assert.equal(zh.notice.en, "");
  assert.equal(calculator.evaluateFull(example, "en").results[0].name.zh, "");
});

test("evaluate's lean report joined with policies() by rule id is the full report", () => {
  const calculator = new Calculator();
  const rules = rulesById(calculator.policies());
  // A {zh, en} text → its string in one language: how the lean form writes texts.
  const one = (value, lang) =>
    Array.isArray(value) ? value.map((v) => one(v, lang))
      : value && typeof value === "object"
        ? (Object.keys(value).length === 2 && "zh" in value && "en" in value ? value[lang]
          : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v, lang)])))
        : value;
  const medium = { ...example, enterprise: { ...example.enterprise, employees: 500, operating_revenue: "300000000 CNY" } };
  const profileOnly = { evaluation_date: example.evaluation_date, enterprise: example.enterprise };
  for (const scenario of [example, medium, profileOnly, { evaluation_date: "2021-10-01", enterprise: {} }]) {
    for (const lang of ["zh", "en"]) {
      const full = calculator.evaluateFull(scenario, lang);
      const lean = calculator.evaluate(scenario, lang);
      assert.deepEqual({ ...lean, results: null }, one({ ...full, results: null }, lang), "everything but the results");
      assert.deepEqual(one(fullResults(lean, rules), lang), one(full.results, lang));
      assert.ok(lean.results.every((r) => !("citation" in r) && !("name" in r)), "no static texts in the lean form");
      assert.ok(lean.results.every((r) => typeof r.status_text === "string"), "texts are strings in the language asked for");
      // Lean: nothing empty is sent.
      assert.ok(lean.results.every((r) => r.amount_yuan !== null && r.counts_in_total !== false
        && ["steps", "reasons", "missing", "to_confirm"].every((k) => r[k] === undefined || r[k].length > 0)));
    }
  }
  // A size-only note reaches the medium exporter only.
  const notes = (scenario) => calculator.evaluateFull(scenario).results.flatMap((r) => r.notes).length;
  assert.ok(notes(medium) > notes(example));
  assert.equal(calculator.evaluate(example).total_yuan, engineReport(example).total_yuan);
  assert.equal(calculator.evaluate(example).notice, "测算结果仅供参考，以主管部门审核为准", "zh-CN by default");
});

test("the package README's snippet is true", () => {
  const readme = fs.readFileSync(path.join(PKG, "README.md"), "utf8");
  const calculator = new Calculator();
  const report = calculator.evaluate({
    evaluation_date: "2024-12-31",
    enterprise: {
      region: { province: "山东省", city: "聊城市" },
      industry: "industry", employees: 120,
      operating_revenue: "48000000 CNY", total_assets: "60000000 CNY",
    },
    evaluation_fees: [{ fee: "30000 CNY", for_patent_pledge_loan: true, paid_date: "2024-06-01" }],
  });
  assert.match(readme, /report\.total_yuan;\s+\/\/ "15000\.00"/);
  assert.equal(report.total_yuan, "15000.00");
});

test("bad input throws an Error naming the field, with every problem in zh and en", () => {
  const calculator = new Calculator();
  const attempt = (scenario) => {
    try {
      calculator.evaluate(scenario);
    } catch (error) {
      return error;
    }
    assert.fail("expected an InputError");
  };
  const letters = attempt({ ...example, loans: [{ principal: "abc CNY" }] });
  assert.ok(letters instanceof Error);
  assert.equal(letters.name, "InputError");
  assert.equal(letters.field, "loans[0].principal");
  assert.equal(letters.errors.length, 1);
  assert.ok(letters.errors[0].zh && letters.errors[0].en);
  assert.doesNotMatch(letters.errors[0].zh, /第\d+行/, "no position in a JSON text the user never saw");

  const ranges = attempt({ ...example, enterprise: { ...example.enterprise, annual_exports: "-1 USD" }, loans: [{ start_date: "2024-05-01", end_date: "2024-04-01" }] });
  assert.deepEqual(ranges.errors.map((e) => e.field), ["enterprise.annual_exports", "loans[0].end_date"]);

  assert.equal(attempt({ ...example, enterprise: { ...example.enterprise, region: { city: "聊城市" } } }).field, "enterprise.region.province");
  assert.equal(attempt({ ...example, enterprise: { ...example.enterprise, employez: 3 } }).field, "enterprise.employez");
  assert.equal(attempt({ ...example, answers: { no_such_question: true } }).name, "InputError");
  assert.equal(attempt(undefined).field, "(scenario)");
});

test("NaN and ±Infinity are refused at their field, also where JSON.rawJSON is missing (older browsers)", () => {
  const calculator = new Calculator();
  const rawJSON = JSON.rawJSON;
  for (const present of [true, false]) {
    if (!present) delete JSON.rawJSON;
    try {
      for (const value of [NaN, Infinity, -Infinity]) {
        const loan = { ...example.loans[0], contract_rate_percent: value };
        const error = (() => {
          try {
            calculator.evaluate({ ...example, loans: [loan] });
          } catch (thrown) {
            return thrown;
          }
          return assert.fail(`${value} was taken as absent (JSON.rawJSON ${present ? "present" : "missing"})`);
        })();
        assert.equal(error.name, "InputError");
        // An optional field: written as null, it would have been "absent".
        assert.equal(error.field, "loans[0].contract_rate_percent", `${value}`);
        assert.ok(/\p{Script=Han}/u.test(error.errors[0].zh) && error.errors[0].en, "in Chinese and English");
      }
    } finally {
      if (rawJSON) JSON.rawJSON = rawJSON;
    }
  }
});

test("an optional scenario field given as null reads as absent, as its declared type says", () => {
  const dts = fs.readFileSync(path.join(PKG, "sme_subsidy.d.ts"), "utf8");
  assert.match(dts, /end_date\?: DateString \| null;/);
  assert.match(dts, /employees\?: number \| null;/);
  const calculator = new Calculator();
  const loan = { ...example.loans[0] };
  delete loan.end_date;
  const enterprise = { ...example.enterprise };
  delete enterprise.employees;
  const absent = calculator.evaluate({ ...example, enterprise, loans: [loan] });
  const nulls = calculator.evaluate({
    ...example,
    enterprise: { ...enterprise, employees: null },
    loans: [{ ...loan, end_date: null }],
  });
  assert.deepEqual(nulls, absent);
  // Not a vacuous comparison: leaving them out changes the result.
  assert.notDeepEqual(absent, calculator.evaluate(example));
});

test("a portal's pack: replaces the document of the same id, or is refused with file, rule and field", () => {
  const calculator = new Calculator();
  const tongchuan = exportPack(path.join(ROOT, "policies/003-tongchuan-sme-financing-2024/pack.toml"));
  const before = calculator.info();

  tongchuan[0].title = "门户自己的文件标题";
  const info = calculator.loadPack(tongchuan, "portal.json");
  assert.equal(info.documents, before.documents, "replaced, not added");
  assert.deepEqual(info.loaded, ["portal.json"]);
  assert.equal(calculator.policies().find((d) => d.id === "tongchuan-2024-sme-financing").title, "门户自己的文件标题");

  const refused = (pack) => {
    try {
      calculator.loadPack(pack, "bad.json");
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.equal(error.name, "PackError");
      return error;
    }
    assert.fail("expected a PackError");
  };
  const liaocheng = exportPack(path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml"));
  const g2 = liaocheng[0].rules.findIndex((r) => r.id === "LC-G-2");
  liaocheng[0].rules[g2].calculation.share_percent = "150";
  const share = refused(liaocheng);
  assert.deepEqual(share.errors[0], {
    file: "bad.json", rule: "LC-G-2", field: `[0].rules[${g2}].calculation.share_percent`,
    zh: share.errors[0].zh, en: share.errors[0].en,
  });
  assert.equal(share.field, `[0].rules[${g2}].calculation.share_percent`);

  const malformed = structuredClone(tongchuan);
  malformed[0].status = "valid";
  assert.equal(refused(malformed).field, "[0].status");

  const clash = structuredClone(tongchuan);
  clash[0].id = "another-document";
  clash[0].rules[0].id = "LC-I-1";
  assert.deepEqual(refused(clash).errors.map((e) => [e.rule, e.field]), [["LC-I-1", "[0].rules[0].id"]]);
  assert.equal(calculator.info().documents, before.documents, "a refused pack changes nothing");
});

test("policies list every document with status and dates; classifySize follows the 2011 standard", () => {
  const calculator = new Calculator();
  const docs = calculator.policies();
  assert.deepEqual(docs.map((d) => d.status).sort(), ["draft", "expired", "in_force", "in_force", "in_force"]);
  const linhai = docs.find((d) => d.status === "expired");
  assert.deepEqual([linhai.effective_from, linhai.effective_to], ["2021-08-27", "2021-12-31"]);
  const i1 = docs.flatMap((d) => d.rules).find((r) => r.rule_id === "LC-I-1");
  assert.equal(i1.form_family, "interest");
  assert.equal(docs.flatMap((d) => d.rules).find((r) => r.rule_id === "LC-G-1").form_family, "guarantee_fee");

  assert.equal(classifySize({ industry: "industry", employees: 120, operating_revenue: "48000000 CNY" }).size, "small");
  assert.deepEqual(classifySize({ industry: "industry", employees: 120 }).missing, ["enterprise.operating_revenue"]);
  assert.throws(() => classifySize({ industry: "industry", employees: -1 }), { name: "InputError", field: "enterprise.employees" });
  assert.match(version(), /^\d+\.\d+\.\d+/);
  assert.equal(calculator.info().version, version());
});

/** A .d.ts's public API: the part before wasm-bindgen's own loader types. */
const publicApi = (dts) => dts.slice(0, dts.indexOf("export type InitInput"));

/** The lines of a .d.ts's text that use `any`, comments left out. */
const anyLines = (api) => api.split("\n").filter((line) => /\bany\b/.test(line.replace(/\/\*.*?\*\/|^\s*\*.*$/g, "")));

/** The keys a .d.ts declares before wasm-bindgen's own loader types. */
const declaredKeys = (api) => new Set([...api.matchAll(/(\w+)\??: /g)].map((m) => m[1]));

/** Every key of an object, nested, but a scenario's answers (their keys are question ids). */
const keys = (value, out = new Set()) => {
  if (Array.isArray(value)) value.forEach((v) => keys(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!/^(answers)$/.test(k)) out.add(k);
      keys(v, out);
    }
  }
  return out;
};

test("the TypeScript types describe the real objects", () => {
  const dts = fs.readFileSync(path.join(PKG, "sme_subsidy.d.ts"), "utf8");
  assert.match(dts, /evaluate\(scenario: Scenario, lang\?: OneLanguage \| null, product\?: string \| null\): LeanReport;/);
  assert.match(dts, /products\(\): ProductSummary\[\];/);
  assert.match(dts, /evaluateFull\(scenario: Scenario, lang\?: Language \| null\): Report;/);
  assert.match(dts, /policies\(\): PolicySummary\[\];/);
  assert.match(dts, /export function classifySize\(enterprise: Enterprise\): SizeReport;/);
  // The public API, before wasm-bindgen's own loader types, has no `any`.
  const api = publicApi(dts);
  assert.deepEqual(anyLines(api), []);
  // Every key of a real report and policy list is declared.
  const declared = declaredKeys(api);
  const calculator = new Calculator();
  const used = keys([calculator.evaluate(example), calculator.evaluateFull(example), calculator.policies(), calculator.info(), calculator.products()]);
  const undeclared = [...used].filter((k) => !declared.has(k));
  assert.deepEqual(undeclared, []);
});

test("the staff tools' TypeScript types are derived from the Rust types and describe the real objects", async () => {
  const TOOLS = path.join(ROOT, "target/npm-pkg-tools");
  const dts = fs.readFileSync(path.join(TOOLS, "sme_subsidy_tools.d.ts"), "utf8");
  // An interface's fields as { "name": type, "name?": type }, doc comments left out.
  const fields = (name) => {
    const start = dts.indexOf(`export interface ${name} {`);
    assert.notEqual(start, -1, `${name} is declared`);
    const body = dts.slice(start, dts.indexOf("\n}", start)).replace(/\/\*\*[\s\S]*?\*\//g, "");
    return Object.fromEntries([...body.matchAll(/^ {4}(\w+\??): (.+);$/gm)].map((m) => [m[1], m[2]]));
  };
  const declares = (name, expected) => {
    const declared = fields(name);
    for (const [key, type] of Object.entries(expected)) assert.equal(declared[key], type, `${name}.${key}`);
  };
  declares("BatchRow", { index: "number", row: "number", name: "string", ok: "boolean", "size?": "Size", "s2?": "ScreeningOutcome", eligible: "number", "total?": "string", "errors?": "CellError[]" });
  declares("BatchSlice", { rows: "BatchRow[]", done: "boolean", read: "number" });
  declares("BatchSummary", { rows: "number", ok: "number", failed: "number", blank: "number", total: "string" });
  declares("BatchLimits", { list_bytes: "number", rows: "number", columns: "number", xlsx_uncompressed_bytes: "number", document_bytes: "number" });
  declares("BatchColumn", { header: "string", en: "string", required: "boolean", example: "string" });
  declares("CellError", { row: "number", column: "string", zh: "string", en: "string" });
  declares("CompensationInput", { date: "DateString", payout: "Money", "payout_rate_percent?": "Decimal | null", "answers?": "Record<string, boolean>" });
  declares("RiskSplitInput", { outstanding_principal: "Money", bank_share_percent: "Decimal", "grace_days?": "number | null" });
  declares("PerUnitInput", { counts: "Record<string, number>" });
  declares("BalanceShareInput", { lines: "BalanceLine[]", "city_comparison?": "CityComparison" });
  declares("ReferralInput", { banks_in_batch: "number", "decision_date?": "DateString | null" });
  declares("InstitutionReport", { calculator: "InstitutionCalculator", status: "InstitutionStatus", amount_yuan: "string | null", split: "InstitutionSplit | null", flags: "InstitutionFlag[]", steps: "Step[]", readings: "Reading[]", citation: "Citation" });
  declares("InstitutionRuleSummary", { calculator: "InstitutionCalculator", calculation: "Required<InstitutionCalculation>", above_top: "Text | null", questions: "InstitutionQuestion[]", recipient_note: "Text | null" });
  declares("CompensationTier", { from_percent: "string", "top?": "TierTop", share_percent: "string" });
  declares("ProductSummary", { id: "string", name: "Text", rules: "string[]" });
  declares("StudioSource", { folder: "string", id: "string", title: "string", cases: "number" });
  declares("StudioCheck", { ok: "boolean", documents: "number", rules: "number", errors: "StudioError[]" });
  declares("PackForm", { document: "FormField[]", rules: "RuleForm[]" });
  declares("FormField", { key: "string", value: "string", unit_zh: "string", choices: "FormChoice[]" });
  declares("StudioPreview", { personas: "Comparison[]", persona_count: "number", cases: "Comparison[]", case_count: "number", problems: "string[]" });
  declares("Comparison", { id: "string", total_change: "string", changes: "RuleChange[]" });
  declares("RuleChange", { before: "ComparisonSide | null", change: "string | null", expected: "string | null", expectation_holds: "boolean | null" });
  declares("ComparisonSide", { status: "RuleStatus", status_zh: "string", amount: "string | null" });
  declares("PublishedPack", { file_name: "string", json: "string", integrity: "string", snippet: "string", case_count: "number" });
  declares("ReferenceField", { path: "string", section: "string", templates: "string[]", required: "boolean" });
  assert.match(dts, /export type StudioReference = \[ReferenceSection\[\], ReferenceField\[\]\];/);
  assert.match(dts, /export type ReferenceSection = \[string, string, string\];/);
  for (const union of ["InstitutionInput", "InstitutionCalculator", "InstitutionStatus", "InstitutionCalculation", "ScreeningOutcome", "StudioError"]) {
    assert.match(dts, new RegExp(`export type ${union} = `), union);
  }
  assert.match(dts, /export type InstitutionInput = \(\{ calculator: "tiered_compensation" \} & CompensationInput\) \|/);
  assert.match(dts, /institutionRules\(\): InstitutionRuleSummary\[\];/);
  assert.match(dts, /next\(max: number\): BatchSlice;/);
  assert.match(dts, /batchFromRows\(rows: string\[\]\[\], default_date\?: string \| null\): BatchList;/);
  assert.match(dts, /export function batchSummarySum\(parts: BatchSummary\[\]\): BatchSummarySum;/);
  declares("BatchSummarySum", { summary: "BatchSummary", totalText: "string" });
  assert.match(dts, /check\(text: string, file: string\): StudioCheck;/);
  assert.match(dts, /form\(text: string\): PackForm;/);
  assert.match(dts, /preview\(text: string, personas: string\): StudioPreview;/);
  assert.match(dts, /publish\(text: string, url: string\): PublishedPack;/);
  assert.match(dts, /reference\(\): StudioReference;/);
  // The public API, before wasm-bindgen's own loader types, has no `any`.
  const api = publicApi(dts);
  assert.deepEqual(anyLines(api), []);

  // Every key of the tools' real objects is declared.
  const tools = await import(path.join(TOOLS, "sme_subsidy_tools.js"));
  tools.initSync({ module: fs.readFileSync(path.join(TOOLS, "sme_subsidy_tools_bg.wasm")) });
  const declared = declaredKeys(api);
  const calculator = new tools.Calculator();
  const input = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/institution.json"), "utf8"));
  const csv = fs.readFileSync(path.join(ROOT, "examples/batch-template.csv"));
  const list = calculator.batchFromCsv(csv, "2024-12-31");
  const bad = calculator.batchFromCsv(Buffer.from("企业名称,员工\n甲,x\n"), "2024-12-31");
  // The studio as its page uses it (www/studio.js): 聊城 2024 with LC-P-1's
  // share raised to 30% (a preview with changes and a broken golden case),
  // and a pack with mistakes (located errors).
  const studio = new tools.Studio();
  const liaocheng = studio.source("001-liaocheng-fiscal-finance-2024");
  const edited = studio.set(liaocheng, "LC-P-1", "calculation.share_percent", "30");
  const personas = JSON.stringify(PERSONAS.map((p) => ({ id: p.id, name: p.name, scenario: p.scenario })));
  const preview = studio.preview(edited, personas);
  assert.ok(preview.personas.length > 0 && preview.cases.some((c) => c.changes.some((r) => r.expectation_holds === false)), "a preview with changes");
  const mistakes = studio.check(fs.readFileSync(path.join(ROOT, "tests/packs/five-mistakes.toml"), "utf8"), "pack.toml");
  assert.ok(!mistakes.ok && mistakes.errors.some((e) => e.at && e.rule), "located errors");
  const used = keys([
    calculator.institutionRules(), calculator.institution(input), list.next(10), list.summary(), bad.next(10), bad.headerProblems(),
    tools.batchLimits(), calculator.batchColumns(), studio.sources(), calculator.products(),
    studio.check(edited, "pack.toml"), mistakes, studio.form(edited), preview, studio.publish(edited, "/packs/p.json"), studio.reference(),
  ]);
  assert.deepEqual([...used].filter((k) => !declared.has(k)), []);
});
