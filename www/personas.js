// 演示企业: sample enterprises for policy-outreach staff, one per family of
// subsidy, each a complete scenario in the shape the form builds (money as
// "… CNY"/"… USD", rates as percent text, yes/no as true/false). Every
// figure of an enterprise here — its staff, revenue, loan, fee or premium —
// is SAMPLE DATA made up to be plausible; none is a policy figure, and
// none is a real enterprise (the names say 示例). What each one yields is
// the engine's calculation from the policy text (www/tests/personas.test.mjs
// holds the hand calculations). The evaluation dates are fixed so that a
// demonstration gives the same figures on any day.

const zh_en = (zh, en) => ({ zh, en });

const LIAOCHENG = { province: "山东省", city: "聊城市" };

/** In the order the persona bar shows them. */
export const PERSONAS = [
  {
    id: "patent-manufacturer",
    family: "interest",
    name: zh_en("专利权质押贷款的制造企业", "Manufacturer with a patent-pledge loan"),
    description: zh_en(
      "聊城小型机床厂，以专利权质押贷款300万元，另付评估费、担保费",
      "Small Liaocheng machine-tool maker: a ¥3M patent-pledge loan, plus evaluation and guarantee fees",
    ),
    scenario: {
      evaluation_date: "2025-06-30",
      enterprise: {
        name: "聊城某数控机床有限公司（示例）",
        region: { ...LIAOCHENG, county: "东昌府区" },
        industry: "industry",
        employees: 85,
        operating_revenue: "36000000 CNY",
        total_assets: "52000000 CNY",
      },
      loans: [{
        label: "专利权质押贷款",
        principal: "3000000 CNY",
        start_date: "2024-06-15",
        end_date: "2025-06-15",
        contract_rate_percent: "3.85",
        collateral: ["patent_pledge"],
        pledge_registered: true,
        lender: "other_bank",
        purpose: "general",
        repaid_on_schedule: true,
      }],
      guarantees: [{
        label: "专利权质押贷款担保",
        amount: "3000000 CNY",
        fee: "30000 CNY",
        term_months: 12,
        government_business: true,
        for_patent_pledge_loan: true,
        fee_paid_date: "2024-06-15",
      }],
      evaluation_fees: [{ label: "专利价值评估费", fee: "24000 CNY", for_patent_pledge_loan: true, paid_date: "2024-06-10" }],
      answers: { fits_industry_policy: true },
    },
  },
  {
    id: "small-exporter",
    family: "premium",
    name: zh_en("小型外贸企业", "Small exporter"),
    description: zh_en(
      "聊城小型钢管厂，年出口380万美元，投保出口信用保险",
      "Small Liaocheng steel-pipe maker exporting US$3.8M a year, with export credit insurance",
    ),
    scenario: {
      evaluation_date: "2025-03-31",
      enterprise: {
        name: "聊城某钢管制品有限公司（示例）",
        region: { ...LIAOCHENG, county: "临清市" },
        industry: "industry",
        employees: 60,
        operating_revenue: "28000000 CNY",
        total_assets: "20000000 CNY",
        annual_exports: "3800000 USD",
      },
      insurance: [{ label: "出口信用保险（短期险）", kind: "export_credit", premium: "38000 CNY", start_date: "2025-01-01" }],
    },
  },
  {
    id: "first-set-maker",
    family: "premium",
    name: zh_en("首台（套）装备制造企业", "First-set equipment maker"),
    description: zh_en(
      "聊城中型装备企业，为列入名单库的首台（套）装备投保产品综合险",
      "Medium Liaocheng equipment maker insuring a listed first-set machine (combined cover)",
    ),
    scenario: {
      evaluation_date: "2025-06-30",
      enterprise: {
        name: "聊城某智能装备股份有限公司（示例）",
        region: { ...LIAOCHENG, county: "经济技术开发区" },
        industry: "industry",
        employees: 420,
        operating_revenue: "260000000 CNY",
        total_assets: "380000000 CNY",
      },
      insurance: [{
        label: "首台（套）产品综合险",
        kind: "product_combined",
        product: "first_set_equipment",
        insured_amount: "28000000 CNY",
        premium: "980000 CNY",
        start_date: "2025-01-10",
      }],
      answers: { on_first_set_list: true },
    },
  },
  {
    id: "ipo-candidate",
    family: "ipo",
    name: zh_en("拟上市企业", "IPO candidate"),
    description: zh_en(
      "聊城中型新材料企业，上市申报已受理，计划募资8亿元",
      "Medium Liaocheng new-materials firm: IPO application accepted, raising ¥800M",
    ),
    scenario: {
      evaluation_date: "2025-06-30",
      enterprise: {
        name: "聊城某新材料股份有限公司（示例）",
        region: { ...LIAOCHENG, county: "高新技术产业开发区" },
        industry: "industry",
        employees: 680,
        operating_revenue: "520000000 CNY",
        total_assets: "900000000 CNY",
      },
      ipo: { stage_reached: "application_accepted", planned_fundraising: "800000000 CNY" },
      answers: { ipo_conditions: true },
    },
  },
  {
    id: "green-energy-borrower",
    family: "interest",
    name: zh_en("碳减排贷款的光伏企业", "Solar producer with a carbon-reduction loan"),
    description: zh_en(
      "聊城小型光伏发电企业，向地方法人银行借入碳减排贷款1000万元",
      "Small Liaocheng solar producer: a ¥10M carbon-reduction loan from a local legal-person bank",
    ),
    scenario: {
      evaluation_date: "2025-09-30",
      enterprise: {
        name: "聊城某光伏发电有限公司（示例）",
        region: { ...LIAOCHENG, county: "茌平区" },
        industry: "industry",
        employees: 45,
        operating_revenue: "18000000 CNY",
        total_assets: "90000000 CNY",
      },
      loans: [{
        label: "碳减排贷款（分布式光伏）",
        principal: "10000000 CNY",
        start_date: "2024-09-01",
        end_date: "2025-09-01",
        contract_rate_percent: "3.2",
        collateral: ["fixed_asset_mortgage"],
        lender: "local_legal_person_bank",
        purpose: "clean_energy",
        carbon_reduction_tool: true,
      }],
    },
  },
  {
    id: "linhai-tech-2021",
    family: "interest",
    name: zh_en("临海科技型企业（2021年）", "Linhai technology firm (2021)"),
    description: zh_en(
      "临海小型软件企业，2021年向科技支行贷款，按政策有效期内的日期测算",
      "Small Linhai software firm with a 2021 tech sub-branch loan, estimated while the policy was in force",
    ),
    scenario: {
      // 临政办发〔2021〕47号 was in force 2021-08-27 – 2021-12-31 only.
      evaluation_date: "2021-12-31",
      enterprise: {
        name: "临海某软件科技有限公司（示例）",
        region: { province: "浙江省", city: "台州市", county: "临海市" },
        industry: "software",
        employees: 80,
        operating_revenue: "22000000 CNY",
        total_assets: "30000000 CNY",
        qualifications: ["tech_enterprise"],
      },
      loans: [{
        label: "科技支行信用贷款",
        principal: "8000000 CNY",
        start_date: "2021-08-02",
        end_date: "2022-08-02",
        contract_rate_percent: "4.35",
        monthly_average_balance: "6500000 CNY",
        collateral: ["unsecured"],
        lender: "tech_branch",
        purpose: "general",
      }],
    },
  },
];
