// The thin layer over the WebAssembly package (pkg/, built by wasm-pack):
// load the module once per page, make calculators, and evaluate while the
// user is still typing.

import * as glue from "./pkg/sme_subsidy.js";
import { loadPortalPack } from "./portal-pack.js";
import { parsePath } from "./paths.js";
import { restartableEngine } from "./wasm-engine.js";

export { isEngineFailure } from "./wasm-engine.js";

/** The WebAssembly file's Subresource-Integrity hash, stamped in by the release build. */
const WASM_INTEGRITY = "";

/** Whether this browser can run the calculator at all. */
export const supported =
  typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";

/** Loaded and compiled once, however many widgets the page holds. */
const engine = restartableEngine(
  glue,
  new URL("./pkg/sme_subsidy.js", import.meta.url).href,
  new URL("./pkg/sme_subsidy_bg.wasm", import.meta.url),
  WASM_INTEGRITY,
);

/**
 * A calculator with the built-in pack, plus a portal's pack when `packUrl`
 * names one (a JSON array of policy documents, same origin). A bad pack
 * throws the engine's PackError, which names the file, rule and field.
 * `fresh`: on a new instance of the engine, after the current one failed.
 */
export async function createCalculator(packUrl, { fresh = false, integrity = null } = {}) {
  const { Calculator } = await (fresh ? engine.restart() : engine.load());
  // Marks for www/tools/nav-breakdown.mjs: where the first result's time goes.
  performance.mark("sme-subsidy:engine");
  const calculator = new Calculator();
  performance.mark("sme-subsidy:pack");
  if (packUrl) await loadPortalPack(calculator, packUrl, integrity);
  return calculator;
}

/**
 * Evaluate while the user is still typing: a field the engine refuses is
 * left out and the rest is evaluated again, so one bad entry shows its
 * message without blanking every result. `call(scenario)` is the engine
 * call (the widget's `calculator.show(scenario, lang, product, family)`).
 * Returns its result (null when even that is impossible), every input
 * error met, and the scenario evaluated (without the refused fields).
 */
export function evaluateLenient(call, scenario) {
  const errors = [];
  const dropped = new Set();
  let current = scenario;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return { result: call(current), errors, scenario: current };
    } catch (error) {
      if (error?.name !== "InputError") throw error;
      // A required field we dropped is now "missing": already reported.
      const fresh = error.errors.filter((e) => !dropped.has(e.field));
      errors.push(...fresh);
      current = structuredClone(current);
      const removed = fresh.filter((e) => removePath(current, e.field));
      if (removed.length === 0) break;
      for (const e of removed) dropped.add(e.field);
    }
  }
  return { result: null, errors, scenario: null };
}

/** The rules of `calculator.policies()` by rule id. */
export function rulesById(policies) {
  return new Map(policies.flatMap((doc) => doc.rules.map((rule) => [rule.rule_id, rule])));
}

/**
 * The lean report's results (evaluate) joined with each rule's own texts
 * (policies, by rule id): the rule reports evaluateFull would give, the
 * outcome's texts strings in the language evaluated, the rule's {zh, en}.
 */
export function fullResults(report, rules) {
  return report.results.map((outcome) => {
    const rule = rules.get(outcome.rule_id);
    return {
      rule_id: outcome.rule_id,
      status: outcome.status,
      status_text: outcome.status_text,
      // The lean form leaves out a missing amount, false and empty lists.
      amount_yuan: outcome.amount_yuan ?? null,
      counts_in_total: outcome.counts_in_total ?? false,
      steps: outcome.steps ?? [],
      reasons: outcome.reasons ?? [],
      missing: outcome.missing ?? [],
      to_confirm: outcome.to_confirm ?? [],
      provision: rule.provision,
      name: rule.name,
      family: rule.family,
      family_name: rule.family_name,
      recipient: rule.recipient,
      recipient_text: rule.recipient_text,
      // The notes the engine picked for this enterprise, by index.
      notes: (outcome.notes ?? []).map((i) => ({ zh: rule.notes[i].zh, en: rule.notes[i].en })),
      readings: rule.readings,
      citation: rule.citation,
    };
  });
}

/** Drop a refused field; false when there is nothing to drop (a required field). */
function removePath(object, path) {
  const keys = parsePath(path);
  const last = keys.pop();
  const parent = keys.reduce((value, key) => value?.[key], object);
  if (parent?.[last] === undefined) return false;
  if (Array.isArray(parent)) parent.splice(last, 1);
  else delete parent[last];
  return true;
}
