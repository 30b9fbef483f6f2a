//! Every rule quotes its document as published: each rule's (and each
//! institution rule's) `quote` is found in the document's `source.txt`,
//! inside the clause its `clause` label names, and so are its 牵头单位 and
//! 责任单位 and the quotes of its cross-references (`see_also`).
//!
//! How the text is read:
//! - whitespace is dropped before comparing (the published texts break
//!   lines and put spaces around numbers: 「小于 1%」); punctuation is not
//!   touched — a half-width 「,」 in the text stays half-width in the quote;
//! - 「……」 in a quote marks an elision: each piece must appear, in order;
//! - a clause label is a path of headings, 「二、（四）14」 = the chapter
//!   numbered 二 (「二、」, or 「2、」 as seed 002 prints it), its section
//!   （四） (full- or half-width brackets, as printed), its item 14 (「14.」);
//!   「；」 joins several clauses, quoted in that order. A heading's clause
//!   runs to the next heading of the same or a higher level; the body ends
//!   at the first line starting 「附件」 (an annex repeats 「一、」…).

use std::path::Path;

use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::pack::{Document, Units};

/// A heading level: 「一、」, 「（一）」, 「1.」.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Chapter,
    Section,
    Item,
}

/// The number of a Chinese numeral up to 99 (一, 十, 十一, 二十三).
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The number written at the start of `s` (Chinese or Arabic) and the rest.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end =
        s.find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c))).unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    let n = if num.chars().all(|c| c.is_ascii_digit()) { num.parse().ok() } else { chinese_number(num) };
    n.map(|n| (n, rest))
}

/// The heading a line (or the start of a clause label) opens, and the rest.
fn heading(s: &str) -> Option<(Level, u32, &str)> {
    if let Some(inner) = s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        let (n, rest) = leading_number(inner)?;
        let rest = rest.strip_prefix('）').or_else(|| rest.strip_prefix(')'))?;
        return Some((Level::Section, n, rest));
    }
    let (n, rest) = leading_number(s)?;
    if let Some(rest) = rest.strip_prefix('、') {
        return Some((Level::Chapter, n, rest));
    }
    // Items are Arabic: 「14.」 (a Chinese numeral with 「.」 is no heading).
    let arabic = s.starts_with(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix('．')).filter(|_| arabic)?;
    Some((Level::Item, n, rest))
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A source text cut into headed spans.
struct Source {
    lines: Vec<String>,
    /// (line index, level, number) of every heading of the body.
    headings: Vec<(usize, Level, u32)>,
}

impl Source {
    fn new(text: &str) -> Source {
        let lines: Vec<String> =
            text.lines().map(|l| l.trim().to_string()).take_while(|l| !l.starts_with("附件")).collect();
        let headings = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| heading(l).map(|(level, n, _)| (i, level, n)))
            .collect();
        Source { lines, headings }
    }

    /// The normalised text of the clause a label names: the spans of its
    /// 「；」-separated parts, in order.
    fn clause(&self, label: &str) -> Result<String, String> {
        let mut out = String::new();
        for part in label.split('；') {
            out.push_str(&self.part(part)?);
        }
        Ok(out)
    }

    fn part(&self, label: &str) -> Result<String, String> {
        let mut path = Vec::new();
        let mut rest = label.trim();
        while !rest.is_empty() {
            // A label ends with its item's bare number: 「14」 for 「14.」.
            let item = rest.parse().ok().map(|n| (Level::Item, n, ""));
            let (level, n, r) =
                heading(rest).or(item).ok_or_else(|| format!("cannot read the clause label {label:?}"))?;
            path.push((level, n));
            rest = r;
        }
        // Narrow [from, to) line by line down the path.
        let (mut from, mut to) = (0, self.lines.len());
        for (level, n) in path {
            let start = self
                .headings
                .iter()
                .find(|(i, l, num)| (from..to).contains(i) && *l == level && *num == n)
                .map(|(i, ..)| *i)
                .ok_or_else(|| format!("no heading {level:?} {n} for {label:?}"))?;
            let end = self
                .headings
                .iter()
                .find(|(i, l, _)| *i > start && *i < to && *l <= level)
                .map_or(to, |(i, ..)| *i);
            (from, to) = (start, end);
        }
        Ok(normalise(&self.lines[from..to].concat()))
    }
}

/// Each 「……」-separated piece of `quote`, in order, inside `clause`.
fn quote_in(clause: &str, quote: &str) -> Result<(), String> {
    let mut at = 0;
    for piece in quote.split("……").map(normalise).filter(|p| !p.is_empty()) {
        match clause[at..].find(&piece) {
            Some(i) => at += i + piece.len(),
            None => return Err(format!("not in the clause (after what matched before): {piece}")),
        }
    }
    Ok(())
}

/// The clause names 牵头单位/责任单位 exactly when the rule carries them,
/// and then as the rule gives them.
fn units_in(clause: &str, units: Option<&Units>) -> Result<(), String> {
    let named = clause.contains("牵头单位") || clause.contains("责任单位");
    let Some(units) = units else {
        return if named {
            Err("the clause names 牵头单位/责任单位; the rule has no `units`".into())
        } else {
            Ok(())
        };
    };
    for (label, value) in [("牵头单位：", &units.lead), ("责任单位：", &units.responsible)] {
        if let Some(v) = value {
            let want = format!("{label}{}", normalise(v));
            if !clause.contains(&want) {
                return Err(format!("not in the clause: {want}"));
            }
        }
    }
    Ok(())
}

fn source_of(doc: &Document) -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&doc.source);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Source::new(&text)
}

fn check(source: &Source, clause: &str, quote: &str, units: Option<&Units>) -> Result<(), String> {
    let text = source.clause(clause)?;
    quote_in(&text, quote)?;
    units_in(&text, units)
}

#[test]
fn every_quote_is_in_its_clause() {
    let set = builtin();
    let sources: Vec<Source> = set.documents.iter().map(source_of).collect();
    let source = |id: &str| {
        let i = set.documents.iter().position(|d| d.id == id).unwrap_or_else(|| panic!("no document {id}"));
        &sources[i]
    };
    let mut errors = Vec::new();
    let mut checked = 0;
    for (doc, rule) in set.rules() {
        let mut report = |what: &str, r: Result<(), String>| {
            checked += 1;
            if let Err(e) = r {
                errors.push(format!("{} {what}: {e}", rule.id));
            }
        };
        report(&rule.clause, check(source(&doc.id), &rule.clause, &rule.quote, rule.units.as_ref()));
        for see in &rule.see_also {
            let what = format!("see_also {} {}", see.document, see.clause);
            report(&what, source(&see.document).clause(&see.clause).and_then(|t| quote_in(&t, &see.quote)));
        }
        if let Some(d) = &rule.deadline {
            let what = format!("deadline {}", d.clause);
            report(&what, source(&doc.id).clause(&d.clause).and_then(|t| quote_in(&t, &d.quote)));
        }
    }
    for (doc, rule) in set.institution_rules() {
        checked += 1;
        if let Err(e) = check(source(&doc.id), &rule.clause, &rule.quote, rule.units.as_ref()) {
            errors.push(format!("{} {}: {e}", rule.id, rule.clause));
        }
    }
    assert!(errors.is_empty(), "{} of {checked} quotes not found:\n{}", errors.len(), errors.join("\n"));
    // 15 rules (one with a cross-reference) and 14 institution rules when written.
    assert!(checked >= 30, "only {checked} quotes checked");
}

/// The check is not trivially true: a quote from the right text under the
/// wrong clause, a quote with a full-width comma where the text has a
/// half-width one, pieces out of order, and a missing heading all fail.
#[test]
fn the_check_refuses_what_the_text_does_not_say() {
    let doc = |id: &str| builtin().documents.iter().find(|d| d.id == id).unwrap();
    let liaocheng = source_of(doc("liaocheng-2024-fiscal-finance"));
    let quote = "财政部门按照贷款市场报价利率(LPR)的40%给予贴息补助, 同一企业一个年度贴息额最高10万元。";
    assert_eq!(
        check(&liaocheng, "二、（四）14", quote, None),
        Err("the clause names 牵头单位/责任单位; the rule has no `units`".into())
    );
    let units =
        Units { lead: Some("市市场监管局、人民银行聊城市分行".into()), responsible: None };
    assert_eq!(check(&liaocheng, "二、（四）14", quote, Some(&units)), Ok(()));
    // The same words under item 13, or under another section: not there.
    assert!(check(&liaocheng, "二、（四）13", quote, Some(&units))
        .unwrap_err()
        .contains("not in the clause"));
    assert!(check(&liaocheng, "二、（三）14", quote, Some(&units)).unwrap_err().contains("no heading"));
    // Full-width 「，」 where the text prints 「, 」.
    let widened = quote.replace(", ", "，");
    assert!(check(&liaocheng, "二、（四）14", &widened, Some(&units)).is_err());
    // Elided pieces must come in the text's order.
    assert!(check(&liaocheng, "二、（四）14", "同一企业一个年度……贷款市场报价利率", Some(&units)).is_err());
    assert_eq!(check(&liaocheng, "二、（四）14", "贷款市场报价利率……同一企业一个年度", Some(&units)), Ok(()));
    // A lead unit the clause does not name.
    let wrong = Units { lead: Some("市财政局".into()), responsible: None };
    assert!(check(&liaocheng, "二、（四）14", quote, Some(&wrong)).is_err());

    // Seed 002 numbers its second chapter 「2、」: 二、（四） still finds it; the
    // annex of seed 003 (「一、工作职责」) is not the body's 一、.
    let wenzhou = source_of(doc("wenzhou-guarantee-reform-draft"));
    assert!(wenzhou.clause("二、（四）").unwrap().contains("构建互信共赢的银担合作机制"));
    let tongchuan = source_of(doc("tongchuan-2024-sme-financing"));
    assert!(!tongchuan.clause("一、").unwrap().contains("工作职责"));
    assert!(tongchuan.clause("三、（一）").unwrap().contains("同一批次推送不超过3家银行"));
}

#[test]
fn clause_labels_read_as_heading_paths() {
    assert_eq!(heading("二、（四）14"), Some((Level::Chapter, 2, "（四）14")));
    assert_eq!(heading("(三) 加大"), Some((Level::Section, 3, " 加大")));
    assert_eq!(heading("14.实施"), Some((Level::Item, 14, "实施")));
    assert_eq!(heading("2、 主要举措"), Some((Level::Chapter, 2, " 主要举措")));
    assert_eq!(heading("十二、"), Some((Level::Chapter, 12, "")));
    assert_eq!(heading("2021年新增"), None);
    assert_eq!(heading("（此件公开发布）"), None);
    assert_eq!(heading("一.x"), None);
}
