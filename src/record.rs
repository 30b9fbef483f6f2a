//! 测算记录: a result that can be audited. A record carries the scenario
//! and its hash, the engine version, the active pack's identity (each
//! document's id and a hash of its content), the LPR table's newest date,
//! and per rule the status and amount. [`verify`] recomputes it with the
//! engine and pack at hand and names what changed — a pack revision, a
//! rule's amount. The format is `docs/record.schema.json`, versioned by
//! [`FORMAT`].
//!
//! Hashes are SHA-256 of the canonical JSON the library writes for the
//! parsed value (a document as `export-pack` writes it, the scenario as the
//! engine read it), so a pack read from TOML or from JSON, natively or in the
//! browser, has one hash.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Date;

use crate::input::{self, InputError};
use crate::pack::{Document, PolicySet};
use crate::report::{Lang, LeanReport};
use crate::scenario::{iso_date, Scenario};

/// The record format and its version; a new version gets a new schema.
pub const FORMAT: &str = "sme-subsidy-record/1";

/// 测算记录.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// [`FORMAT`].
    pub format: String,
    /// 测算引擎版本.
    pub engine_version: String,
    /// 政策包: the active documents.
    pub pack: PackIdentity,
    /// LPR 数据截至: the newest announcement in the engine's table.
    #[serde(with = "iso_date")]
    pub lpr_table_newest: Date,
    /// SHA-256 of the scenario's canonical JSON.
    pub scenario_sha256: String,
    /// 测算情形, as the engine read it.
    pub scenario: serde_json::Value,
    /// 各项政策的测算结果, in the pack's order.
    pub results: Vec<RuleRecord>,
    /// 合计: what is paid to the enterprise (yuan, 2 places).
    pub total_yuan: String,
}

/// The active pack: each document's id and content hash, and one hash over them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackIdentity {
    /// SHA-256 over the documents' ids and hashes, in order.
    pub sha256: String,
    pub documents: Vec<DocumentIdentity>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentIdentity {
    pub id: String,
    /// 文号, when the text gives one.
    pub number: Option<String>,
    /// SHA-256 of the document's canonical JSON.
    pub sha256: String,
}

/// One rule's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRecord {
    pub rule_id: String,
    pub document_id: String,
    /// As in the report: `eligible`, `amount_not_published`, `not_eligible`,
    /// `needs_information`, `outside_effective_dates`.
    pub status: String,
    pub amount_yuan: Option<String>,
    pub counts_in_total: bool,
}

/// One difference between a record and its recomputation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// Where: `engine_version`, `pack.documents[<id>]`, `lpr_table_newest`,
    /// `scenario_sha256`, `results[<rule id>]`, `total_yuan`.
    pub field: String,
    pub zh: String,
    pub en: String,
    /// As recorded and as recomputed; `None` where it is absent.
    pub recorded: Option<String>,
    pub now: Option<String>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical_hash<T: Serialize>(value: &T) -> String {
    sha256_hex(serde_json::to_string(value).expect("packs and scenarios serialize to JSON").as_bytes())
}

/// The active documents' ids and content hashes.
pub fn pack_identity(set: &PolicySet) -> PackIdentity {
    let documents: Vec<DocumentIdentity> = set.documents.iter().map(document_identity).collect();
    let listing: String = documents.iter().map(|d| format!("{}\0{}\n", d.id, d.sha256)).collect();
    PackIdentity { sha256: sha256_hex(listing.as_bytes()), documents }
}

fn document_identity(document: &Document) -> DocumentIdentity {
    DocumentIdentity {
        id: document.id.clone(),
        number: document.number.clone(),
        sha256: canonical_hash(document),
    }
}

/// The record of one evaluation of `scenario` against `set`.
pub fn record(set: &PolicySet, scenario: &Scenario) -> Record {
    let evaluation = crate::evaluate(set, scenario);
    let report = LeanReport::lean(&evaluation, Lang::Zh);
    let results = evaluation
        .results
        .iter()
        .zip(&report.results)
        .map(|(result, outcome)| RuleRecord {
            rule_id: result.rule.id.clone(),
            document_id: result.document.id.clone(),
            status: outcome.status.to_string(),
            amount_yuan: outcome.amount_yuan.clone(),
            counts_in_total: outcome.counts_in_total,
        })
        .collect();
    Record {
        format: FORMAT.to_string(),
        engine_version: crate::VERSION.to_string(),
        pack: pack_identity(set),
        lpr_table_newest: report.lpr_table_newest,
        scenario_sha256: canonical_hash(scenario),
        scenario: serde_json::to_value(scenario).expect("a scenario serializes to JSON"),
        results,
        total_yuan: report.total_yuan,
    }
}

/// Read a record (JSON text): its format, then its scenario, with the same
/// checks as any scenario; errors are located (`scenario.loans[0].principal`).
pub fn read(text: &str) -> Result<(Record, Scenario), Vec<InputError>> {
    let record: Record = serde_json::from_str(input::without_bom(text)).map_err(|e| {
        vec![InputError::new(
            "(record)",
            format!("测算记录格式错误：{e}"),
            format!("not a calculation record: {e}"),
        )]
    })?;
    if record.format != FORMAT {
        return Err(vec![InputError::new(
            "format",
            format!("不支持的记录格式「{}」，本程序读取 {FORMAT}", record.format),
            format!("unsupported record format \"{}\"; this program reads {FORMAT}", record.format),
        )]);
    }
    let scenario = input::scenario_from(&record.scenario).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| InputError { field: format!("scenario.{}", e.field), ..e })
            .collect::<Vec<_>>()
    })?;
    Ok((record, scenario))
}

/// Recompute a record with `set` and this engine: every difference, none
/// when the record is reproduced exactly.
pub fn verify(recorded: &Record, scenario: &Scenario, set: &PolicySet) -> Vec<Difference> {
    let now = record(set, scenario);
    let mut out = Vec::new();
    let mut differ = |field: String, zh: String, en: String, recorded: Option<&str>, now: Option<&str>| {
        if recorded != now {
            out.push(Difference {
                field,
                zh,
                en,
                recorded: recorded.map(str::to_string),
                now: now.map(str::to_string),
            });
        }
    };
    differ(
        "engine_version".into(),
        "测算引擎版本不同".into(),
        "engine version differs".into(),
        Some(&recorded.engine_version),
        Some(&now.engine_version),
    );
    // The hash of the scenario as recorded: a different one means the
    // record's scenario was altered after it was made.
    differ(
        "scenario_sha256".into(),
        "测算情形与记录的哈希不符（情形在记录生成后被改动）".into(),
        "the scenario does not match the recorded hash (changed after the record was made)".into(),
        Some(&recorded.scenario_sha256),
        Some(&now.scenario_sha256),
    );
    differ(
        "lpr_table_newest".into(),
        "LPR 数据截至日期不同".into(),
        "the LPR table's date differs".into(),
        Some(&recorded.lpr_table_newest.to_string()),
        Some(&now.lpr_table_newest.to_string()),
    );
    let documents = union(&recorded.pack.documents, &now.pack.documents, |d| &d.id);
    for (id, before, after) in documents {
        differ(
            format!("pack.documents[{id}]"),
            format!("政策文件 {id} 的内容不同（修订、新增或移除）"),
            format!("policy document {id} differs (revised, added or removed)"),
            before.map(|d| d.sha256.as_str()),
            after.map(|d| d.sha256.as_str()),
        );
    }
    let outcome = |r: &RuleRecord| {
        let amount = r.amount_yuan.as_deref().map(|a| format!(" {a}")).unwrap_or_default();
        let counted = if r.counts_in_total { "" } else { " (not in total)" };
        format!("{}{amount}{counted}", r.status)
    };
    for (id, before, after) in union(&recorded.results, &now.results, |r| &r.rule_id) {
        let (before, after) = (before.map(outcome), after.map(outcome));
        differ(
            format!("results[{id}]"),
            format!("政策 {id} 的测算结果不同"),
            format!("the result of {id} differs"),
            before.as_deref(),
            after.as_deref(),
        );
    }
    differ(
        "total_yuan".into(),
        "合计不同".into(),
        "the total differs".into(),
        Some(&recorded.total_yuan),
        Some(&now.total_yuan),
    );
    out
}

/// Items of two lists matched by key: the recorded order, then items only in the second.
fn union<'a, T>(
    recorded: &'a [T],
    now: &'a [T],
    key: impl Fn(&T) -> &String,
) -> Vec<(&'a String, Option<&'a T>, Option<&'a T>)> {
    let mut out: Vec<_> =
        recorded.iter().map(|r| (key(r), Some(r), now.iter().find(|n| key(n) == key(r)))).collect();
    out.extend(
        now.iter().filter(|n| !recorded.iter().any(|r| key(r) == key(n))).map(|n| (key(n), None, Some(n))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;

    fn example() -> Scenario {
        input::scenario_from_json(include_str!("../examples/scenario.json")).expect("the example scenario")
    }

    /// The record's scenario reads back as the same scenario (same hash),
    /// and a record verifies against what made it.
    #[test]
    fn a_record_reads_back_and_verifies_identical() {
        let made = record(builtin(), &example());
        let text = serde_json::to_string_pretty(&made).unwrap();
        let (read_back, scenario) = read(&text).unwrap();
        assert_eq!(read_back, made);
        assert_eq!(canonical_hash(&scenario), made.scenario_sha256);
        assert_eq!(verify(&read_back, &scenario, builtin()), []);
        assert_eq!(made.pack.documents.len(), builtin().documents.len());
        assert!(made.pack.documents.iter().all(|d| d.sha256.len() == 64));
    }

    /// SHA-256 itself, against the FIPS 180-2 example ("abc").
    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
