//! `sme-subsidy verify <record>`: a calculation record recomputed with this
//! engine and the pack; exit 0 when identical, 1 listing what changed, 2
//! when the record or a pack cannot be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sme_subsidy::limits::terminal_safe;
use sme_subsidy::record;

use crate::files::{policy_set, print_input_errors, read};

pub fn run(file: &Path, pack: &[PathBuf]) -> Result<ExitCode, String> {
    let (recorded, scenario) = match record::read(&read(file)?) {
        Ok(read) => read,
        Err(errors) => {
            print_input_errors(&errors);
            return Ok(ExitCode::from(2));
        }
    };
    let Some(set) = policy_set(pack) else {
        return Ok(ExitCode::from(2));
    };
    let differences = record::verify(&recorded, &scenario, &set);
    if differences.is_empty() {
        println!("一致：本程序重新测算的结果与记录完全相同 / identical: recomputed exactly as recorded");
        return Ok(ExitCode::SUCCESS);
    }
    println!("不一致：{} 处不同 / {} difference(s):", differences.len(), differences.len());
    for d in &differences {
        let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无 none）".into());
        // Ids and values come from the record and the packs: shown inert.
        println!("- {}", terminal_safe(&format!("{}：{} / {}", d.field, d.zh, d.en)));
        println!("  记录 recorded: {}", terminal_safe(&side(&d.recorded)));
        println!("  现在 now:      {}", terminal_safe(&side(&d.now)));
    }
    Ok(ExitCode::from(1))
}
