// The batch worker's helpers (batch-helper.js): one more engine per core
// beyond the worker's own (navigator.hardwareConcurrency), so a long CSV
// list is screened on every core. The list is cut into byte ranges, one
// per engine; each reads the file itself, screens the records that start in
// its range, numbered as the whole list numbers them, and keeps its rows.
// The page puts the parts' rows back in input order; `Parts` keeps what the
// worker needs of each: its share read, its summary, its row count.

/** A list shorter than this is screened by the worker alone: a second engine would not pay. */
const MIN_SPLIT_BYTES = 1 << 20;
/**
 * Reading a record only for its row number costs about this share of
 * screening it (the figures' list, 2 parts: 1.5 s for the 113 MB before
 * the second part, 12.6 s to screen them).
 */
const SKIP_COST = 0.1;
/** At most this many helpers, however many cores. */
const MAX_HELPERS = 7;

export class Pool {
  #helpers = [];
  #asks = new Map();
  #nextAsk = 0;
  #onRows = null;

  /** Start the helpers and load the engine (and the portal's pack at `packUrl`) in each. */
  async warm(packUrl) {
    const want = Math.max(0, Math.min((navigator.hardwareConcurrency || 1) - 1, MAX_HELPERS));
    while (this.#helpers.length < want) {
      const k = this.#helpers.length;
      const helper = new Worker(new URL("./batch-helper.js", import.meta.url), { type: "module" });
      helper.onmessage = ({ data }) => this.#message(k, data);
      this.#helpers.push(helper);
    }
    await Promise.all(this.#helpers.map((_, k) => this.#ask(k, { type: "warm", packUrl })));
  }

  /**
   * The byte ranges [from, until) of a list of `length` bytes, the
   * worker's own first. A part also reads the records before its range,
   * for their row numbers (at SKIP_COST), so a later part is shorter: each
   * then takes the same time, SKIP_COST × from + (until − from).
   */
  ranges(length) {
    const n = length >= MIN_SPLIT_BYTES ? this.#helpers.length + 1 : 1;
    // from(k + 1) = from(k) × (1 − SKIP_COST) + time, and from(n) = length.
    const keep = 1 - SKIP_COST;
    const time = (length * SKIP_COST) / (1 - keep ** n);
    const bounds = [0];
    for (let k = 1; k < n; k++) bounds.push(Math.floor(bounds[k - 1] * keep + time));
    bounds.push(length);
    return bounds.slice(0, -1).map((from, k) => [from, bounds[k + 1]]);
  }

  /**
   * Give the helpers the ranges after the first of `file` (each reads it
   * itself); `onRows(part, message)` hears each of their slices and errors,
   * `part` counting the worker's own as 0.
   */
  start(run, file, ranges, defaultDate, onRows) {
    this.#onRows = onRows;
    ranges.slice(1).forEach(([from, until], k) => {
      this.#helpers[k].postMessage({ type: "part", run, file, from, until, defaultDate });
    });
  }

  /** Stop the helpers' parts of the list `run`. */
  cancel(run) {
    for (const helper of this.#helpers) helper.postMessage({ type: "cancel", run });
  }

  /** Ask part `part` (≥ 1) for its `what`: "cells" (of `indices`), "csvRows" or "outputRows". */
  ask(part, what, indices) {
    return this.#ask(part - 1, { type: "ask", what, indices });
  }

  #ask(k, message) {
    const id = ++this.#nextAsk;
    return new Promise((resolve, reject) => {
      this.#asks.set(id, { resolve, reject });
      this.#helpers[k].postMessage({ ...message, id });
    });
  }

  #message(k, data) {
    if (data.type === "rows" || (data.type === "error" && data.run !== undefined)) {
      this.#onRows?.(k + 1, data);
      return;
    }
    // A "ready" answers the warm-up, an "answer" a question; an error either.
    const pending = this.#asks.get(data.id);
    if (!pending) return;
    this.#asks.delete(data.id);
    if (data.type === "error") pending.reject(new Error(data.message));
    else pending.resolve(data.value);
  }
}

/**
 * The parts of one list being screened: their read shares, summaries and
 * whether each is done (their rows go straight on to the page, tagged with
 * their part).
 */
export class Parts {
  constructor(ranges) {
    this.parts = ranges.map(([from, until]) => ({ size: until - from, read: 0, summary: null, done: false }));
  }

  /** A part's slice: the share read, the summary so far and whether it is done. */
  add(part, { read, summary, done }) {
    Object.assign(this.parts[part], { read, summary, done });
  }

  get done() {
    return this.parts.every((p) => p.done);
  }

  /** The share of the list read: each part's share, weighed by its bytes. */
  get read() {
    const size = this.parts.reduce((sum, p) => sum + p.size, 0);
    return size === 0 ? 1 : this.parts.reduce((sum, p) => sum + p.read * p.size, 0) / size;
  }

  /** The parts' summaries so far (an empty one for a part not yet heard from). */
  get summaries() {
    return this.parts.map((p) => p.summary ?? { rows: 0, ok: 0, failed: 0, blank: 0, total: "0.00" });
  }

  /** Which part holds the screened list's row `index`, and its index there. */
  locate(index) {
    let offset = 0;
    for (let part = 0; part < this.parts.length; part++) {
      const rows = this.parts[part].summary?.rows ?? 0;
      if (index < offset + rows) return [part, index - offset];
      offset += rows;
    }
    return [0, index];
  }
}
