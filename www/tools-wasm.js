// The staff tools' WebAssembly package (pkg-tools/, built with the `tools`
// feature): the calculator plus batch screening and the institution
// calculators. Only the batch worker and the institution page load it, so
// the widget's own package (pkg/) stays small.

import * as glue from "./pkg-tools/sme_subsidy_tools.js";
import { restartableEngine } from "./wasm-engine.js";

export { isEngineFailure } from "./wasm-engine.js";

/** The WebAssembly file's Subresource-Integrity hash, stamped in by the release build. */
const WASM_INTEGRITY = "";

const engine = restartableEngine(
  glue,
  new URL("./pkg-tools/sme_subsidy_tools.js", import.meta.url).href,
  new URL("./pkg-tools/sme_subsidy_tools_bg.wasm", import.meta.url),
  WASM_INTEGRITY,
);

/** Load and compile the module once; resolves to the package's exports. */
export const loadTools = () => engine.load();

/** A new instance of the engine, after the loaded one failed; resolves to its exports. */
export const restartTools = () => engine.restart();
