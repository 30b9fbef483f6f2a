// Offline use (sw.js, offline.js, manifest.webmanifest): after one visit
// online, the calculator and the staff batch page load and calculate with
// the network cut; the widget on a host's page registers no service worker;
// a rebuilt release with one changed file replaces the cache and deletes the
// old one; and no request ever goes to another origin.
//
// The server here serves a folder through a link, so a test can put a new
// release in its place on the same origin.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { serve } from "../serve.mjs";
import { FIRST_SET_AMOUNT, ROOT, SITE, fillFirstSetInsurance, firstResult, screenshot, shown, start } from "./helpers.mjs";

let env;
let server;
let base;
const hits = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "sme-offline-"));
const live = path.join(work, "live");

before(async () => {
  env = await start();
  fs.symlinkSync(SITE, live);
  server = await serve(live, 0, (url) => hits.push(url));
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(async () => {
  server.close();
  await env.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The release's version, as stamped into its sw.js. */
const versionOf = (site) => fs.readFileSync(path.join(site, "sw.js"), "utf8").match(/const VERSION = "([0-9a-f]{16})";/)[1];
const cacheName = (version) => `sme-subsidy ${base} ${version}`;

/** A context with service workers allowed, recording every request and every problem. */
async function openContext() {
  const context = await env.browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 }, serviceWorkers: "allow" });
  const requests = [];
  const problems = [];
  context.on("request", (r) => requests.push(r.url()));
  const watch = (page) => {
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  };
  context.on("page", watch);
  return { context, requests, problems };
}

/**
 * Wait until `check`, run in the page, resolves to true (page.waitForFunction
 * would take the promise an async check returns as the truthy value).
 */
async function until(page, check, arg, what) {
  for (const deadline = Date.now() + 20000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if ((await page.evaluate(check, arg)) === true) return;
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Wait until the page is controlled by the active worker of `version`. */
function controlledBy(page, version) {
  return until(
    page,
    async (name) => navigator.serviceWorker.controller !== null && (await caches.keys()).includes(name),
    cacheName(version),
    `control by release ${version}`,
  );
}

/** The files the cache holds, relative to the site. */
function cachedFiles(page, version) {
  return page.evaluate(async ([name, scope]) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((r) => r.url.slice(scope.length)).sort();
  }, [cacheName(version), base]);
}

/** The files a page needs, as the release's sw.js lists them. */
function pageFiles(site, page) {
  const pages = JSON.parse(fs.readFileSync(path.join(site, "sw.js"), "utf8").match(/const PAGES = (.*);/)[1]);
  return pages[page];
}

/** Wait until the cache holds every file `page` needs. */
function pageCached(browserPage, version, page) {
  return until(
    browserPage,
    async ([name, scope, files]) => {
      const cache = await caches.open(name);
      for (const file of files) if (!(await cache.match(scope + file))) return false;
      return true;
    },
    [cacheName(version), base, pageFiles(SITE, page)],
    `${page} cached`,
  );
}

const ownOrigin = (requests) => assert.deepEqual(requests.filter((url) => !url.startsWith(base)), [], "no request to another origin");

test("after one visit, the calculator calculates and the batch page loads with the network cut", async () => {
  const { context, requests, problems } = await openContext();
  const page = await context.newPage();
  const version = versionOf(SITE);
  await page.goto(base);
  await firstResult(page);
  await controlledBy(page, version);
  await pageCached(page, version, "index.html");
  // The staff batch page, visited once online.
  await page.goto(`${base}batch.html`);
  await page.locator('#batch[data-ready="true"]').waitFor({ timeout: 20000 });
  await pageCached(page, version, "batch.html");
  // One cache: this release's.
  assert.deepEqual((await page.evaluate(() => caches.keys())).filter((n) => n.startsWith("sme-subsidy ")), [cacheName(version)]);

  await context.setOffline(true);
  const hitsOnline = hits.length;
  await page.goto(base);
  await firstResult(page);
  await fillFirstSetInsurance(page);
  const view = await shown(page);
  assert.deepEqual(view.cards["LC-P-1"], { status: "eligible", amount: FIRST_SET_AMOUNT });
  assert.equal(view.total, FIRST_SET_AMOUNT);
  await screenshot(page, "offline-calculator");

  await page.goto(`${base}batch.html`);
  // Ready: the worker has started and loaded the staff tools' engine.
  await page.locator('#batch[data-ready="true"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator("h1").textContent(), "批量筛查企业名单");
  await screenshot(page, "offline-batch");

  assert.deepEqual(hits.slice(hitsOnline), [], "nothing reached the server while offline");
  ownOrigin(requests);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the widget on a host's page registers no service worker", async () => {
  const { context, requests, problems } = await openContext();
  const page = await context.newPage();
  const hitsBefore = hits.length;
  await page.goto(`${base}examples/portal.html`);
  await firstResult(page);
  // The widget has loaded and calculated: any registration it made would be listed.
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  assert.ok(!hits.slice(hitsBefore).includes("/sw.js"), "sw.js never fetched");
  assert.ok(hits.slice(hitsBefore).includes("/widget.js"));
  ownOrigin(requests);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a new release with one changed file replaces the cache, and the old cache is deleted", async () => {
  // Release B: release A with one stylesheet changed, stamped again.
  const siteB = path.join(work, "site-b");
  fs.cpSync(SITE, siteB, { recursive: true });
  fs.appendFileSync(path.join(siteB, "page.css"), "\n/* release B */\n");
  execFileSync("node", [path.join(ROOT, "www/tools/stamp-sri.mjs"), siteB]);
  const [versionA, versionB] = [versionOf(SITE), versionOf(siteB)];
  assert.notEqual(versionA, versionB, "the version follows the content");
  assert.equal(pageFiles(siteB, "index.html").join(), pageFiles(SITE, "index.html").join());

  const { context, requests, problems } = await openContext();
  let page = await context.newPage();
  await page.goto(base);
  await firstResult(page);
  await controlledBy(page, versionA);
  await page.goto(`${base}batch.html`);
  await pageCached(page, versionA, "batch.html");

  // The new release goes live. The next visit is still release A's (no
  // page mixes two releases); meanwhile release B installs and waits.
  fs.rmSync(live);
  fs.symlinkSync(siteB, live);
  await page.goto(base);
  await firstResult(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
  await until(page, async () => (await navigator.serviceWorker.getRegistration()).waiting !== null, null, "release B waiting");
  assert.doesNotMatch(await page.evaluate(() => fetch("page.css").then((r) => r.text())), /release B/, "release A's page, from A's cache");
  const both = (await page.evaluate(() => caches.keys())).filter((n) => n.startsWith("sme-subsidy ")).sort();
  assert.deepEqual(both, [cacheName(versionA), cacheName(versionB)].sort());
  // Release B cached what A held: the calculator and the batch page.
  const expectedB = [...new Set([...pageFiles(siteB, "index.html"), ...pageFiles(siteB, "batch.html")])].sort();
  assert.deepEqual(await cachedFiles(page, versionB), expectedB);

  // Once no tab runs release A, B takes over and deletes A's cache.
  await page.close();
  page = await context.newPage();
  await page.goto(base);
  await firstResult(page);
  await controlledBy(page, versionB);
  await until(
    page,
    async (name) => (await caches.keys()).filter((n) => n.startsWith("sme-subsidy ")).join() === name,
    cacheName(versionB),
    "release A's cache deleted",
  );
  assert.match(await page.evaluate(() => fetch("page.css").then((r) => r.text())), /release B/);

  // Offline, release B's batch page loads from its cache.
  await context.setOffline(true);
  const hitsOnline = hits.length;
  await page.goto(`${base}batch.html`);
  await page.locator('#batch[data-ready="true"]').waitFor({ timeout: 20000 });
  assert.deepEqual(hits.slice(hitsOnline), [], "nothing reached the server while offline");
  ownOrigin(requests);
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(live);
  fs.symlinkSync(SITE, live);
});

test("the manifest makes it installable, in Chinese, with the site's icon", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(SITE, "manifest.webmanifest"), "utf8"));
  assert.equal(manifest.lang, "zh-CN");
  assert.equal(manifest.name, "中小企业融资补贴测算");
  assert.equal(manifest.start_url, "index.html");
  assert.equal(manifest.display, "standalone");
  for (const icon of manifest.icons) assert.ok(fs.existsSync(path.join(SITE, icon.src)), icon.src);
  for (const shortcut of manifest.shortcuts) assert.ok(fs.existsSync(path.join(SITE, shortcut.url)), shortcut.url);
});
