// What the two staff pages — 机构测算 (institution.html) and 政策包工作台
// (studio.html) — share: their {zh, en} text helpers and the header's two
// switches. Static text carries both languages and the stylesheet shows the
// one <html lang> names, so switching needs no new computation.

import { h } from "./dom.js";

/** The enterprise calculator's large-text preference: one setting for every page. */
const ELDER_KEY = "sme-subsidy:elder";

export const zh_en = (zh, en) => ({ zh, en });

/** The page's language: "zh" or "en". */
export const lang = () => (document.documentElement.lang === "en" ? "en" : "zh");

/** A {zh, en} text as two spans; the stylesheet shows the page language's. */
export const bi = (text) => [h("span", { class: "zh" }, text.zh), h("span", { class: "en", lang: "en" }, text.en)];

/** Fill `{name}` placeholders in both languages; values may be {zh, en} or plain. */
export function fill(text, values) {
  const one = (l) =>
    text[l].replace(/\{(\w+)\}/g, (_, k) => {
      const v = values[k];
      return v !== null && typeof v === "object" ? v[l] : String(v ?? "");
    });
  return { zh: one("zh"), en: one("en") };
}

/** localStorage, or null where the browser blocks it: the preference is then just not remembered. */
function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The header's switches: the language (`?lang=en` or the #language button;
 * the document title and every <option data-zh data-en> follow it) and
 * elder mode (the #elder button, remembered on this device).
 */
export function startSwitches(title) {
  const setLanguage = (value) => {
    document.documentElement.lang = value;
    document.title = title[lang()];
    for (const o of document.querySelectorAll("option[data-zh]")) o.textContent = o.dataset[lang()];
  };
  const elder = document.getElementById("elder");
  const setElder = (on) => {
    document.documentElement.classList.toggle("elder", on);
    elder.setAttribute("aria-pressed", String(on));
  };
  setLanguage(new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh-CN");
  setElder(storage()?.getItem(ELDER_KEY) === "1");
  document.getElementById("language").addEventListener("click", () => setLanguage(lang() === "en" ? "zh-CN" : "en"));
  elder.addEventListener("click", () => {
    const on = !document.documentElement.classList.contains("elder");
    setElder(on);
    try {
      storage()?.setItem(ELDER_KEY, on ? "1" : "0");
    } catch {
      // full or read-only storage: the mode still applies to this visit
    }
  });
}
