// The one element builder of the browser code: the widget (in its shadow
// root), the institution page and the batch page each lay out DOM from the
// engine's data, and build it the same way — text always as text, never as
// HTML, so nothing the user or a pack supplies can become markup.

/** Children as given to h(): nested arrays flattened, absent ones (null, undefined, false) dropped. */
export const nodes = (...children) => children.flat(Infinity).filter((c) => c != null && c !== false);

/** Save `blob` as a file named `name` (a download; nothing leaves the device). */
export function saveFile(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

/** A DOM element with attributes (`class`, `data-*`, `true` for a bare attribute; null or false leaves one out). */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...nodes(children));
  return element;
}

/** "1234567.5" → "1,234,567.5", on the string, so no digit is lost to floating point. */
export function groupDigits(text) {
  const [whole, fraction] = String(text).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace(/^-/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (fraction === undefined ? "" : `.${fraction}`);
}
