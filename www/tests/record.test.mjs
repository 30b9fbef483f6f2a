// 「下载测算记录」: the widget saves the record of the results shown; the
// command line (`sme-subsidy verify`, the native engine) recomputes it and
// finds it identical — the browser's pack hashes and amounts are the
// native ones — and, with a revised pack, names the rule it changed.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  ARTIFACTS, CLI, FIRST_SET_AMOUNT, ROOT, fillFirstSetInsurance, openPage, scenarioOf, screenshot, shown, start,
} from "./helpers.mjs";

let env;
before(async () => (env = await start()));
after(() => env.stop());

test("the widget's record verifies identical with the CLI; a revised pack names the changed rule", async () => {
  const opened = await openPage(env, "");
  const { page } = opened;
  const hitsAtLoad = env.hits.length;
  await fillFirstSetInsurance(page);
  assert.equal((await shown(page)).cards["LC-P-1"].amount, FIRST_SET_AMOUNT);

  const button = page.getByRole("button", { name: "下载测算记录" });
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  assert.equal(download.suggestedFilename(), "测算记录-2024-12-31.json");
  const file = path.join(ARTIFACTS, "record-first-set.json");
  await download.saveAs(file);
  const record = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(record.format, "sme-subsidy-record/1");
  assert.equal(record.total_yuan, FIRST_SET_AMOUNT);
  assert.deepEqual(record.results.find((r) => r.rule_id === "LC-P-1"), {
    rule_id: "LC-P-1", document_id: "liaocheng-2024-fiscal-finance", status: "eligible", amount_yuan: FIRST_SET_AMOUNT, counts_in_total: true,
  });

  // The same record as the native engine writes for the scenario entered:
  // the same pack hashes, scenario hash and amounts, byte for byte.
  const scenarioFile = path.join(ARTIFACTS, "record-first-set-scenario.json");
  fs.writeFileSync(scenarioFile, JSON.stringify(await scenarioOf(page)));
  assert.equal(execFileSync(CLI, ["record", scenarioFile], { encoding: "utf8" }), `${fs.readFileSync(file, "utf8")}\n`);

  // Recomputed by the command line: identical.
  const same = spawnSync(CLI, ["verify", file], { encoding: "utf8" });
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.match(same.stdout, /^一致.*identical/);

  // 聊城 2024 revised: LC-P-1's share 20% → 25%, so 600,000 × 25% = 150,000.00.
  const pack = fs.readFileSync(path.join(ROOT, "policies/001-liaocheng-fiscal-finance-2024/pack.toml"), "utf8");
  const at = pack.indexOf('id = "LC-P-1"');
  const share = pack.indexOf('share_percent = "20"', at);
  const revised = path.join(ARTIFACTS, "record-revised-pack.toml");
  fs.writeFileSync(revised, `${pack.slice(0, share)}share_percent = "25"${pack.slice(share + 'share_percent = "20"'.length)}`);
  const changed = spawnSync(CLI, ["verify", file, "--pack", revised], { encoding: "utf8" });
  assert.equal(changed.status, 1, changed.stdout + changed.stderr);
  const fields = changed.stdout.split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2).split("：")[0]);
  assert.deepEqual(fields, ["pack.documents[liaocheng-2024-fiscal-finance]", "results[LC-P-1]", "total_yuan"]);
  assert.match(changed.stdout, /results\[LC-P-1\][^\n]*\n\s*记录 recorded: eligible 120000\.00\n\s*现在 now:\s+eligible 150000\.00/);

  await screenshot(page, "record-download");
  assert.deepEqual(env.hits.slice(hitsAtLoad), [], "the record is made on the device: no request");
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});
