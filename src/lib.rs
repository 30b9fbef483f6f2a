//! # sme-subsidy — 中小企业融资补贴测算
//!
//! Estimates the subsidies a Chinese small or medium enterprise may claim
//! under published local policies — loan interest (贴息), guarantee fees
//! (担保费补贴), insurance premiums (保费补贴) and IPO costs (上市补助) — and
//! shows for each policy the status, the amount to the fen, every step of
//! the calculation, the conditions still to meet, and the clause it comes
//! from.
//!
//! The policies are data ([`pack`]): each rule quotes its clause and names one
//! of a few calculation templates ([`templates`]) with that clause's
//! parameters. The same library runs natively (the `sme-subsidy` command)
//! and in the browser as WebAssembly, where no input leaves the device.
//!
//! The rules every figure follows are in `docs/ground-rules.md`; comments
//! cite them as 「ground rule N」 and the provisions by code (I-1 … R-3).
//!
//! ```
//! let scenario = sme_subsidy::input::scenario_from_json(r#"{
//!   "evaluation_date": "2024-12-31",
//!   "enterprise": { "region": { "province": "山东省", "city": "聊城市" },
//!                   "industry": "industry", "employees": 80,
//!                   "operating_revenue": "50000000 CNY" },
//!   "evaluation_fees": [ { "fee": "30000 CNY", "for_patent_pledge_loan": true,
//!                         "paid_date": "2024-06-01" } ]
//! }"#).unwrap();
//! let evaluation = sme_subsidy::evaluate(sme_subsidy::pack::builtin::builtin(), &scenario);
//! let g2 = evaluation.results.iter().find(|r| r.rule.id == "LC-G-2").unwrap();
//! // 30,000 × 50% = 15,000, under the 20,000 per-item cap.
//! assert_eq!(g2.amount.unwrap().to_string(), "15000.00");
//! ```

pub mod apply;
pub mod batch;
#[cfg(feature = "studio")]
pub mod cases;
mod conditions;
pub mod engine;
pub mod fields;
pub mod input;
pub mod institution;
pub mod limits;
pub mod lpr;
pub mod money;
pub mod pack;
pub mod places;
pub mod product;
pub mod record;
pub mod report;
pub mod result;
pub mod scenario;
pub mod screening;
pub mod size;
mod templates;
pub mod vocabulary;
pub mod what_if;

/// The engine's version, as records and the browser package report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use engine::{evaluate, Evaluator};
pub use input::InputError;
pub use report::Report;
