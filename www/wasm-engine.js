// A WebAssembly engine that can be started afresh. A failure inside the
// module — a Rust panic ends as the `unreachable` trap — leaves its memory
// and borrow flags as they were mid-call, and every later call would fail
// too. The remedy is a new instance: the compiled module is kept (no second
// download of the .wasm), and the wasm-bindgen glue, which holds its
// instance in a module variable, is imported once more under a new address.
// calculator.js (the widget's package) and tools-wasm.js (the staff tools')
// each make one.

/**
 * The engine itself failed: a trap (`unreachable`, a Rust panic) or its
 * stack overflowing; its own checks throw InputError, PackError, BatchError.
 */
export const isEngineFailure = (error) => error instanceof WebAssembly.RuntimeError || error instanceof RangeError;

/**
 * `glue`: the package's module (imported statically by the caller, so the
 * release build preloads it with its integrity hash); `glueUrl` and
 * `wasmUrl` its addresses; `integrity` the .wasm file's SRI hash ("" in a
 * development build).
 */
export function restartableEngine(glue, glueUrl, wasmUrl, integrity) {
  let compiled;
  let current;
  let instances = 0;
  const compile = () =>
    (compiled ??= WebAssembly.compileStreaming(integrity ? fetch(wasmUrl, { integrity }) : fetch(wasmUrl)));
  return {
    /** The running engine (the package's exports), loaded and compiled once. */
    load() {
      current ??= compile().then(async (module) => {
        await glue.default({ module_or_path: module });
        return glue;
      });
      return current;
    },
    /** A new instance of the engine, after `load()`'s has failed. */
    restart() {
      instances += 1;
      current = compile().then(async (module) => {
        const fresh = await import(`${glueUrl}?instance=${instances}`);
        await fresh.default({ module_or_path: module });
        return fresh;
      });
      return current;
    },
  };
}
