// A portal's own policy pack — the widget's `policy-set`, the batch page's
// `data-policy-set` — fetched from the portal's own site (the CSP allows no
// other) and merged over the built-in pack. One place, so every page loads a
// pack, and refuses a bad one, alike: the engine's PackError names the file,
// the rule and the field.

/**
 * Load the pack at `url` (a JSON array of policy documents) into
 * `calculator`; with `integrity` ("sha384-…", as the pack studio gives it)
 * the browser refuses a file whose bytes differ.
 */
export async function loadPortalPack(calculator, url, integrity) {
  const response = await fetch(url, integrity ? { integrity } : undefined);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  calculator.loadPack(await response.json(), url);
}
