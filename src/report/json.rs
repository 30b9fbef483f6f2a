//! The lean report in the language the page shows: every `{zh, en}` text
//! a plain string in that language (half the objects for the browser to
//! build), a missing amount, a `false` and an empty list left out. The
//! browser receives it as a JavaScript object (serde-wasm-bindgen); files
//! and tests write it with serde_json.
//!
//! Each part is a view that borrows the report and derives its
//! serialization, and with the feature `typescript` its TypeScript type
//! (`LeanReport`, `RuleOutcome`, …): the declaration a portal's developers
//! read is made from the very struct that writes the object.

use serde::{Serialize, Serializer};
use time::Date;

use super::{Bi, ConfirmReport, Lang, LeanReport, MissingReport, RuleOutcome, SizeReport, StepReport};
use crate::scenario::{iso_date, iso_date_opt};

impl<'p> LeanReport<'p> {
    /// This report with its texts in `lang`: with [`Lang::Both`] exactly
    /// the report's own serialization; with one language each text is the
    /// string in that language.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_, LeanReport<'p>> {
        InLang(self, lang)
    }
}

/// A part of the lean report serialized with its texts in one language.
pub struct InLang<'a, T>(&'a T, Lang);

/// A report part and its view with the texts in one language.
trait InOneLanguage {
    type View<'v>: Serialize
    where
        Self: 'v;
    fn view(&self, lang: Lang) -> Self::View<'_>;
}

impl<T: InOneLanguage> Serialize for InLang<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.view(self.1).serialize(s)
    }
}

/// Each report part's view, made from the part `r` in the language `lang`:
/// one table, so a new part is one line (the impls are all the same shape).
macro_rules! views {
    ($($part:ident => $view:ident: |$s:ident, $lang:ident| $make:expr;)*) => {$(
        impl InOneLanguage for $part<'_> {
            type View<'v> = $view<'v> where Self: 'v;
            fn view(&self, $lang: Lang) -> $view<'_> {
                let $s = self;
                $make
            }
        }
    )*};
}

views! {
    Bi => OneText: |r, lang| OneText(r, lang);
    LeanReport => LeanReportView: |r, lang| LeanReportView {
        evaluation_date: r.evaluation_date,
        enterprise_size: LeanSize::of(&r.enterprise_size, lang),
        results: Each(&r.results, lang),
        total_yuan: &r.total_yuan,
        total_text: OneText(&r.total_text, lang),
        not_in_total: Each(&r.not_in_total, lang),
        could_add: Each(&r.could_add, lang),
        lpr_table_newest: r.lpr_table_newest,
        notice: OneText(&r.notice, lang),
    };
    RuleOutcome => RuleOutcomeView: |r, lang| RuleOutcomeView {
        rule_id: r.rule_id,
        status: Name(r.status),
        status_text: OneText(&r.status_text, lang),
        amount_yuan: r.amount_yuan.as_deref(),
        counts_in_total: r.counts_in_total,
        steps: Each(&r.steps, lang),
        reasons: Each(&r.reasons, lang),
        missing: Each(&r.missing, lang),
        to_confirm: Each(&r.to_confirm, lang),
        notes: &r.notes,
    };
    StepReport => OutcomeStep: |r, lang| OutcomeStep { kind: Name(r.kind), text: OneText(&r.text, lang) };
    MissingReport => OutcomeMissing: |r, lang| OutcomeMissing { field: &r.field, text: OneText(&r.text, lang) };
    ConfirmReport => OutcomeToConfirm: |r, lang| OutcomeToConfirm {
        key: &r.key,
        text: OneText(&r.text, lang),
        answerable: r.not_yet.as_ref().map(|n| n.answerable),
        answerable_from: r.not_yet.as_ref().map(|n| n.answerable_from),
    };
}

/// A `{zh, en}` text as the string in one language (with [`Lang::Both`],
/// as the pair).
pub struct OneText<'a>(&'a Bi<'a>, Lang);

impl Serialize for OneText<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Lang::Zh => s.serialize_str(&self.0.zh),
            Lang::En => s.serialize_str(&self.0.en),
            Lang::Both => self.0.serialize(s),
        }
    }
}

/// Each item of a list in the same language.
pub struct Each<'a, T>(&'a [T], Lang);

impl<T> Each<'_, T> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: InOneLanguage> Serialize for Each<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|item| item.view(self.1)))
    }
}

/// The result of evaluate(): per rule only what the scenario decides, texts
/// as strings in one language. The rules' names, recipients, notes and
/// citations are in policies(), by rule_id.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "LeanReport"))]
#[derive(Serialize)]
pub struct LeanReportView<'a> {
    #[serde(serialize_with = "iso_date::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    evaluation_date: Date,
    enterprise_size: LeanSize<'a>,
    #[cfg_attr(feature = "typescript", tsify(type = "RuleOutcome[]"))]
    results: Each<'a, RuleOutcome<'a>>,
    /// 合计: computed amounts paid to the enterprise (yuan, 2 places).
    total_yuan: &'a str,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    total_text: OneText<'a>,
    /// Computed amounts paid to a guarantor or bank, or whose recipient the
    /// text leaves open: not the enterprise's cash.
    #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
    not_in_total: Each<'a, Bi<'a>>,
    /// Policies that apply but publish no figure: could add to the total.
    #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
    could_add: Each<'a, Bi<'a>>,
    /// The newest LPR announcement the built-in table holds.
    #[serde(serialize_with = "iso_date::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    lpr_table_newest: Date,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    notice: OneText<'a>,
}

/// 企业划型 in the lean report.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Serialize)]
pub struct LeanSize<'a> {
    #[cfg_attr(feature = "typescript", tsify(type = "Size | null"))]
    size: Option<&'static str>,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    text: OneText<'a>,
    citation: &'static str,
    /// Scenario paths still needed to classify.
    missing: &'a [&'static str],
}

impl<'a> LeanSize<'a> {
    fn of(size: &'a SizeReport<'_>, lang: Lang) -> Self {
        LeanSize {
            size: size.size,
            text: OneText(&size.text, lang),
            citation: size.citation,
            missing: &size.missing,
        }
    }
}

/// What one evaluation decides for one rule (evaluate(), the lean form).
/// To keep it small, a missing amount, `false` and empty lists are left
/// out: read `r.steps ?? []`, `r.amount_yuan ?? null`.
///
/// A struct, not a map: its keys are static, which the browser's
/// serializer makes into JavaScript strings once per page rather than once
/// per result.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "RuleOutcome"))]
#[derive(Serialize)]
pub struct RuleOutcomeView<'a> {
    rule_id: &'a str,
    #[cfg_attr(feature = "typescript", tsify(type = "RuleStatus"))]
    status: Name,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    status_text: OneText<'a>,
    /// Yuan with two decimals, e.g. "69958.33"; only when status is "eligible".
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_yuan: Option<&'a str>,
    /// Paid to the enterprise itself, so part of total_yuan (absent: false).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    counts_in_total: bool,
    /// How the amount was reached, one line per step.
    #[serde(skip_serializing_if = "Each::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "OutcomeStep[]"))]
    steps: Each<'a, StepReport<'a>>,
    /// Failed conditions, or items left out.
    #[serde(skip_serializing_if = "Each::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "string[]"))]
    reasons: Each<'a, Bi<'a>>,
    /// Fields to fill in: `field` is the scenario path.
    #[serde(skip_serializing_if = "Each::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "OutcomeMissing[]"))]
    missing: Each<'a, MissingReport<'a>>,
    /// 需满足: conditions the calculator cannot verify.
    #[serde(skip_serializing_if = "Each::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "OutcomeToConfirm[]"))]
    to_confirm: Each<'a, ConfirmReport<'a>>,
    /// The rule's notes this enterprise is shown: indices into RuleSummary.notes.
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    notes: &'a [usize],
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A name from a fixed set (a status, a step's kind): written as a string,
/// through the serializer's unit-variant path, which the browser's
/// serializer turns into a JavaScript string once per page.
pub struct Name(&'static str);

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("", 0, self.0)
    }
}

/// One line of how an amount was reached.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Serialize)]
pub struct OutcomeStep<'a> {
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    kind: Name,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    text: OneText<'a>,
}

/// A field to fill in: `field` is the scenario path.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Serialize)]
pub struct OutcomeMissing<'a> {
    field: &'a str,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    text: OneText<'a>,
}

/// 需满足: a condition the calculator cannot verify. `key` is the
/// `answers` key for questions, the scenario field for item facts.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Serialize)]
pub struct OutcomeToConfirm<'a> {
    key: &'a str,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    text: OneText<'a>,
    /// Present (always `false`) when no answer can settle the item yet
    /// (按期还清本息 before the loan is due): show when, not yes/no.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "false"))]
    answerable: Option<bool>,
    /// With `answerable`: the first day an answer counts, or null when the
    /// loan's end date is not entered.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "answerable_from")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "DateString | null"))]
    answerable_from: Option<Option<Date>>,
}

/// The date of a present `answerable_from` (the field is skipped when absent).
fn answerable_from<S: Serializer>(date: &Option<Option<Date>>, s: S) -> Result<S::Ok, S::Error> {
    iso_date_opt::serialize(&date.flatten(), s)
}
