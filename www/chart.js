// Small SVG charts of figures the engine returned: each policy's amount as a
// bar, and an interest subsidy against the loan size with its cap marked.
// This file only draws: the amounts are the engine's strings, turned into
// numbers for a bar's length or a point's height and never added up or
// shown as computed here. No inline styles (the page runs under a strict
// CSP): the look is in widget.css, by class, and it prints.

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value != null) element.setAttribute(name, String(value));
  for (const child of children.flat()) if (child != null) element.append(child);
  return element;
}

const text = (x, y, content, attrs = {}) => s("text", { x, y, ...attrs }, String(content));

/**
 * Horizontal bars: [{ label, amount: "12345.67", shown: "12,345.67 元", assumed }],
 * each labelled amount first (a long policy name may run past the edge).
 * An assumed bar (a what-if) is hatched and says so in its label.
 */
export function barChart(bars, { title }) {
  const row = 28;
  const width = 320;
  const height = bars.length * row + 4;
  const top = Math.max(...bars.map((b) => Number(b.amount)), 1);
  return s("svg", { class: "chart bars", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    s("title", {}, title),
    bars.map((b, i) => {
      const y = i * row + 2;
      const length = Math.max(2, (Number(b.amount) / top) * (width - 2));
      return s("g", { class: b.assumed ? "bar assumed" : "bar" },
        s("rect", { x: 0, y: y + 16, width: length.toFixed(1), height: 9, rx: 2 }),
        text(0, y + 12, `${b.shown} · ${b.label}`, { class: "bar-label" }));
    }));
}

/**
 * The subsidy against the loan's principal: the engine's points, its cap as
 * a dashed line, the principal entered as a marker.
 */
export function seriesChart(series, { title, capLabel, enteredLabel, xUnit, format }) {
  const width = 320;
  const height = 170;
  const left = 8;
  const right = 8;
  const bottom = 28;
  const topPad = 18;
  const xs = series.points.map(([x]) => Number(x));
  const ys = series.points.map(([, y]) => Number(y));
  const cap = series.cap_yuan === null ? null : Number(series.cap_yuan);
  const xMax = Math.max(...xs, 1);
  const yMax = Math.max(...ys, cap && cap < Math.max(...ys) * 3 ? cap : 0, 1);
  const px = (x) => left + (x / xMax) * (width - left - right);
  const py = (y) => height - bottom - (y / yMax) * (height - bottom - topPad);
  const line = series.points.map(([x, y]) => `${px(Number(x)).toFixed(1)},${py(Number(y)).toFixed(1)}`).join(" ");
  const entered = Number(series.entered_yuan);
  const last = series.points[series.points.length - 1];
  return s("svg", { class: "chart series", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    s("title", {}, title),
    s("line", { class: "axis", x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    cap !== null && cap <= yMax && [
      s("line", { class: "cap", x1: left, y1: py(cap), x2: width - right, y2: py(cap) }),
      text(width - right, py(cap) - 4, `${capLabel} ${format(series.cap_yuan)}`, { class: "cap-label", "text-anchor": "end" }),
    ],
    s("polyline", { class: "curve", points: line }),
    s("line", { class: "entered", x1: px(entered), y1: topPad, x2: px(entered), y2: height - bottom }),
    text(px(entered), height - bottom + 12, `${enteredLabel} ${format(series.entered_yuan)}`, {
      class: "entered-label", "text-anchor": px(entered) > width / 2 ? "end" : "start",
    }),
    text(left, height - 4, `0`, { class: "tick" }),
    text(width - right, height - 4, `${format(last[0])} ${xUnit}`, { class: "tick", "text-anchor": "end" }));
}
