// The service worker: the calculator and the staff pages work offline once
// visited (outreach staff at enterprises with a poor network). Only our own
// pages register it (offline.js; never the widget on a host's page), and
// its scope is the folder the site is in.
//
// One cache per release, named by VERSION: a hash of every release file,
// stamped by www/tools/stamp-sri.mjs with PAGES (each page → the files it
// needs) and FILES (each file → its integrity hash). The cache holds only
// this release's bytes — a file fetched while a newer release goes live is
// refused by its hash — so a page never mixes two releases. A new release
// is a new sw.js: it caches the calculator and every page the old cache
// held, and once no tab runs the old release it takes over and deletes the
// old cache.

const VERSION = "";
const PAGES = {};
const FILES = {};

const SCOPE = self.registration.scope;
// Caches are per origin: a site under another path keeps its own.
const PREFIX = `sme-subsidy ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const START = "index.html";

/** The release file an address names, relative to the scope ("" for none). */
function releaseFile(url) {
  const { href } = new URL(url);
  if (!href.startsWith(SCOPE)) return "";
  let file;
  try {
    file = decodeURIComponent(href.slice(SCOPE.length).split(/[?#]/)[0]).replace(/(^|\/)$/, "$1index.html");
  } catch {
    return ""; // a broken %-escape names no release file
  }
  return file in FILES ? file : "";
}

const address = (file) => new URL(file, SCOPE).href;

/** A page with every file it needs that the cache lacks, fetched past the HTTP cache, each checked by its hash. */
async function cachePage(cache, page) {
  const missing = [];
  for (const file of PAGES[page]) if (!(await cache.match(address(file)))) missing.push(file);
  await cache.addAll(missing.map((file) => new Request(address(file), { cache: "reload", integrity: FILES[file] })));
}

/** Whether a response's body is this release's `file` (the hash stamped in FILES). */
async function isRelease(response, file) {
  const [algorithm, expected] = FILES[file].split("-");
  const digest = await crypto.subtle.digest(algorithm.replace("sha", "SHA-"), await response.arrayBuffer());
  return btoa(String.fromCharCode(...new Uint8Array(digest))) === expected;
}

/** The pages a previous release's cache held: they stay offline after an update. */
async function pagesCachedBefore() {
  const pages = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const file = releaseFile(request.url);
      if (file in PAGES) pages.push(file);
    }
  }
  return pages;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page that registered the worker was fetched before it existed.
    const open = (await self.clients.matchAll({ includeUncontrolled: true })).map((c) => releaseFile(c.url));
    const pages = new Set([START, ...open, ...(await pagesCachedBefore())].filter((p) => p in PAGES));
    for (const page of pages) await cachePage(cache, page);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const file = releaseFile(request.url);
  event.respondWith(file ? fromRelease(event, file) : networkFirst(event));
});

/**
 * A release file from this release's cache; one not cached yet from the
 * network, kept if it is this release's, and a page with all it needs.
 * The query is ignored (embed.html?lang=en, the engine's fresh instance
 * `?instance=2` are the same file).
 */
async function fromRelease(event, file) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(address(file));
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil((async () => {
      if (!(await isRelease(copy.clone(), file))) return;
      await cache.put(address(file), copy);
      if (file in PAGES) await cachePage(cache, file);
    })());
  }
  return response;
}

/** Anything else under the scope (a portal's own pack): the network, else the last copy. */
async function networkFirst(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
    return response;
  } catch (error) {
    return (await cache.match(event.request)) ?? Promise.reject(error);
  }
}
