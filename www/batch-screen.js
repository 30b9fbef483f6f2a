// What the batch worker and its helpers (batch-worker.js, batch-helper.js)
// both do with a CSV list: read the file in steps, and screen a list to
// its end a slice at a time, posting the rows as they go.

/** Bytes read from the file per step: a step is a few tens of ms, so progress can be said between. */
const READ_STEP = 16 << 20;
/** Rows in the first engine call, before the list's own pace is known. */
const FIRST_SLICE = 500;
/**
 * Aim for an engine call of about this long (ms): short enough to hear a
 * cancel soon, long enough that what a call costs beyond its rows (the
 * engine sets up its screener per call, a few ms) is a small share — at
 * 500 rows a call it was a third of the time.
 */
const CALL_FOR = 25;
/**
 * The most rows per call: the page parses a call's rows (their JSON text)
 * in one go, and 4,000 rows (about 600 KB) take it a few ms.
 */
const MAX_SLICE = 2000;
/** Post at least this often (ms) while screening. */
const POST_EVERY = 50;

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
 * Screen `list` (a BatchList) to its end, in engine calls of about
 * CALL_FOR ms. Every POST_EVERY ms at most, `post(texts)` hears the rows
 * screened since, as the engine wrote them (JSON texts of BatchRow[]: a
 * string crosses to another thread as one copy; the page parses it).
 * Between posts queued messages are let in; false when `wanted()` then
 * turns false (cancelled), true when done.
 */
export async function screenAll(list, wanted, post) {
  let slice = FIRST_SLICE;
  do {
    await yieldToMessages();
    if (!wanted()) return false;
    const began = performance.now();
    const texts = [];
    do {
      const call = performance.now();
      texts.push(list.nextText(slice));
      // The next call's rows, from this call's pace (at most 4 times as many).
      const pace = CALL_FOR / Math.max(performance.now() - call, 1);
      slice = Math.max(FIRST_SLICE, Math.min(MAX_SLICE, Math.round(slice * Math.min(pace, 4))));
    } while (!list.done && performance.now() - began < POST_EVERY);
    post(texts);
  } while (!list.done);
  return true;
}
