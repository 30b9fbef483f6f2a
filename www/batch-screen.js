// What the batch worker and its helpers (batch-worker.js, batch-helper.js)
// both do with a CSV list: read the file in steps, and screen a list to
// its end a slice at a time, posting the rows as they go.

/** Bytes read from the file per step: a step is a few tens of ms, so progress can be said between. */
const READ_STEP = 16 << 20;
/** Rows per engine call: small enough to hear a cancel between calls. */
const SLICE = 500;
/** Post at least this often (ms) while screening. */
const POST_EVERY = 100;

/** Let queued messages (a cancel) in. */
export const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Read the file a step at a time: `each(bytes, end)` hears each step and
 * where it ends, so no step is a long task and progress can be said
 * between. False when `wanted()` turns false (the list was cancelled) on
 * the way.
 */
export async function readSteps(file, wanted, each) {
  for (let at = 0; at < file.size; at += READ_STEP) {
    const step = new Uint8Array(await file.slice(at, Math.min(at + READ_STEP, file.size)).arrayBuffer());
    if (!wanted()) return false;
    each(step, at + step.length);
  }
  return true;
}

/**
 * A CSV list's bytes in the engine (`BatchBytes`), handed over a step at a
 * time as they are read: the whole file is never a second time in memory
 * outside the engine. Null when cancelled on the way.
 */
export async function readCsv(tools, file, wanted, progress = () => {}) {
  const bytes = new tools.BatchBytes(file.size);
  const read = await readSteps(file, wanted, (step, end) => {
    bytes.push(step);
    progress(end);
  });
  if (read) return bytes;
  bytes.free();
  return null;
}

/**
 * Screen `list` (a BatchList) to its end. Every POST_EVERY ms at most,
 * `post(texts)` hears the rows screened since, as the engine wrote them
 * (JSON texts of BatchRow[]: a string crosses to another thread as one
 * copy; the page parses it). Between posts queued messages are let in;
 * false when `wanted()` then turns false (cancelled), true when done.
 */
export async function screenAll(list, wanted, post) {
  do {
    await yieldToMessages();
    if (!wanted()) return false;
    const began = performance.now();
    const texts = [];
    do texts.push(list.nextText(SLICE));
    while (!list.done && performance.now() - began < POST_EVERY);
    post(texts);
  } while (!list.done);
  return true;
}
