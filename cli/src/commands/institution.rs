//! `sme-subsidy institution <input.json>`: the institution-facing
//! calculators (R-1 代偿补偿, R-2 银担分险, R-3 临海奖补), a table in one
//! language or the JSON reports.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sme_subsidy::institution::{self, InstitutionReport};

use crate::files::{policy_set, read};
use crate::table::{new_table, pick, reading_lines};
use crate::{Format, Lang};

/// `sme-subsidy institution <input.json>`: exit 1 on input or pack errors.
pub fn run(input: &Path, format: Format, lang: Option<Lang>, packs: &[PathBuf]) -> Result<ExitCode, String> {
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
                detail.extend(reading_lines(&r.readings, lang));
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
