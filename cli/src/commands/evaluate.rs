//! `sme-subsidy evaluate <scenario>`: one scenario against the built-in pack
//! (and a portal's), as a terminal table in one language or the full JSON
//! report; with `--product`, only a bank product's rules and their total;
//! exit 1 on input or pack errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sme_subsidy::limits::terminal_safe;
use sme_subsidy::report::{self, Bi, Report};

use crate::files::scenario_and_set;
use crate::table::{new_table, pick, reading_lines};
use crate::{Format, Lang};

pub fn run(
    scenario: &Path,
    format: Format,
    lang: Option<Lang>,
    pack: &[PathBuf],
    product: Option<&str>,
) -> Result<ExitCode, String> {
    let Some((scenario, set)) = scenario_and_set(scenario, pack)? else {
        return Ok(ExitCode::from(1));
    };
    let mut evaluation = sme_subsidy::evaluate(&set, &scenario);
    if let Some(id) = product {
        let Some(product) = set.product(id) else {
            let known: Vec<&str> = set.products().map(|p| p.id.as_str()).collect();
            eprintln!(
                "输入错误 input error — product: 政策包中没有产品 {0}（可选：{1}） / the pack has no product {0} (one of: {1})",
                terminal_safe(id),
                known.join(", ")
            );
            return Ok(ExitCode::from(1));
        };
        evaluation = sme_subsidy::product::scoped(evaluation, product);
    }
    match format {
        Format::Json => {
            let report = Report::new(&evaluation, lang.unwrap_or(Lang::Both).report());
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)
        }
        Format::Table => {
            let lang = if lang == Some(Lang::En) { Lang::En } else { Lang::Zh };
            print_table(&Report::new(&evaluation, lang.report()), lang)
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(report: &Report, lang: Lang) {
    let pick = |t: &Bi| pick(lang, t);
    println!("{} — {}", report.evaluation_date, pick(&report.enterprise_size.text));
    let header = if lang == Lang::Zh {
        ["政策", "状态", "金额（元）", "计算过程 / 原因", "出处"]
    } else {
        ["Policy", "Status", "Amount (yuan)", "Steps / reasons", "Source"]
    };
    let mut table = new_table(header);
    for r in &report.results {
        let mut detail: Vec<String> = r.steps.iter().map(|s| format!("· {}", pick(&s.text))).collect();
        detail.extend(r.reasons.iter().map(|t| format!("✗ {}", pick(t))));
        detail.extend(r.missing.iter().map(|m| format!("? {}", pick(&m.text))));
        detail.extend(r.to_confirm.iter().map(|c| format!("☐ {}", pick(&c.text))));
        detail.extend(r.notes.iter().map(|n| format!("※ {}", pick(n))));
        detail.extend(reading_lines(&r.readings, lang));
        table.add_row(vec![
            format!("{} {}", r.rule_id, pick(&r.name)),
            pick(&r.status_text),
            r.amount_yuan.clone().unwrap_or_else(|| "—".into()),
            detail.join("\n"),
            report::citation_lines(&r.citation, pick),
        ]);
    }
    println!("{table}");
    println!("{}", pick(&report.total_text));
    for line in report.not_in_total.iter().chain(&report.could_add) {
        println!("  + {}", pick(line));
    }
    println!("{}", pick(&report.notice));
}
