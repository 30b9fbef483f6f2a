// Written from src/vocabulary.rs (the test `vocabulary_js_is_current` checks it;
// VOCABULARY_UPDATE=1 cargo test --test vocabulary rewrites it). Do not edit.

/** The options of every list the user picks from, by scenario field name. */
export const CHOICES = {
  industry: [
    { value: "agriculture", label: { zh: "农、林、牧、渔业", en: "Agriculture, forestry, husbandry, fishery" } },
    { value: "industry", label: { zh: "工业（采矿、制造、电力热力燃气及水）", en: "Industry (mining, manufacturing, utilities)" } },
    { value: "construction", label: { zh: "建筑业", en: "Construction" } },
    { value: "wholesale", label: { zh: "批发业", en: "Wholesale" } },
    { value: "retail", label: { zh: "零售业", en: "Retail" } },
    { value: "transport", label: { zh: "交通运输业", en: "Transport" } },
    { value: "warehousing", label: { zh: "仓储业", en: "Warehousing" } },
    { value: "postal", label: { zh: "邮政业", en: "Postal services" } },
    { value: "accommodation", label: { zh: "住宿业", en: "Accommodation" } },
    { value: "catering", label: { zh: "餐饮业", en: "Catering" } },
    { value: "information_transmission", label: { zh: "信息传输业", en: "Information transmission" } },
    { value: "software", label: { zh: "软件和信息技术服务业", en: "Software and IT services" } },
    { value: "real_estate_development", label: { zh: "房地产开发经营", en: "Real-estate development" } },
    { value: "property_management", label: { zh: "物业管理", en: "Property management" } },
    { value: "leasing_and_business_services", label: { zh: "租赁和商务服务业", en: "Leasing and business services" } },
    { value: "other", label: { zh: "其他未列明行业", en: "Other industries" } },
  ],
  qualifications: [
    { value: "tech_enterprise", label: { zh: "科技型企业", en: "Technology-based enterprise" } },
  ],
  collateral: [
    { value: "patent_pledge", label: { zh: "专利权质押", en: "Patent pledge" } },
    { value: "fixed_asset_mortgage", label: { zh: "固定资产抵押", en: "Fixed-asset mortgage" } },
    { value: "guarantee_institution", label: { zh: "融资担保", en: "Guarantee institution" } },
    { value: "unsecured", label: { zh: "信用", en: "Unsecured" } },
    { value: "other", label: { zh: "其他", en: "Other" } },
  ],
  lender: [
    { value: "local_legal_person_bank", label: { zh: "地方法人银行", en: "Local legal-person bank" } },
    { value: "tech_branch", label: { zh: "科技支行", en: "Technology sub-branch" } },
    { value: "other_bank", label: { zh: "其他银行", en: "Other bank" } },
  ],
  purpose: [
    { value: "general", label: { zh: "一般生产经营", en: "General operations" } },
    { value: "clean_energy", label: { zh: "清洁能源", en: "Clean energy" } },
    { value: "energy_saving_environmental", label: { zh: "节能环保", en: "Energy saving and environment" } },
    { value: "carbon_reduction_technology", label: { zh: "碳减排技术", en: "Carbon-reduction technology" } },
    { value: "startup_guaranteed", label: { zh: "创业担保贷款", en: "Start-up guaranteed loan" } },
    { value: "veteran_startup", label: { zh: "退役军人创业贷款", en: "Veteran's start-up loan" } },
  ],
  green_industry: [
    { value: "carbon_reduction", label: { zh: "降碳减排", en: "Carbon reduction" } },
    { value: "energy_saving_environmental", label: { zh: "节能环保", en: "Energy saving and environment" } },
    { value: "clean_production", label: { zh: "清洁生产", en: "Clean production" } },
    { value: "clean_energy", label: { zh: "清洁能源", en: "Clean energy" } },
    { value: "ecology", label: { zh: "生态环境", en: "Ecology" } },
    { value: "green_infrastructure", label: { zh: "基础设施绿色升级", en: "Green infrastructure" } },
    { value: "green_services", label: { zh: "绿色服务", en: "Green services" } },
    { value: "not_green", label: { zh: "不属于七类", en: "None of the seven" } },
  ],
  kind: [
    { value: "quality_guarantee", label: { zh: "质量保证保险", en: "Quality guarantee" } },
    { value: "product_liability", label: { zh: "产品责任保险", en: "Product liability" } },
    { value: "product_combined", label: { zh: "产品综合险", en: "Combined product insurance" } },
    { value: "export_credit", label: { zh: "出口信用保险", en: "Export credit insurance" } },
    { value: "other", label: { zh: "其他险种", en: "Other" } },
  ],
  product: [
    { value: "first_set_equipment", label: { zh: "首台（套）技术装备", en: "First-set equipment" } },
    { value: "first_batch_material", label: { zh: "首批次新材料", en: "First-batch new material" } },
    { value: "first_version_software", label: { zh: "首版次软件", en: "First-version software" } },
  ],
  stage_reached: [
    { value: "tutoring_filed", label: { zh: "辅导备案", en: "Tutoring filed" } },
    { value: "application_accepted", label: { zh: "申报受理", en: "Application accepted" } },
    { value: "listed", label: { zh: "成功上市", en: "Listed" } },
  ],
};
