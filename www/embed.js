// The iframe page (embed.html): the host sets the calculator up through the
// frame's query string, e.g.
//   embed.html?product=patent-pledge-loan&lang=en&theme-color=%23005bac
// The attributes go on before the element is defined, so it starts with them.

const calculator = document.querySelector("sme-subsidy-calculator");
const params = new URLSearchParams(location.search);
for (const name of ["lang", "policy-set", "product", "family", "theme-color", "theme-ink"]) {
  if (params.has(name)) calculator.setAttribute(name, params.get(name));
}
await import("./widget.js");
