//! The vocabulary: every choice the user picks from a list, defined once —
//! its key in the scenario, its label in the policy's own wording (zh-CN)
//! and in English, the word a batch list's cell takes, and the English
//! form a report's sentence uses. The report's reasons, the batch list's
//! choices and errors, the input errors' lists of choices and the page's
//! option lists (`www/vocabulary.js`, written from here by
//! [`options_js`]) all read these tables.
//!
//! The industries are those of the S-1 standard, in its order and words
//! (`size` keeps only its thresholds).
//!
//! Where the texts disagreed, the label is the policy's wording: 「融资担保」
//! (the texts speak of 融资担保 and 政府性融资担保机构, never of
//! 「融资担保机构保证」) and 「信用」 (「信用贷款」, as 铜川's text writes it).

use std::fmt::Write as _;

use crate::size::Industry;

use crate::scenario::{
    Collateral, GreenIndustry, InnovativeProduct, InsuranceKind, IpoStage, Lender, LoanPurpose, Qualification,
};

/// One choice.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    /// The scenario's value (`patent_pledge`).
    pub key: &'static str,
    /// The label, in the policy's wording (专利权质押).
    pub zh: &'static str,
    /// The English label (Patent pledge).
    pub en: &'static str,
    /// What a batch list's cell says for it (the scenario also accepts it).
    pub cell: &'static str,
    /// The English inside a report's sentence (「not secured by a patent pledge」).
    pub en_phrase: &'static str,
    /// What the label covers, shown after it on the page (工业's
    /// 「（采矿、制造、电力热力燃气及水）」); mostly empty.
    pub scope_zh: &'static str,
}

const fn term(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    cell: &'static str,
    en_phrase: &'static str,
) -> Term {
    Term { key, zh, en, cell, en_phrase, scope_zh: "" }
}

/// A choice whose label is also the cell's word (most of them).
const fn named(key: &'static str, zh: &'static str, en: &'static str, en_phrase: &'static str) -> Term {
    Term { key, zh, en, cell: zh, en_phrase, scope_zh: "" }
}

/// A list the user picks from.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// The scenario field's last name (`collateral`), for the page's lists.
    const FIELD: &'static str;
    /// Its TypeScript type's name (`Collateral`).
    const TYPE: &'static str;
    /// Every value with its term, in the order lists show them.
    const TERMS: &'static [(Self, Term)];

    fn term(self) -> &'static Term {
        &Self::TERMS.iter().find(|(v, _)| *v == self).expect("every value has a term").1
    }

    /// The batch cells' words, 、-separated (for a cell's error).
    fn cells() -> String {
        Self::TERMS.iter().map(|(_, t)| t.cell).collect::<Vec<_>>().join("、")
    }

    /// `key（标签）`, 、-separated (for an input error).
    fn keys_and_labels() -> String {
        Self::TERMS.iter().map(|(_, t)| format!("{}（{}）", t.key, t.zh)).collect::<Vec<_>>().join("、")
    }
}

impl Choice for Industry {
    const FIELD: &'static str = "industry";
    const TYPE: &'static str = "Industry";
    const TERMS: &'static [(Self, Term)] = &[
        (
            Industry::Agriculture,
            Term {
                // 农林牧渔业 in a cell: a 、-separated list of choices cannot hold 农、林、牧、渔业.
                cell: "农林牧渔业",
                ..named(
                    "agriculture",
                    "农、林、牧、渔业",
                    "Agriculture, forestry, husbandry, fishery",
                    "agriculture, forestry, animal husbandry and fishery",
                )
            },
        ),
        (
            Industry::Industry,
            Term {
                scope_zh: "（采矿、制造、电力热力燃气及水）",
                ..named(
                    "industry",
                    "工业",
                    "Industry (mining, manufacturing, utilities)",
                    "industry (mining, manufacturing, utilities)",
                )
            },
        ),
        (Industry::Construction, named("construction", "建筑业", "Construction", "construction")),
        (Industry::Wholesale, named("wholesale", "批发业", "Wholesale", "wholesale")),
        (Industry::Retail, named("retail", "零售业", "Retail", "retail")),
        (Industry::Transport, named("transport", "交通运输业", "Transport", "transport")),
        (Industry::Warehousing, named("warehousing", "仓储业", "Warehousing", "warehousing")),
        (Industry::Postal, named("postal", "邮政业", "Postal services", "postal services")),
        (Industry::Accommodation, named("accommodation", "住宿业", "Accommodation", "accommodation")),
        (Industry::Catering, named("catering", "餐饮业", "Catering", "catering")),
        (
            Industry::InformationTransmission,
            named(
                "information_transmission",
                "信息传输业",
                "Information transmission",
                "information transmission",
            ),
        ),
        (
            Industry::Software,
            named("software", "软件和信息技术服务业", "Software and IT services", "software and IT services"),
        ),
        (
            Industry::RealEstateDevelopment,
            named(
                "real_estate_development",
                "房地产开发经营",
                "Real-estate development",
                "real-estate development",
            ),
        ),
        (
            Industry::PropertyManagement,
            named("property_management", "物业管理", "Property management", "property management"),
        ),
        (
            Industry::LeasingAndBusinessServices,
            named(
                "leasing_and_business_services",
                "租赁和商务服务业",
                "Leasing and business services",
                "leasing and business services",
            ),
        ),
        (Industry::Other, named("other", "其他未列明行业", "Other industries", "other industries")),
    ];
}

impl Choice for Qualification {
    const FIELD: &'static str = "qualifications";
    const TYPE: &'static str = "Qualification";
    const TERMS: &'static [(Self, Term)] = &[(
        Qualification::TechEnterprise,
        named(
            "tech_enterprise",
            "科技型企业",
            "Technology-based enterprise",
            "technology-based enterprise (科技型企业)",
        ),
    )];
}

impl Choice for Collateral {
    const FIELD: &'static str = "collateral";
    const TYPE: &'static str = "Collateral";
    const TERMS: &'static [(Self, Term)] = &[
        (Collateral::PatentPledge, named("patent_pledge", "专利权质押", "Patent pledge", "a patent pledge")),
        (
            Collateral::FixedAssetMortgage,
            named("fixed_asset_mortgage", "固定资产抵押", "Fixed-asset mortgage", "a fixed-asset mortgage"),
        ),
        (
            Collateral::GuaranteeInstitution,
            named("guarantee_institution", "融资担保", "Guarantee institution", "a guarantee institution"),
        ),
        (Collateral::Unsecured, named("unsecured", "信用", "Unsecured", "nothing (unsecured)")),
        (Collateral::Other, named("other", "其他", "Other", "other collateral")),
    ];
}

impl Choice for Lender {
    const FIELD: &'static str = "lender";
    const TYPE: &'static str = "Lender";
    const TERMS: &'static [(Self, Term)] = &[
        (
            Lender::LocalLegalPersonBank,
            named(
                "local_legal_person_bank",
                "地方法人银行",
                "Local legal-person bank",
                "a local legal-person bank",
            ),
        ),
        (
            Lender::TechBranch,
            named("tech_branch", "科技支行", "Technology sub-branch", "a technology sub-branch (科技支行)"),
        ),
        (Lender::OtherBank, named("other_bank", "其他银行", "Other bank", "another bank")),
    ];
}

impl Choice for LoanPurpose {
    const FIELD: &'static str = "purpose";
    const TYPE: &'static str = "LoanPurpose";
    // The page lists 一般生产经营 first (most loans); errors and the batch
    // list name it last, as before.
    const TERMS: &'static [(Self, Term)] = &[
        (LoanPurpose::CleanEnergy, named("clean_energy", "清洁能源", "Clean energy", "clean energy")),
        (
            LoanPurpose::EnergySavingEnvironmental,
            named(
                "energy_saving_environmental",
                "节能环保",
                "Energy saving and environment",
                "energy saving and environmental protection",
            ),
        ),
        (
            LoanPurpose::CarbonReductionTechnology,
            named(
                "carbon_reduction_technology",
                "碳减排技术",
                "Carbon-reduction technology",
                "carbon-reduction technology",
            ),
        ),
        (
            LoanPurpose::StartupGuaranteed,
            named(
                "startup_guaranteed",
                "创业担保贷款",
                "Start-up guaranteed loan",
                "a start-up guaranteed loan",
            ),
        ),
        (
            LoanPurpose::VeteranStartup,
            named(
                "veteran_startup",
                "退役军人创业贷款",
                "Veteran's start-up loan",
                "a veteran's start-up loan",
            ),
        ),
        (LoanPurpose::General, named("general", "一般生产经营", "General operations", "general operations")),
    ];
}

impl Choice for GreenIndustry {
    const FIELD: &'static str = "green_industry";
    const TYPE: &'static str = "GreenIndustry";
    const TERMS: &'static [(Self, Term)] = &[
        (
            GreenIndustry::CarbonReduction,
            named("carbon_reduction", "降碳减排", "Carbon reduction", "carbon reduction"),
        ),
        (
            GreenIndustry::EnergySavingEnvironmental,
            named(
                "energy_saving_environmental",
                "节能环保",
                "Energy saving and environment",
                "energy saving and environmental protection",
            ),
        ),
        (
            GreenIndustry::CleanProduction,
            named("clean_production", "清洁生产", "Clean production", "clean production"),
        ),
        (GreenIndustry::CleanEnergy, named("clean_energy", "清洁能源", "Clean energy", "clean energy")),
        (GreenIndustry::Ecology, named("ecology", "生态环境", "Ecology", "ecology")),
        (
            GreenIndustry::GreenInfrastructure,
            named(
                "green_infrastructure",
                "基础设施绿色升级",
                "Green infrastructure",
                "green infrastructure upgrading",
            ),
        ),
        (
            GreenIndustry::GreenServices,
            named("green_services", "绿色服务", "Green services", "green services"),
        ),
        (GreenIndustry::NotGreen, named("not_green", "不属于七类", "None of the seven", "none of the seven")),
    ];
}

impl Choice for InsuranceKind {
    const FIELD: &'static str = "kind";
    const TYPE: &'static str = "InsuranceKind";
    const TERMS: &'static [(Self, Term)] = &[
        (
            InsuranceKind::QualityGuarantee,
            named("quality_guarantee", "质量保证保险", "Quality guarantee", "quality-guarantee insurance"),
        ),
        (
            InsuranceKind::ProductLiability,
            named("product_liability", "产品责任保险", "Product liability", "product-liability insurance"),
        ),
        (
            InsuranceKind::ProductCombined,
            named(
                "product_combined",
                "产品综合险",
                "Combined product insurance",
                "combined product insurance",
            ),
        ),
        (
            InsuranceKind::ExportCredit,
            named("export_credit", "出口信用保险", "Export credit insurance", "export credit insurance"),
        ),
        (InsuranceKind::Other, term("other", "其他险种", "Other", "其他", "other insurance")),
    ];
}

impl Choice for InnovativeProduct {
    const FIELD: &'static str = "product";
    const TYPE: &'static str = "InnovativeProduct";
    const TERMS: &'static [(Self, Term)] = &[
        (
            InnovativeProduct::FirstSetEquipment,
            term(
                "first_set_equipment",
                "首台（套）技术装备",
                "First-set equipment",
                "首台套",
                "first-set equipment",
            ),
        ),
        (
            InnovativeProduct::FirstBatchMaterial,
            term(
                "first_batch_material",
                "首批次新材料",
                "First-batch new material",
                "首批次",
                "first-batch new material",
            ),
        ),
        (
            InnovativeProduct::FirstVersionSoftware,
            term(
                "first_version_software",
                "首版次软件",
                "First-version software",
                "首版次",
                "first-version software",
            ),
        ),
    ];
}

impl Choice for IpoStage {
    const FIELD: &'static str = "stage_reached";
    const TYPE: &'static str = "IpoStage";
    const TERMS: &'static [(Self, Term)] = &[
        (IpoStage::TutoringFiled, named("tutoring_filed", "辅导备案", "Tutoring filed", "tutoring filed")),
        (
            IpoStage::ApplicationAccepted,
            named("application_accepted", "申报受理", "Application accepted", "application accepted"),
        ),
        (IpoStage::Listed, named("listed", "成功上市", "Listed", "listed")),
    ];
}

/// One list as the page's JavaScript writes it.
fn options_of<C: Choice>(out: &mut String, first: Option<C>) {
    let _ = writeln!(out, "  {}: [", C::FIELD);
    let mut terms: Vec<&(C, Term)> = C::TERMS.iter().collect();
    if let Some(i) = terms.iter().position(|(v, _)| Some(*v) == first) {
        let t = terms.remove(i);
        terms.insert(0, t);
    }
    for (_, t) in terms {
        let zh = format!("{}{}", t.zh, t.scope_zh);
        let _ = writeln!(out, "    {{ value: {:?}, label: {{ zh: {zh:?}, en: {:?} }} }},", t.key, t.en);
    }
    out.push_str("  ],\n");
}

fn union_of<C: Choice>(out: &mut String) {
    let keys: Vec<String> = C::TERMS.iter().map(|(_, t)| format!("{:?}", t.key)).collect();
    let _ = writeln!(out, "export type {} = {};", C::TYPE, keys.join(" | "));
}

/// The TypeScript unions of the choices' keys, as the WebAssembly package's
/// `.d.ts` declares them (`wasm/src/types.rs` holds them between its
/// vocabulary markers; `tests/vocabulary.rs` checks they are current).
pub fn typescript() -> String {
    let mut out = String::new();
    union_of::<Industry>(&mut out);
    union_of::<Qualification>(&mut out);
    union_of::<Collateral>(&mut out);
    union_of::<Lender>(&mut out);
    union_of::<LoanPurpose>(&mut out);
    union_of::<GreenIndustry>(&mut out);
    union_of::<InsuranceKind>(&mut out);
    union_of::<InnovativeProduct>(&mut out);
    union_of::<IpoStage>(&mut out);
    out
}

/// `www/vocabulary.js`: the page's option lists, by scenario field name,
/// and its field labels (`crate::fields`), by path.
pub fn options_js() -> String {
    let mut out = String::from(
        "// Written from src/vocabulary.rs (the test `vocabulary_js_is_current` checks it;\n\
         // VOCABULARY_UPDATE=1 cargo test --test vocabulary rewrites it). Do not edit.\n\n\
         /** The options of every list the user picks from, by scenario field name. */\n\
         export const CHOICES = {\n",
    );
    options_of::<Industry>(&mut out, None);
    options_of::<Qualification>(&mut out, None);
    options_of::<Collateral>(&mut out, None);
    options_of::<Lender>(&mut out, None);
    options_of::<LoanPurpose>(&mut out, Some(LoanPurpose::General));
    options_of::<GreenIndustry>(&mut out, None);
    options_of::<InsuranceKind>(&mut out, None);
    options_of::<InnovativeProduct>(&mut out, None);
    options_of::<IpoStage>(&mut out, None);
    out.push_str("};\n");
    crate::fields::labels_js(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every term's key and cell word are what the scenario reads as that value.
    fn reads_back<C: Choice + serde::de::DeserializeOwned + std::fmt::Debug>() {
        for (v, t) in C::TERMS {
            for word in [t.key, t.cell] {
                let read: C = serde_json::from_value(serde_json::Value::String(word.into())).unwrap();
                assert_eq!(read, *v, "{word}");
            }
        }
    }

    #[test]
    fn keys_and_cells_read_back_as_their_values() {
        reads_back::<Industry>();
        reads_back::<Qualification>();
        reads_back::<Collateral>();
        reads_back::<Lender>();
        reads_back::<LoanPurpose>();
        reads_back::<GreenIndustry>();
        reads_back::<InsuranceKind>();
        reads_back::<InnovativeProduct>();
        reads_back::<IpoStage>();
    }

    #[test]
    fn the_lists_read_as_before() {
        assert_eq!(Collateral::cells(), "专利权质押、固定资产抵押、融资担保、信用、其他");
        assert_eq!(InsuranceKind::cells(), "质量保证保险、产品责任保险、产品综合险、出口信用保险、其他");
        assert_eq!(
            Lender::keys_and_labels(),
            "local_legal_person_bank（地方法人银行）、tech_branch（科技支行）、other_bank（其他银行）"
        );
    }
}
