//! The page's option lists (`www/vocabulary.js`) and the TypeScript unions
//! of the choices (`wasm/src/types.rs`, between its vocabulary markers) are
//! written from the vocabulary (`src/vocabulary.rs`): these tests fail when
//! the committed text is stale, and `VOCABULARY_UPDATE=1 cargo test --test
//! vocabulary` rewrites it.

use std::path::Path;

#[test]
fn vocabulary_js_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/vocabulary.js");
    let written = sme_subsidy::vocabulary::options_js();
    if std::env::var_os("VOCABULARY_UPDATE").is_some() {
        std::fs::write(&path, &written).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == written,
        "www/vocabulary.js is stale: run VOCABULARY_UPDATE=1 cargo test --test vocabulary"
    );
}

#[test]
fn the_typescript_unions_are_current() {
    const BEGIN: &str = "/* vocabulary: written from src/vocabulary.rs (tests/vocabulary.rs) */\n";
    const END: &str = "/* end of vocabulary */";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("wasm/src/types.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(BEGIN).expect("the begin marker") + BEGIN.len();
    let end = text.find(END).expect("the end marker");
    let written = sme_subsidy::vocabulary::typescript();
    if std::env::var_os("VOCABULARY_UPDATE").is_some() {
        std::fs::write(&path, format!("{}{written}{}", &text[..start], &text[end..])).unwrap();
        return;
    }
    assert!(
        text[start..end] == written,
        "the unions in wasm/src/types.rs are stale: run VOCABULARY_UPDATE=1 cargo test --test vocabulary"
    );
}

/// The scenario's TypeScript types are derived from the Rust types (tsify,
/// feature `typescript`, which the browser crate turns on): every choice
/// they name is one of the vocabulary's unions above, by the same name, so
/// the generated .d.ts and the written unions fit together.
#[cfg(feature = "typescript")]
#[test]
fn the_scenario_types_name_the_vocabulary_unions() {
    use sme_subsidy::scenario::*;
    use tsify::Tsify;
    let unions = sme_subsidy::vocabulary::typescript();
    let declared = |name: &str| unions.contains(&format!("export type {name} = "));
    let uses = [
        (Enterprise::DECL, "industry?: Industry | null;"),
        (Enterprise::DECL, "qualifications?: Qualification[];"),
        (Loan::DECL, "collateral?: Collateral[];"),
        (Loan::DECL, "lender?: Lender | null;"),
        (Loan::DECL, "purpose?: LoanPurpose | null;"),
        (Guarantee::DECL, "green_industry?: GreenIndustry | null;"),
        (InsurancePolicy::DECL, "kind?: InsuranceKind | null;"),
        (InsurancePolicy::DECL, "product?: InnovativeProduct | null;"),
        (Ipo::DECL, "stage_reached?: IpoStage | null;"),
    ];
    for (decl, field) in uses {
        assert!(decl.contains(field), "{field} not in {decl}");
        let name = field.split([':', '[', '|', ';']).nth(1).unwrap().trim();
        assert!(declared(name), "the vocabulary declares no union {name}");
    }
    // Each union the vocabulary writes is named by a scenario field.
    let all = [Enterprise::DECL, Loan::DECL, Guarantee::DECL, InsurancePolicy::DECL, Ipo::DECL].concat();
    for line in unions.lines() {
        let name = line.trim_start_matches("export type ").split(' ').next().unwrap();
        assert!(all.contains(&format!(" {name}")), "no scenario field is a {name}");
    }
    // Dates are the documented strings, not JavaScript's Date, and the
    // scenario's optional parts are optional.
    assert!(Scenario::DECL.contains("evaluation_date: DateString;"), "{}", Scenario::DECL);
    assert!(Scenario::DECL.contains("loans?: Loan[];"), "{}", Scenario::DECL);
    // null is absent too, as the engine reads it.
    assert!(Loan::DECL.contains("start_date?: DateString | null;"), "{}", Loan::DECL);
    assert!(!all.contains(": Date;") && !all.contains(": Date |"), "{all}");
}

/// The declarations tsify derives from the Rust types (feature `typescript`).
/// With the pack studio's (feature `studio`): the staff tools' package turns
/// it on, and its sources (`wasm/src/studio.rs`), read below, name them.
#[cfg(all(feature = "typescript", feature = "studio"))]
fn generated_declarations() -> Vec<&'static str> {
    use sme_subsidy::apply::*;
    use sme_subsidy::institution::report::{FlagReport, SplitReport};
    use sme_subsidy::institution::*;
    use sme_subsidy::pack::institution::*;
    use sme_subsidy::pack::validate::{Location, PackError};
    use sme_subsidy::pack::{edit, preview, DocumentStatus, Family, Recipient};
    use sme_subsidy::report::*;
    use sme_subsidy::scenario::*;
    use sme_subsidy::what_if::{Series, WhatIf};
    use tsify::Tsify;
    vec![
        Scenario::DECL,
        Enterprise::DECL,
        Region::DECL,
        Loan::DECL,
        Repayment::DECL,
        Guarantee::DECL,
        EvaluationFee::DECL,
        InsurancePolicy::DECL,
        Ipo::DECL,
        LprOverride::DECL,
        sme_subsidy::input::InputError::DECL,
        PackError::DECL,
        Location::DECL,
        Bi::DECL,
        Report::<RuleReport>::DECL,
        SizeReport::DECL,
        RuleReport::DECL,
        ReadingReport::DECL,
        AlternativeReport::DECL,
        StepReport::DECL,
        MissingReport::DECL,
        ConfirmReport::DECL,
        NotYetAnswerable::DECL,
        LeanReportView::DECL,
        LeanSize::DECL,
        RuleOutcomeView::DECL,
        OutcomeStep::DECL,
        OutcomeMissing::DECL,
        OutcomeToConfirm::DECL,
        ShownView::DECL,
        Citation::DECL,
        SeeAlso::DECL,
        DocumentStatus::DECL,
        Family::DECL,
        Recipient::DECL,
        PlaceOption::DECL,
        PlaceRegion::DECL,
        RuleGuide::DECL,
        Apply::DECL,
        DeadlineReport::DECL,
        Guide::DECL,
        Groups::DECL,
        AmountBar::DECL,
        WhatIf::DECL,
        Series::DECL,
        sme_subsidy::limits::Limits::DECL,
        sme_subsidy::batch::CellError::DECL,
        sme_subsidy::screening::Outcome::DECL,
        InstitutionInput::DECL,
        CompensationInput::DECL,
        RiskSplitInput::DECL,
        AwardInput::DECL,
        ReferralInput::DECL,
        PerUnitInput::DECL,
        BalanceShareInput::DECL,
        BalanceLine::DECL,
        CityComparison::DECL,
        InstitutionReport::DECL,
        Status::DECL,
        SplitReport::DECL,
        FlagReport::DECL,
        InstitutionCalculation::DECL,
        InstitutionQuestion::DECL,
        ShareRange::DECL,
        CompensationTier::DECL,
        TierTop::DECL,
        CompensationScope::DECL,
        RewardUnit::DECL,
        BalanceCategory::DECL,
        CityMeasure::DECL,
        edit::Form::DECL,
        edit::FormField::DECL,
        edit::Choice::DECL,
        edit::RuleForm::DECL,
        preview::Comparison::DECL,
        preview::RuleChange::DECL,
        preview::Side::DECL,
    ]
}

/// TypeScript text without its comments and string literal types, so that
/// the capitalised words left are type names.
#[cfg(all(feature = "typescript", feature = "studio"))]
fn type_text(ts: &str) -> String {
    let mut out = String::new();
    let mut rest = ts;
    while let Some(i) = rest.find(['/', '"']) {
        out.push_str(&rest[..i]);
        let (skip, end) = match &rest[i..] {
            r if r.starts_with("/*") => (2, "*/"),
            r if r.starts_with("//") => (2, "\n"),
            r if r.starts_with('"') => (1, "\""),
            _ => {
                out.push('/');
                rest = &rest[i + 1..];
                continue;
            }
        };
        rest = &rest[i + skip..];
        rest = rest.find(end).map_or("", |j| &rest[j + end.len()..]);
    }
    out.push_str(rest);
    out
}

/// The names a TypeScript text declares (`export interface X`, `type X`).
#[cfg(all(feature = "typescript", feature = "studio"))]
fn declared_names(ts: &str) -> std::collections::BTreeSet<String> {
    let words: Vec<&str> =
        ts.split(|c: char| !c.is_alphanumeric() && c != '_').filter(|w| !w.is_empty()).collect();
    words.windows(2).filter(|w| w[0] == "interface" || w[0] == "type").map(|w| w[1].to_string()).collect()
}

/// The capitalised words of a TypeScript type text: the type names it uses.
#[cfg(all(feature = "typescript", feature = "studio"))]
fn used_names(ts: &str) -> std::collections::BTreeSet<String> {
    type_text(ts)
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// The report's and the scenario's TypeScript types come from Rust (tsify):
/// a hand-written copy of a generated name in the browser crate's custom
/// sections fails here, and so does a type name an export returns or takes,
/// or a generated declaration refers to, that nothing declares.
#[cfg(all(feature = "typescript", feature = "studio"))]
#[test]
fn the_typescript_types_are_generated_and_every_name_used_is_declared() {
    let generated: std::collections::BTreeSet<String> =
        generated_declarations().iter().flat_map(|d| declared_names(&type_text(d))).collect();
    for name in [
        "Scenario",
        "Text",
        "ReportOf",
        "RuleReport",
        "SizeReport",
        "Citation",
        "Step",
        "ToConfirm",
        "Family",
    ] {
        assert!(generated.contains(name), "tsify declares no {name}: {generated:?}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("wasm/src");
    // The browser crate derives its view models' declarations on wasm32
    // only (where its wasm-bindgen is): read by name from its sources.
    let mut generated = generated;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for derive in text.split("derive(tsify::Tsify)").skip(1) {
            let attribute = derive.lines().next().unwrap();
            let name = match attribute.split("rename = \"").nth(1) {
                Some(renamed) => renamed.split('"').next().unwrap(),
                None => derive.split("struct ").nth(1).unwrap().split(['<', ' ']).next().unwrap(),
            };
            generated.insert(name.to_string());
        }
    }
    for name in ["PackInfo", "PolicySummary", "RuleSummary", "Places", "Guide", "Groups"] {
        assert!(generated.contains(name), "tsify declares no {name}: {generated:?}");
    }
    let mut written = std::collections::BTreeSet::new();
    let mut exported = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // The custom sections: `const …: &'static str = r#"…"#;`.
        for section in text.split("r#\"").skip(1) {
            let section = section.split("\"#").next().unwrap();
            let names = declared_names(&type_text(section));
            let copies: Vec<_> = names.intersection(&generated).collect();
            assert!(copies.is_empty(), "{} writes by hand what tsify generates: {copies:?}", path.display());
            written.extend(names);
        }
        // The types the exports name.
        for key in ["typescript_type = \"", "unchecked_return_type = \"", "unchecked_param_type = \""] {
            for use_ in text.split(key).skip(1) {
                exported.extend(used_names(use_.split('"').next().unwrap()));
            }
        }
    }
    let builtin = ["Array", "Error", "Promise", "Record", "Uint8Array", "Partial", "Readonly"];
    let known = |name: &String| {
        generated.contains(name) || written.contains(name) || builtin.contains(&name.as_str())
    };
    let missing: Vec<_> = exported.iter().filter(|n| !known(n)).collect();
    assert!(missing.is_empty(), "the exports name types nothing declares: {missing:?}");
    for decl in generated_declarations() {
        // A generic's own parameter (`interface ReportOf<R>`) is declared by it.
        let parameter = |n: &String| decl.contains(&format!("<{n}>"));
        let missing: Vec<_> = used_names(decl).into_iter().filter(|n| !known(n) && !parameter(n)).collect();
        assert!(missing.is_empty(), "{decl}\nrefers to types nothing declares: {missing:?}");
    }
    assert!(exported.contains("Report") && exported.contains("Scenario"), "{exported:?}");
}

/// A field's texts are defined once (`src/fields.rs`): the batch list's
/// headers, the report's 「请填写…」 and the page's labels (checked above,
/// `FIELD_LABELS` in `www/vocabulary.js`) are the table's, so a label
/// changed there changes the command line, the page and the batch file.
#[test]
fn the_fields_texts_derive_from_the_vocabulary() {
    use sme_subsidy::batch::COLUMNS;
    use sme_subsidy::fields::{FieldId, FIELDS};
    use sme_subsidy::pack::ItemKind;
    use sme_subsidy::report::{field_text, Lang};
    use sme_subsidy::result::{Field, ItemRef};

    // Every field with a header has exactly one column, headed by it.
    for spec in FIELDS.iter().filter(|s| s.header.is_some()) {
        let columns: Vec<_> = COLUMNS.iter().filter(|c| c.field == Some(spec.id)).collect();
        assert_eq!(columns.len(), 1, "{}", spec.path);
        let header = spec.header.unwrap();
        assert_eq!((columns[0].header, columns[0].en), (header.zh, header.en), "{}", spec.path);
    }
    assert_eq!(
        COLUMNS.iter().find(|c| c.field == Some(FieldId::OperatingRevenue)).unwrap().header,
        "营业收入（元）"
    );

    // The report names a missing field by the table's label.
    let loan = ItemRef { kind: ItemKind::Loan, index: 0 };
    let text = field_text(Lang::Both, &Field::of(loan, FieldId::LoanPrincipal));
    assert_eq!(text.zh, format!("请填写贷款1的{}", FieldId::LoanPrincipal.spec().label.zh));
    assert_eq!(text.zh, "请填写贷款1的贷款本金");
    let text = field_text(Lang::Both, &Field::enterprise(FieldId::Employees));
    assert_eq!((&*text.zh, &*text.en), ("请填写从业人员", "enter the employees"));

    // The page's labels: the form's own wording, else the label.
    let js = sme_subsidy::vocabulary::options_js();
    assert!(js.contains(r#""loans[].start_date": { zh: "放款日（合同起始日）", en: "Start date" },"#));
    assert!(js.contains(r#""enterprise.employees": { zh: "从业人员", en: "Employees" },"#));
    for spec in &FIELDS {
        assert!(
            js.contains(&format!("{:?}: {{ zh: {:?}", spec.path, spec.id.form_label().0)),
            "{}",
            spec.path
        );
    }
}
