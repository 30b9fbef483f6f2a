//! `sme-subsidy screen <answers.json>`: S-2 推荐清单五项标准 for one
//! enterprise's answers or a list, a table in one language or JSON.

use std::path::Path;
use std::process::ExitCode;

use sme_subsidy::screening::{self, ScreeningReport};

use crate::files::read;
use crate::table::{new_table, pick};
use crate::{Format, Lang};

/// `sme-subsidy screen <answers.json>`: exit 1 on input errors.
pub fn run(answers: &Path, format: Format, lang: Option<Lang>) -> Result<ExitCode, String> {
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
