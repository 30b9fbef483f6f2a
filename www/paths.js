// Reading and writing the engine's input by its own paths
// (`loans[0].principal`, `lines[1].category`), the paths its input errors
// name. Apart from calculator.js, so the institution page, which runs the
// staff tools' package, uses them without loading the calculator's.

/** `loans[0].principal` → ["loans", 0, "principal"]. */
export function parsePath(path) {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
}

export function getPath(object, path) {
  return parsePath(path).reduce((value, key) => value?.[key], object);
}

/**
 * Set a field; `undefined` deletes it, and an object left empty by that is
 * deleted too (an empty `region` would otherwise lack its required province).
 */
export function setPath(object, path, value) {
  const keys = parsePath(path);
  const parents = [];
  let node = object;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    if (node[key] == null) {
      if (value === undefined) return;
      node[key] = typeof keys[i + 1] === "number" ? [] : {};
    }
    parents.push([node, key]);
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (value !== undefined) {
    node[last] = value;
    return;
  }
  delete node[last];
  for (const [parent, key] of parents.reverse()) {
    const child = parent[key];
    if (Array.isArray(parent) || Array.isArray(child) || Object.keys(child).length > 0) break;
    delete parent[key];
  }
}
