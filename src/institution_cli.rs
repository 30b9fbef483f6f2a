//! The `institution` and `screen` subcommands of the `sme-subsidy` binary
//! (kept out of `main.rs`, which other commands share).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sme_subsidy::institution::{self, InstitutionReport};
use sme_subsidy::report::Bi;
use sme_subsidy::screening::{self, ScreeningReport};

use super::{new_table, policy_set, read, Format, Lang};

fn pick(lang: Lang, t: &Bi) -> String {
    if lang == Lang::En {
        t.en.to_string()
    } else {
        t.zh.to_string()
    }
}

/// `sme-subsidy institution <input.json>`: exit 1 on input or pack errors.
pub fn institution(
    input: &Path,
    format: Format,
    lang: Option<Lang>,
    packs: &[PathBuf],
) -> Result<ExitCode, String> {
    let text = read(input)?;
    let Some(set) = policy_set(packs) else {
        return Ok(ExitCode::from(1));
    };
    let results = match institution::evaluate_json(&set, &text) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                eprintln!("输入错误 input error — {}", sme_subsidy::limits::terminal_safe(&e.to_string()));
            }
            return Ok(ExitCode::from(1));
        }
    };
    match format {
        Format::Json => {
            let l = lang.unwrap_or(Lang::Both).report();
            let reports: Vec<InstitutionReport> =
                results.iter().map(|r| InstitutionReport::new(r, l)).collect();
            println!("{}", serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?);
        }
        Format::Table => {
            let lang = if lang == Some(Lang::En) { Lang::En } else { Lang::Zh };
            let mut table = new_table(if lang == Lang::Zh {
                ["条款", "状态", "金额（元）", "计算过程 / 原因", "出处"]
            } else {
                ["Rule", "Status", "Amount (yuan)", "Steps / reasons", "Source"]
            });
            let reports: Vec<InstitutionReport> =
                results.iter().map(|r| InstitutionReport::new(r, lang.report())).collect();
            for r in &reports {
                let mut detail: Vec<String> =
                    r.steps.iter().map(|s| format!("· {}", pick(lang, &s.text))).collect();
                detail.extend(r.flags.iter().map(|f| format!("⚠ {}", pick(lang, &f.text))));
                detail.extend(r.reasons.iter().map(|t| format!("✗ {}", pick(lang, t))));
                detail.extend(r.to_confirm.iter().map(|c| format!("☐ {}", pick(lang, &c.text))));
                detail.extend(r.notes.iter().map(|n| format!("※ {}", pick(lang, n))));
                detail.extend(super::reading_lines(&r.readings, lang));
                let amount = match (&r.amount_yuan, r.amount_is_maximum) {
                    (Some(a), true) => format!("≤ {a}"),
                    (Some(a), false) => a.clone(),
                    (None, _) => "—".into(),
                };
                table.add_row(vec![
                    format!("{} {}", r.rule_id, pick(lang, &r.name)),
                    pick(lang, &r.status_text),
                    amount,
                    detail.join("\n"),
                    sme_subsidy::report::citation_lines(&r.citation, |t| pick(lang, t)),
                ]);
            }
            println!("{table}");
            for r in &reports {
                println!("{}: {}", r.rule_id, pick(lang, &r.summary));
            }
            if let Some(r) = reports.first() {
                println!("{}", pick(lang, &r.notice));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `sme-subsidy screen <answers.json>`: exit 1 on input errors.
pub fn screen(answers: &Path, format: Format, lang: Option<Lang>) -> Result<ExitCode, String> {
    let text = read(answers)?;
    let list = match screening::answers_from_json(&text) {
        Ok(list) => list,
        Err(errors) => {
            for e in &errors {
                eprintln!("输入错误 input error — {}", sme_subsidy::limits::terminal_safe(&e.to_string()));
            }
            return Ok(ExitCode::from(1));
        }
    };
    let screenings = screening::screen_all(&list);
    let summary = screening::summarize(&screenings);
    match format {
        Format::Json => {
            let l = lang.unwrap_or(Lang::Both).report();
            let reports: Vec<ScreeningReport> =
                list.iter().zip(&screenings).map(|(a, s)| ScreeningReport::new(a, s, l)).collect();
            let out = serde_json::json!({ "results": reports, "summary": summary });
            println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        }
        Format::Table => {
            let lang = if lang == Some(Lang::En) { Lang::En } else { Lang::Zh };
            let mut table = new_table(if lang == Lang::Zh {
                ["#", "企业", "初筛结论", "需核实"]
            } else {
                ["#", "Enterprise", "Outcome", "To ask"]
            });
            for (i, (a, s)) in list.iter().zip(&screenings).enumerate() {
                let r = ScreeningReport::new(a, s, lang.report());
                table.add_row(vec![
                    (i + 1).to_string(),
                    r.enterprise.unwrap_or("—").to_string(),
                    pick(lang, &r.outcome_text),
                    r.to_ask.iter().map(|q| pick(lang, q)).collect::<Vec<_>>().join("\n"),
                ]);
            }
            println!("{table}");
            if lang == Lang::Zh {
                println!(
                    "共 {} 户：可列入申报清单 {} 户，不列入 {} 户，待核实 {} 户",
                    summary.total, summary.listable, summary.not_listable, summary.incomplete
                );
            } else {
                println!(
                    "{} enterprises: {} may be listed, {} not, {} to confirm",
                    summary.total, summary.listable, summary.not_listable, summary.incomplete
                );
            }
            println!("{}", screening::CITATION);
        }
    }
    Ok(ExitCode::SUCCESS)
}
