// The staff tools' WebAssembly package (pkg-tools/, built with the `tools`
// feature): the calculator plus batch screening and the institution
// calculators. Only the batch worker and the institution page load it, so
// the widget's own package (pkg/) stays small.

import init, * as tools from "./pkg-tools/sme_subsidy_tools.js";

/** The WebAssembly file's Subresource-Integrity hash, stamped in by the release build. */
const WASM_INTEGRITY = "";

let loading;

/** Load and compile the module once; resolves to the package's exports. */
export function loadTools() {
  const url = new URL("./pkg-tools/sme_subsidy_tools_bg.wasm", import.meta.url);
  loading ??= init({ module_or_path: WASM_INTEGRITY ? fetch(url, { integrity: WASM_INTEGRITY }) : url }).then(() => tools);
  return loading;
}
