//! 政策包格式说明: every field of a pack, its unit, an example and the
//! templates that read it — the one table the pack studio's form labels
//! and reference panel, `sme-subsidy pack-reference` and
//! `docs/pack-format.md` are made from. A test walks the built-in pack and
//! fails on a field this table does not describe, another when a template
//! parameter's unit here differs from the range validation checks it
//! against, and `tests/pack_reference.rs` when the committed file is stale.

use serde::Serialize;

/// What a field's value is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 文本
    Text,
    /// 中英文文本 `{ zh, en }`
    Bilingual,
    /// 日期 YYYY-MM-DD
    Date,
    /// 百分比（20 即 20%）, above 0 and at most 100
    Share,
    /// 百分比, 0 to 100
    Percent,
    /// 基点（25 即 0.25%）
    BasisPoints,
    /// 元 (a cap or an amount paid: above 0)
    Yuan,
    /// 元 (a threshold: 0 or more)
    YuanThreshold,
    /// 美元
    Usd,
    /// 天
    Days,
    /// 个（家、笔）
    Count,
    /// 是/否
    YesNo,
    /// 编号（英文、数字、连字符）
    Id,
    /// 取值之一（见说明）
    Choice,
    /// 取值列表
    List,
    /// 表（下级字段见本表）
    Table,
}

impl Unit {
    pub fn zh(self) -> &'static str {
        match self {
            Unit::Text => "文本",
            Unit::Bilingual => "中英文文本 { zh, en }",
            Unit::Date => "日期 YYYY-MM-DD",
            Unit::Share => "百分比（大于0，至多100）",
            Unit::Percent => "百分比（0—100）",
            Unit::BasisPoints => "基点（1基点 = 0.01%）",
            Unit::Yuan => "元（大于0）",
            Unit::YuanThreshold => "元（不小于0）",
            Unit::Usd => "美元",
            Unit::Days => "天",
            Unit::Count => "个",
            Unit::YesNo => "true / false",
            Unit::Id => "编号",
            Unit::Choice => "取值之一",
            Unit::List => "取值列表",
            Unit::Table => "表",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Unit::Text => "text",
            Unit::Bilingual => "zh and en text { zh, en }",
            Unit::Date => "date YYYY-MM-DD",
            Unit::Share => "percent (above 0, at most 100)",
            Unit::Percent => "percent (0–100)",
            Unit::BasisPoints => "basis points (1 = 0.01%)",
            Unit::Yuan => "yuan (above 0)",
            Unit::YuanThreshold => "yuan (0 or more)",
            Unit::Usd => "US dollars",
            Unit::Days => "days",
            Unit::Count => "count",
            Unit::YesNo => "true / false",
            Unit::Id => "id",
            Unit::Choice => "one of the values",
            Unit::List => "list of values",
            Unit::Table => "table",
        }
    }
}

/// One field of the pack format.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Field {
    /// Where it sits: `rules[].calculation.share_percent` (`[]`: each of a list).
    pub path: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub unit: Unit,
    /// As written in the TOML.
    pub example: &'static str,
    /// The calculation templates that read it; empty: every rule, or the document.
    pub templates: &'static [&'static str],
    pub required: bool,
}

/// The sections of the reference, in order: (path prefix, zh title, en title).
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("", "文件", "The document"),
    ("rules[]", "规则（面向企业）", "Rules (for enterprises)"),
    ("rules[].conditions[]", "适用条件", "Conditions"),
    ("rules[].calculation", "计算模板及参数", "Calculation templates and parameters"),
    ("rules[].readings[]", "解读", "Readings"),
    ("institution_rules[]", "面向金融机构的规则", "Rules for financial institutions"),
];

const fn f(
    path: &'static str,
    zh: &'static str,
    en: &'static str,
    unit: Unit,
    example: &'static str,
    templates: &'static [&'static str],
    required: bool,
) -> Field {
    Field { path, zh, en, unit, example, templates, required }
}

const LPR: &[&str] = &["lpr_share_interest"];
const FIXED: &[&str] = &["fixed_rate_interest"];
const BALANCE: &[&str] = &["balance_share_interest"];
const FEE: &[&str] = &["fee_share"];
const PREMIUM: &[&str] = &["premium_share"];
const GRANT: &[&str] = &["staged_grant"];
const ELIGIBILITY: &[&str] = &["eligibility_only"];
const YEAR_CAP: &[&str] = &["lpr_share_interest", "fixed_rate_interest", "premium_share"];
const SHARE: &[&str] = &["balance_share_interest", "fee_share", "premium_share"];
const ITEMS: &[&str] = &["fee_share", "eligibility_only"];
const ALL: &[&str] = &[];

/// Every field, zh-CN first. Texts shown with results are `{ zh, en }`.
pub const FIELDS: &[Field] = &[
    f("id", "文件编号，在政策包中唯一；与内置文件同编号时替换之", "document id, unique; a built-in document with the same id is replaced", Unit::Id, "\"liaocheng-2024-fiscal-finance\"", ALL, true),
    f("title", "文件标题", "the document's title", Unit::Text, "\"关于加强财政金融协同联动……的实施方案\"", ALL, true),
    f("number", "文号（原文未印则省略，不得编造）", "the document number (leave out when the text prints none)", Unit::Text, "\"聊江管办发〔2023〕3号\"", ALL, false),
    f("issuer", "发文机关", "the issuing body", Unit::Text, "\"聊城市人民政府办公室\"", ALL, true),
    f("issued", "成文或印发日期", "date issued", Unit::Date, "\"2024-04-20\"", ALL, false),
    f("effective_from", "施行日期", "in force from", Unit::Date, "\"2024-04-20\"", ALL, false),
    f("effective_to", "有效期至（含）", "in force until (inclusive)", Unit::Date, "\"2026-12-31\"", ALL, false),
    f("status", "效力状态：in_force 现行有效、expired 已失效、draft 征求意见稿", "status: in_force, expired, draft", Unit::Choice, "\"in_force\"", ALL, true),
    f("jurisdiction", "适用地区：province 省（必填）、city 市、county 县区；企业所在地须逐级相符", "where it applies: province (required), city, county; the enterprise's region must match each level given", Unit::Table, "{ province = \"山东省\", city = \"聊城市\" }", ALL, true),
    f("jurisdiction.province", "省", "province", Unit::Text, "\"山东省\"", ALL, true),
    f("jurisdiction.city", "市（地级）", "city (prefecture)", Unit::Text, "\"聊城市\"", ALL, false),
    f("jurisdiction.county", "县（市、区）", "county (or district)", Unit::Text, "\"东昌府区\"", ALL, false),
    f("source", "原文出处（文件路径或网址）", "where the text was taken from", Unit::Text, "\"policies/001-…/source.txt\"", ALL, true),
    f("rules", "面向企业的规则，每条一个 [[rules]]", "the rules for enterprises, one [[rules]] each", Unit::Table, "[[rules]]", ALL, false),
    f("institution_rules", "面向金融机构的规则，每条一个 [[institution_rules]]", "the rules for institutions, one [[institution_rules]] each", Unit::Table, "[[institution_rules]]", ALL, false),
    f("rules[].id", "规则编号，在全部政策包中唯一", "rule id, unique across every pack", Unit::Id, "\"LC-P-1\"", ALL, true),
    f("rules[].provision", "条款代码（见 docs/ground-rules.md）", "the provision code (docs/ground-rules.md)", Unit::Id, "\"P-1\"", ALL, false),
    f("rules[].name", "规则名称", "the rule's name", Unit::Bilingual, "{ zh = \"首台（套）保险保费补贴\", en = \"First-set premium subsidy\" }", ALL, true),
    f("rules[].family", "政策类别：interest 贷款贴息、guarantee_fee 担保费补贴、premium 保费补贴、ipo 上市补助、eligibility_only 仅资格", "family: interest, guarantee_fee, premium, ipo, eligibility_only", Unit::Choice, "\"premium\"", ALL, true),
    f("rules[].clause", "条款位置", "where the clause is in the text", Unit::Text, "\"二、（五）16\"", ALL, true),
    f("rules[].quote", "原文摘录，须与原文逐字一致", "the clause quoted word for word", Unit::Text, "\"……给予单户企业年度最高100万元的保费补贴。\"", ALL, true),
    f("rules[].recipient", "资金拨付对象：enterprise 企业、guarantor 担保机构、bank 银行、unsettled 文件未明确；只有 enterprise 计入企业合计", "who is paid: enterprise, guarantor, bank, unsettled; only enterprise counts in the total", Unit::Choice, "\"enterprise\"", ALL, true),
    f("rules[].recipient_note", "拨付对象的说明", "why that recipient", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", ALL, false),
    f("rules[].national_basis", "所依据的国家文件", "a national document the rule rests on", Unit::Text, "\"财金〔2020〕21号\"", ALL, false),
    f("rules[].units", "牵头单位 lead、责任单位 responsible，照原文", "lead and responsible units, as the text prints them", Unit::Table, "{ lead = \"市财政局\" }", ALL, false),
    f("rules[].units.lead", "牵头单位", "lead unit", Unit::Text, "\"市财政局\"", ALL, false),
    f("rules[].units.responsible", "责任单位", "responsible units", Unit::Text, "\"各县〔市、区〕人民政府\"", ALL, false),
    f("rules[].see_also", "本规则另依据的其他文件条款", "clauses of other documents the rule rests on", Unit::Table, "[[rules.see_also]]", ALL, false),
    f("rules[].see_also[].document", "另一文件的编号", "the other document's id", Unit::Id, "\"liaocheng-jiangbei-2023-guarantee\"", ALL, true),
    f("rules[].see_also[].clause", "该文件中的条款位置", "the clause in it", Unit::Text, "\"三、（三）\"", ALL, true),
    f("rules[].see_also[].quote", "该条款原文摘录", "its quoted text", Unit::Text, "\"落实担保费补贴政策……\"", ALL, true),
    f("rules[].notes", "随结果显示的说明", "notes shown with the result", Unit::Table, "[[rules.notes]]", ALL, false),
    f("rules[].notes[].zh", "说明（中文）", "the note in Chinese", Unit::Text, "\"…\"", ALL, true),
    f("rules[].notes[].en", "说明（英文）", "the note in English", Unit::Text, "\"…\"", ALL, true),
    f("rules[].notes[].only_for_sizes", "只向这些规模的企业显示：large、medium、small、micro", "shown only to these sizes: large, medium, small, micro", Unit::List, "[\"medium\"]", ALL, false),
    f("rules[].conditions", "适用条件，每项一个 [[rules.conditions]]", "conditions, one [[rules.conditions]] each", Unit::Table, "[[rules.conditions]]", ALL, false),
    f("rules[].conditions[].test", "条件类型：enterprise_size、qualification、operating_revenue_at_most、annual_exports_at_most、annual_exports_above、ipo_stage_at_least、ipo_underway、loan_collateral、loan_lender、loan_purpose、loan_fact、guarantee_fact、guarantee_amount_at_most、guarantee_fee_rate_at_most、guarantee_green_industry、insurance_kind、insurance_product、confirm", "the test: enterprise_size, qualification, operating_revenue_at_most, annual_exports_at_most, annual_exports_above, ipo_stage_at_least, ipo_underway, loan_collateral, loan_lender, loan_purpose, loan_fact, guarantee_fact, guarantee_amount_at_most, guarantee_fee_rate_at_most, guarantee_green_industry, insurance_kind, insurance_product, confirm", Unit::Choice, "\"insurance_kind\"", ALL, true),
    f("rules[].conditions[].sizes", "enterprise_size：企业规模列表", "enterprise_size: the sizes", Unit::List, "[\"small\", \"micro\"]", ALL, false),
    f("rules[].conditions[].qualification", "qualification：tech_enterprise 科技型企业", "qualification: tech_enterprise", Unit::Choice, "\"tech_enterprise\"", ALL, false),
    f("rules[].conditions[].yuan", "operating_revenue_at_most、guarantee_amount_at_most：上限（含本数）", "operating_revenue_at_most, guarantee_amount_at_most: the bound (inclusive)", Unit::YuanThreshold, "\"10000000\"", ALL, false),
    f("rules[].conditions[].usd", "annual_exports_at_most（含本数）、annual_exports_above：年出口额界限", "annual_exports_at_most (inclusive), annual_exports_above: the exports bound", Unit::Usd, "\"5000000\"", ALL, false),
    f("rules[].conditions[].percent", "guarantee_fee_rate_at_most：年化担保费率上限（含本数）", "guarantee_fee_rate_at_most: the annual fee rate bound (inclusive)", Unit::Percent, "\"1\"", ALL, false),
    f("rules[].conditions[].stage", "ipo_stage_at_least：tutoring_filed、application_accepted、listed", "ipo_stage_at_least: tutoring_filed, application_accepted, listed", Unit::Choice, "\"application_accepted\"", ALL, false),
    f("rules[].conditions[].any_of", "loan_collateral、loan_lender、loan_purpose、guarantee_green_industry、insurance_kind、insurance_product：符合其一即可", "the list-valued tests: any one of these values", Unit::List, "[\"patent_pledge\"]", ALL, false),
    f("rules[].conditions[].fact", "loan_fact：pledge_registered、repaid_on_schedule、carbon_reduction_tool；guarantee_fact：government_business、for_patent_pledge_loan", "loan_fact: pledge_registered, repaid_on_schedule, carbon_reduction_tool; guarantee_fact: government_business, for_patent_pledge_loan", Unit::Choice, "\"government_business\"", ALL, false),
    f("rules[].conditions[].id", "confirm：问题编号（情形的 answers 中按此回答）", "confirm: the question id (answered in the scenario's answers)", Unit::Id, "\"on_first_set_list\"", ALL, false),
    f("rules[].conditions[].question", "confirm：向用户提出的是非问题", "confirm: the yes/no question asked", Unit::Bilingual, "{ zh = \"投保产品已列入名单库\", en = \"…\" }", ALL, false),
    f("rules[].conditions[].column", "confirm：批量名单模板中此问题的列名（省略时用问题加（是/否））", "confirm: the question's column header in the batch template (default: the question with （是/否）)", Unit::Bilingual, "{ zh = \"投保产品已列入名单库（是/否）\", en = \"…\" }", ALL, false),
    f("rules[].guide", "申报指引：每项一个 [[rules.guide]]，按条件键给出参考材料与可改变的办法", "application guide: one [[rules.guide]] per condition key, with reference evidence and the step that meets it", Unit::Table, "[[rules.guide]]", ALL, false),
    f("rules[].guide[].condition", "条件键：条件类型，必要时加事实或问题编号（如 loan_fact.pledge_registered）", "the condition key: the test, with its fact or question id where needed (loan_fact.pledge_registered)", Unit::Text, "\"loan_fact.pledge_registered\"", ALL, true),
    f("rules[].guide[].evidence", "申报材料（参考）：通常证明该条件的材料，原文未列出时标为参考", "evidence (reference only): documents that usually show the condition is met", Unit::List, "[{ zh = \"质押登记证明\", en = \"pledge registration certificate\" }]", ALL, false),
    f("rules[].guide[].evidence[]", "一项材料（中英文）", "one document (Chinese and English)", Unit::Bilingual, "{ zh = \"质押登记证明\", en = \"…\" }", ALL, false),
    f("rules[].guide[].changeable", "企业可改变时满足该条件的办法（省略：非企业可改变，如规模、地区）", "the step by which the enterprise can meet the condition (leave out when it cannot: size, place)", Unit::Bilingual, "{ zh = \"办理知识产权质押登记\", en = \"…\" }", ALL, false),
    f("rules[].deadline", "申报时限，仅当原文写明时填写", "the application deadline, only where the text gives one", Unit::Table, "[rules.deadline]", ALL, false),
    f("rules[].deadline.clause", "设定时限的条款位置", "the clause that sets it", Unit::Text, "\"三、（二）\"", ALL, true),
    f("rules[].deadline.quote", "原文摘录（须与原文一致）", "the quote (checked against the source text)", Unit::Text, "\"次年2月底前\"", ALL, true),
    f("rules[].deadline.text", "时限及申报主体的简述", "the deadline in a few words, and who applies", Unit::Bilingual, "{ zh = \"次年2月底前由金融机构申报\", en = \"…\" }", ALL, true),
    f("rules[].calculation", "计算模板及其参数", "the calculation template and its parameters", Unit::Table, "[rules.calculation]", ALL, true),
    f("rules[].calculation.template", "计算模板：lpr_share_interest 按LPR比例贴息、fixed_rate_interest 固定基点贴息、balance_share_interest 月均余额比例、fee_share 费用比例、premium_share 保费比例、staged_grant 分阶段补助、eligibility_only 仅资格", "the template: lpr_share_interest, fixed_rate_interest, balance_share_interest, fee_share, premium_share, staged_grant, eligibility_only", Unit::Choice, "\"premium_share\"", ALL, true),
    f("rules[].calculation.share_of_lpr_percent", "贴息比例：LPR 的百分之几", "the share of the LPR paid", Unit::Share, "\"40\"", LPR, true),
    f("rules[].calculation.rate_bp", "贴息利率", "the subsidy rate", Unit::BasisPoints, "\"25\"", FIXED, true),
    f("rules[].calculation.share_percent", "补贴比例", "the share paid", Unit::Share, "\"20\"", SHARE, true),
    f("rules[].calculation.cap_per_enterprise_year_yuan", "同一企业每年度上限（年度的含义见解读 cap_year / premium_cap_year）", "cap per enterprise and year (which year: the cap_year / premium_cap_year reading)", Unit::Yuan, "\"1000000\"", YEAR_CAP, false),
    f("rules[].calculation.cap_per_enterprise_yuan", "同一企业上限", "cap per enterprise", Unit::Yuan, "\"200000\"", BALANCE, false),
    f("rules[].calculation.cap_per_item_yuan", "每笔费用上限（每笔的含义见解读 fee_cap_unit）", "cap per fee (which unit: the fee_cap_unit reading)", Unit::Yuan, "\"20000\"", FEE, false),
    f("rules[].calculation.premium_rate_ceiling_percent", "计入的保费费率上限：保费至多按保险金额的此比例计", "premium-rate ceiling: the premium counted is at most this share of the insured amount", Unit::Share, "\"3\"", PREMIUM, false),
    f("rules[].calculation.items", "计算针对的对象：loan 贷款、guarantee 担保、evaluation_fee 评估费、insurance 保单（fee_share 为列表）", "the items it runs over: loan, guarantee, evaluation_fee, insurance (a list for fee_share)", Unit::List, "[\"evaluation_fee\", \"guarantee\"]", ITEMS, false),
    f("rules[].calculation.total_cap_yuan", "分阶段补助合计上限", "the staged grant's total cap", Unit::Yuan, "\"6000000\"", GRANT, false),
    f("rules[].calculation.stages", "各阶段及其募资额区间的金额（未公布时省略）", "the stages and their amounts by fundraising band (leave out when unpublished)", Unit::Table, "[[rules.calculation.stages]]", GRANT, false),
    f("rules[].calculation.stages[].stage", "阶段：tutoring_filed、application_accepted、listed", "the stage: tutoring_filed, application_accepted, listed", Unit::Choice, "\"listed\"", GRANT, true),
    f("rules[].calculation.stages[].bands[].fundraising_from_yuan", "募资额区间下限（含）", "fundraising band from (inclusive)", Unit::YuanThreshold, "\"0\"", GRANT, true),
    f("rules[].calculation.stages[].bands[].fundraising_below_yuan", "募资额区间上限（不含）", "fundraising band below (exclusive)", Unit::Yuan, "\"500000000\"", GRANT, false),
    f("rules[].calculation.stages[].bands[].amount_yuan", "该阶段在该区间的补助金额", "the stage's amount in the band", Unit::Yuan, "\"2000000\"", GRANT, true),
    f("rules[].calculation.schedule_set_by", "未公布阶段金额时，由谁确定", "who sets the schedule when no stage is published", Unit::Bilingual, "{ zh = \"由市地方金融监管部门确定\", en = \"…\" }", GRANT, true),
    f("rules[].calculation.amount_set_by", "文件未公布金额时，由谁确定", "who sets the amount the text does not publish", Unit::Bilingual, "{ zh = \"由市财政部门确定\", en = \"…\" }", ELIGIBILITY, true),
    f("rules[].readings", "本测算采用的解读：条款可有多种理解时，每种一个 [[rules.readings]]；模板读取的解读必须齐全", "the readings taken: one [[rules.readings]] for each ambiguity; every reading the template reads must be given", Unit::Table, "[[rules.readings]]", ALL, false),
    f("rules[].readings[].id", "解读编号：lpr_tenor、lpr_date、day_count、effective_period、cap_year、future_interest、principal_basis、balance_period、fee_cap_unit、premium_cap_year、guarantee_amount_scope", "reading id: lpr_tenor, lpr_date, day_count, effective_period, cap_year, future_interest, principal_basis, balance_period, fee_cap_unit, premium_cap_year, guarantee_amount_scope", Unit::Choice, "\"premium_cap_year\"", ALL, true),
    f("rules[].readings[].value", "采用的取值（须为 alternatives 之一）", "the value taken (one of the alternatives)", Unit::Choice, "\"calendar_year\"", ALL, true),
    f("rules[].readings[].name", "所解读的文字", "what is read", Unit::Bilingual, "{ zh = \"“年度”\", en = \"the 'year'\" }", ALL, true),
    f("rules[].readings[].alternatives", "全部可选取值，各带 value、zh、en", "every value a portal may choose, each with value, zh, en", Unit::List, "[{ value = \"calendar_year\", zh = \"自然年度\", en = \"calendar year\" }]", ALL, true),
    f("rules[].readings[].justification", "采用该取值的理由（出自原文）", "why this value, from the text", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", ALL, true),
    f("institution_rules[].id", "规则编号", "rule id", Unit::Id, "\"LC-R-1\"", ALL, true),
    f("institution_rules[].provision", "条款代码", "the provision code", Unit::Id, "\"R-1\"", ALL, false),
    f("institution_rules[].name", "规则名称", "the rule's name", Unit::Bilingual, "{ zh = \"代偿补偿\", en = \"…\" }", ALL, true),
    f("institution_rules[].clause", "条款位置", "where the clause is", Unit::Text, "\"三、（三）\"", ALL, true),
    f("institution_rules[].quote", "原文摘录", "the clause quoted", Unit::Text, "\"…\"", ALL, true),
    f("institution_rules[].recipient", "资金拨付对象", "who is paid", Unit::Choice, "\"guarantor\"", ALL, true),
    f("institution_rules[].recipient_note", "拨付对象的说明", "why that recipient", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", ALL, false),
    f("institution_rules[].units", "牵头单位 lead、责任单位 responsible", "lead and responsible units", Unit::Table, "{ lead = \"市财政局\" }", ALL, false),
    f("institution_rules[].units.lead", "牵头单位", "lead unit", Unit::Text, "\"市财政局\"", ALL, false),
    f("institution_rules[].units.responsible", "责任单位", "responsible units", Unit::Text, "\"…\"", ALL, false),
    f("institution_rules[].notes", "随结果显示的说明", "notes shown with the result", Unit::List, "[{ zh = \"…\", en = \"…\" }]", ALL, false),
    f("institution_rules[].conditions", "是非问题，各带 id、question", "yes/no questions, each with id and question", Unit::Table, "[[institution_rules.conditions]]", ALL, false),
    f("institution_rules[].conditions[].id", "问题编号", "question id", Unit::Id, "\"bank_agreement\"", ALL, true),
    f("institution_rules[].conditions[].question", "问题", "the question", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", ALL, true),
    f("institution_rules[].readings", "解读，格式同 rules[].readings（tier_mode、tier_top、per_enterprise_cap）", "readings, as rules[].readings (tier_mode, tier_top, per_enterprise_cap)", Unit::Table, "[[institution_rules.readings]]", ALL, false),
    f("institution_rules[].calculation", "机构计算模板：tiered_compensation 代偿补偿分档、risk_split 银担分险、capped_award 最高额奖补、referral_check 推荐核对、per_unit_reward 按个奖补、balance_share_reward 余额比例奖补", "institution templates: tiered_compensation, risk_split, capped_award, referral_check, per_unit_reward, balance_share_reward", Unit::Table, "[institution_rules.calculation]", ALL, true),
    f("institution_rules[].calculation.template", "机构计算模板名", "the institution template", Unit::Choice, "\"tiered_compensation\"", ALL, true),
    f("institution_rules[].calculation.tiers", "代偿率分档，自0%起连续，最后一档 top = \"included\"", "payout-rate tiers, contiguous from 0%, the last with top = \"included\"", Unit::Table, "[[institution_rules.calculation.tiers]]", &["tiered_compensation"], true),
    f("institution_rules[].calculation.tiers[].from_percent", "代偿率档位下限", "the tier's lower bound of the payout rate", Unit::Percent, "\"1\"", &["tiered_compensation"], true),
    f("institution_rules[].calculation.tiers[].to_percent", "代偿率档位上限", "the tier's upper bound", Unit::Share, "\"3\"", &["tiered_compensation"], true),
    f("institution_rules[].calculation.tiers[].share_percent", "该档补偿比例", "the tier's compensation share", Unit::Percent, "\"80\"", &["tiered_compensation"], true),
    f("institution_rules[].calculation.tiers[].top", "原文已定上限是否含本数：included、excluded（未定时省略，见解读 tier_top）", "whether the text settles the top as included or excluded (leave out otherwise: the tier_top reading)", Unit::Choice, "\"included\"", &["tiered_compensation"], false),
    f("institution_rules[].calculation.bank_share_min_percent", "银行分担比例下限", "the bank's minimum share", Unit::Share, "\"20\"", &["risk_split"], true),
    f("institution_rules[].calculation.grace_days_min", "代偿宽限期下限", "minimum grace period", Unit::Days, "30", &["risk_split"], false),
    f("institution_rules[].calculation.deposit_waived", "免收保证金", "no deposit may be charged", Unit::YesNo, "true", &["risk_split"], false),
    f("institution_rules[].calculation.payout_rate_tolerance_percent", "可容忍的代偿率", "the payout rate tolerated", Unit::Share, "\"5\"", &["risk_split"], false),
    f("institution_rules[].calculation.scope", "代偿范围：principal_and_normal_interest、not_specified", "what a payout covers: principal_and_normal_interest, not_specified", Unit::Choice, "\"principal_and_normal_interest\"", &["risk_split"], false),
    f("institution_rules[].calculation.cap_yuan", "奖补最高额", "the award's maximum", Unit::Yuan, "\"5000000\"", &["capped_award"], false),
    f("institution_rules[].calculation.amount_set_by", "未公布金额时由谁确定", "who sets an unpublished amount", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", &["capped_award"], false),
    f("institution_rules[].calculation.share_of_cost", "费用比例区间 min_percent—max_percent 及费用名称 cost", "a share range of a cost: min_percent, max_percent, cost", Unit::Table, "{ min_percent = \"20\", max_percent = \"50\", cost = { zh = \"研发费用\", en = \"R&D cost\" } }", &["capped_award"], false),
    f("institution_rules[].calculation.share_of_cost.min_percent", "比例下限", "the range's low end", Unit::Share, "\"20\"", &["capped_award"], true),
    f("institution_rules[].calculation.share_of_cost.max_percent", "比例上限", "the range's high end", Unit::Share, "\"50\"", &["capped_award"], true),
    f("institution_rules[].calculation.share_of_cost.cost", "费用名称", "the cost's name", Unit::Bilingual, "{ zh = \"研发费用\", en = \"R&D cost\" }", &["capped_award"], true),
    f("institution_rules[].calculation.max_banks_per_batch", "每批推荐银行数上限", "banks per referral batch, at most", Unit::Count, "3", &["referral_check"], true),
    f("institution_rules[].calculation.decision_days_max", "授信决定期限", "days to a credit decision, at most", Unit::Days, "30", &["referral_check"], true),
    f("institution_rules[].calculation.units", "奖补对象，各带 id、name、yuan", "the units rewarded, each with id, name, yuan", Unit::Table, "[[institution_rules.calculation.units]]", &["per_unit_reward"], true),
    f("institution_rules[].calculation.units[].id", "奖补对象编号", "unit id", Unit::Id, "\"outlet\"", &["per_unit_reward"], true),
    f("institution_rules[].calculation.units[].name", "奖补对象名称", "unit name", Unit::Bilingual, "{ zh = \"网点\", en = \"outlet\" }", &["per_unit_reward"], true),
    f("institution_rules[].calculation.units[].yuan", "每个奖补金额", "amount per unit", Unit::Yuan, "\"100000\"", &["per_unit_reward"], true),
    f("institution_rules[].calculation.ceiling_percent", "奖补比例上限", "the reward rate's ceiling", Unit::Share, "\"0.5\"", &["balance_share_reward"], true),
    f("institution_rules[].calculation.cap_per_institution_yuan", "每家机构上限", "cap per institution", Unit::Yuan, "\"1000000\"", &["balance_share_reward"], false),
    f("institution_rules[].calculation.rate_set_by", "实际比例由谁确定", "who sets the actual rate", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", &["balance_share_reward"], true),
    f("institution_rules[].calculation.above_city_average_any_of", "须高于全市平均的指标：year_end_guarantee_balance、annual_growth", "measures to be above the city average: year_end_guarantee_balance, annual_growth", Unit::List, "[\"annual_growth\"]", &["balance_share_reward"], false),
    f("institution_rules[].calculation.categories", "业务类别，各带 id、name 及可选限制", "business categories, each with id, name and optional limits", Unit::Table, "[[institution_rules.calculation.categories]]", &["balance_share_reward"], false),
    f("institution_rules[].calculation.categories[].id", "类别编号", "category id", Unit::Id, "\"first_loan\"", &["balance_share_reward"], true),
    f("institution_rules[].calculation.categories[].name", "类别名称", "category name", Unit::Bilingual, "{ zh = \"首贷\", en = \"first loans\" }", &["balance_share_reward"], true),
    f("institution_rules[].calculation.categories[].requirement", "类别要求", "the category's requirement", Unit::Bilingual, "{ zh = \"…\", en = \"…\" }", &["balance_share_reward"], false),
    f("institution_rules[].calculation.categories[].per_enterprise_balance_cap_yuan", "每户计入的余额上限", "balance counted per enterprise, at most", Unit::Yuan, "\"10000000\"", &["balance_share_reward"], false),
    f("institution_rules[].calculation.categories[].max_annual_sales_yuan", "企业年销售额上限", "the enterprise's annual sales, at most", Unit::Yuan, "\"20000000\"", &["balance_share_reward"], false),
];

/// The reference entry of a field path (`rules[].calculation.share_percent`);
/// an institution rule's readings are written as an enterprise rule's.
pub fn field(path: &str) -> Option<&'static Field> {
    let path = match path.strip_prefix("institution_rules[].readings[]") {
        Some(rest) => format!("rules[].readings[]{rest}"),
        None => path.to_string(),
    };
    FIELDS.iter().find(|f| f.path == path)
}

/// The section a field belongs to: the longest matching prefix.
pub fn section_of(path: &str) -> &'static str {
    SECTIONS
        .iter()
        .map(|(prefix, ..)| *prefix)
        .filter(|p| p.is_empty() || path == *p || path.starts_with(&format!("{p}.")))
        .max_by_key(|p| p.len())
        .unwrap_or("")
}

/// `docs/pack-format.md`: the reference as Markdown, zh-CN first.
pub fn markdown() -> String {
    let mut out = String::from(
        "# 政策包格式说明 · Pack format reference\n\n\
         <!-- Generated by `sme-subsidy pack-reference` from src/pack/reference.rs; do not edit. -->\n\n\
         政策包是一个 TOML 文件（一份文件），或 `sme-subsidy export-pack` 导出的 JSON 数组。\
         金额、比例写成带引号的字符串（\"20\" 即 20%），避免浮点误差；日期写成 \"YYYY-MM-DD\"。\
         每个数字须出自原文，未公布的不编造（见 docs/ground-rules.md）。\n\n\
         A pack is one TOML document, or the JSON array `sme-subsidy export-pack` writes. \
         Amounts and percentages are quoted strings (\"20\" is 20%); dates are \"YYYY-MM-DD\". \
         Every number comes from the text; none is invented.\n",
    );
    for (prefix, zh, en) in SECTIONS {
        out.push_str(&format!("\n## {zh} · {en}\n\n"));
        out.push_str("| 字段 field | 说明 | description | 单位 unit | 示例 example | 模板 template | 必填 required |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for field in FIELDS.iter().filter(|f| section_of(f.path) == *prefix) {
            let templates =
                if field.templates.is_empty() { "—".to_string() } else { field.templates.join(", ") };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} / {} | `{}` | {} | {} |\n",
                field.path,
                field.zh,
                field.en,
                field.unit.zh(),
                field.unit.en(),
                field.example.replace('|', "\\|"),
                templates,
                if field.required { "是 yes" } else { "否 no" },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;

    /// Every key path in a JSON value, lists as `[]`; a `{ zh, en }` text
    /// and a reading's alternatives stop at their own path.
    fn paths(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                let is_text = map.len() == 2 && map.contains_key("zh") && map.contains_key("en");
                if !at.is_empty() && (is_text || at.ends_with("alternatives")) {
                    out.push(at.to_string());
                    return;
                }
                for (k, v) in map {
                    let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    out.push(path.clone());
                    paths(v, &path, out);
                }
            }
            serde_json::Value::Array(items) if items.iter().any(|v| v.is_object()) => {
                if at.ends_with("alternatives") || at.ends_with("institution_rules[].notes") {
                    return;
                }
                for item in items {
                    paths(item, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }

    /// Every field the built-in documents use is described.
    #[test]
    fn every_field_of_the_builtin_pack_is_described() {
        let mut found = Vec::new();
        for doc in &builtin().documents {
            paths(&serde_json::to_value(doc).unwrap(), "", &mut found);
        }
        found.sort();
        found.dedup();
        let missing: Vec<&String> = found
            .iter()
            .filter(|p| !p.ends_with(".zh") && !p.ends_with(".en"))
            .filter(|p| field(p).is_none())
            .collect();
        assert!(missing.is_empty(), "not in the pack reference: {missing:#?}");
    }

    /// The units of template parameters are the ranges validation holds them to.
    #[test]
    fn parameter_units_match_validation() {
        use crate::pack::validate::Bound;
        let calculations = builtin().rules().map(|(_, r)| &r.calculation);
        for (name, _, bound) in calculations.flat_map(crate::pack::validate::parameters) {
            let path = format!("rules[].calculation.{}", name.replace("stages.bands", "stages[].bands[]"));
            let entry = field(&path).unwrap_or_else(|| panic!("{path} not described"));
            let unit = match bound {
                Bound::Share => Unit::Share,
                Bound::Percent => Unit::Percent,
                Bound::BasisPoints => Unit::BasisPoints,
                Bound::Amount => Unit::Yuan,
                Bound::Threshold => Unit::YuanThreshold,
            };
            assert_eq!(entry.unit, unit, "{path}");
        }
    }
}
