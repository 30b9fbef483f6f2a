// fflate as the spreadsheet libraries see it (scripts/build-site.sh maps
// the package name here): its asynchronous zip() and unzip() hand any part
// over 512 KiB (a list of about 400 rows) to a Web Worker made from a blob:
// address, which the pages' Content-Security-Policy (script-src 'self')
// refuses, and nothing reports it, so the list never loaded. The libraries
// already run inside the batch worker, off the page's main thread, so the
// synchronous calls cost the page nothing: these two run them and answer
// through the same callback, a turn later, as fflate does.
import { unzipSync, zipSync } from "../../node_modules/fflate/esm/browser.js";

export * from "../../node_modules/fflate/esm/browser.js";

/** `compute()`'s result, or what it threw, to `callback(error, result)`; returns fflate's terminate(). */
function answer(compute, callback) {
  setTimeout(() => {
    let result;
    try {
      result = compute();
    } catch (error) {
      callback(error, null);
      return;
    }
    callback(null, result);
  }, 0);
  return () => {};
}

export function unzip(data, options, callback) {
  if (!callback) [options, callback] = [{}, options];
  return answer(() => unzipSync(data, options), callback);
}

export function zip(data, options, callback) {
  if (!callback) [options, callback] = [{}, options];
  return answer(() => zipSync(data, options), callback);
}
