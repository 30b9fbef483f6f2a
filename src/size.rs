//! 企业划型 (S-1): the SME size of an enterprise under
//! 《中小企业划型标准规定》（工信部联企业〔2011〕300号）第四条.
//!
//! Many provisions are limited to 中小微企业 or 小微企业, so the size is
//! worked out once per scenario from the three statistics the standard uses
//! (从业人员, 营业收入, 资产总额). The thresholds are the sixteen rows of the
//! standard, kept as data below; the rule that reads them is the standard's
//! own: 中型 and 小型 need every listed lower bound, 微型 is any one below the
//! 小型 bound, and an enterprise outside the 中小微 bound is 大型.

use crate::fields::FieldId;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::vocabulary::Choice;

/// The citation every size result carries.
pub const SIZE_STANDARD: &str = "《中小企业划型标准规定》（工信部联企业〔2011〕300号）第四条";

/// 行业: the sixteen industry groups of the 2011 standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    /// 农、林、牧、渔业
    #[serde(alias = "农、林、牧、渔业", alias = "农林牧渔业")]
    Agriculture,
    /// 工业（采矿业、制造业、电力热力燃气及水生产和供应业）
    #[serde(alias = "工业", alias = "制造业")]
    Industry,
    /// 建筑业
    #[serde(alias = "建筑业")]
    Construction,
    /// 批发业
    #[serde(alias = "批发业")]
    Wholesale,
    /// 零售业
    #[serde(alias = "零售业")]
    Retail,
    /// 交通运输业
    #[serde(alias = "交通运输业")]
    Transport,
    /// 仓储业
    #[serde(alias = "仓储业")]
    Warehousing,
    /// 邮政业
    #[serde(alias = "邮政业")]
    Postal,
    /// 住宿业
    #[serde(alias = "住宿业")]
    Accommodation,
    /// 餐饮业
    #[serde(alias = "餐饮业")]
    Catering,
    /// 信息传输业
    #[serde(alias = "信息传输业")]
    InformationTransmission,
    /// 软件和信息技术服务业
    #[serde(alias = "软件和信息技术服务业")]
    Software,
    /// 房地产开发经营
    #[serde(alias = "房地产开发经营")]
    RealEstateDevelopment,
    /// 物业管理
    #[serde(alias = "物业管理")]
    PropertyManagement,
    /// 租赁和商务服务业
    #[serde(alias = "租赁和商务服务业")]
    LeasingAndBusinessServices,
    /// 其他未列明行业
    #[serde(alias = "其他未列明行业", alias = "其他")]
    Other,
}

impl Industry {
    pub const ALL: [Industry; 16] = [
        Industry::Agriculture,
        Industry::Industry,
        Industry::Construction,
        Industry::Wholesale,
        Industry::Retail,
        Industry::Transport,
        Industry::Warehousing,
        Industry::Postal,
        Industry::Accommodation,
        Industry::Catering,
        Industry::InformationTransmission,
        Industry::Software,
        Industry::RealEstateDevelopment,
        Industry::PropertyManagement,
        Industry::LeasingAndBusinessServices,
        Industry::Other,
    ];

    /// Its name in the standard (`vocabulary`).
    pub fn name_zh(self) -> &'static str {
        self.term().zh
    }

    /// Its English name in a sentence (`vocabulary`).
    pub fn name_en(self) -> &'static str {
        self.term().en_phrase
    }

    fn thresholds(self) -> &'static IndustryThresholds {
        &THRESHOLDS[self as usize]
    }

    /// The statistics the standard uses for this industry.
    pub fn metrics(self) -> &'static [Metric] {
        self.thresholds().metrics
    }
}

/// 企业规模.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    /// 大型
    #[serde(alias = "大型")]
    Large,
    /// 中型
    #[serde(alias = "中型")]
    Medium,
    /// 小型
    #[serde(alias = "小型")]
    Small,
    /// 微型
    #[serde(alias = "微型")]
    Micro,
}

impl Size {
    pub fn name_zh(self) -> &'static str {
        match self {
            Size::Large => "大型",
            Size::Medium => "中型",
            Size::Small => "小型",
            Size::Micro => "微型",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Size::Large => "large",
            Size::Medium => "medium",
            Size::Small => "small",
            Size::Micro => "micro",
        }
    }
}

/// A statistic the standard classifies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// 从业人员（人）
    Employees,
    /// 营业收入（元）
    OperatingRevenue,
    /// 资产总额（元）
    TotalAssets,
}

impl Metric {
    /// The scenario field that holds this statistic.
    pub fn field(self) -> FieldId {
        match self {
            Metric::Employees => FieldId::Employees,
            Metric::OperatingRevenue => FieldId::OperatingRevenue,
            Metric::TotalAssets => FieldId::TotalAssets,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Metric::Employees => "从业人员",
            Metric::OperatingRevenue => "营业收入",
            Metric::TotalAssets => "资产总额",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Metric::Employees => "employees",
            Metric::OperatingRevenue => "operating revenue",
            Metric::TotalAssets => "total assets",
        }
    }
}

/// The statistics of one enterprise, as reported.
#[derive(Clone, Copy, Debug, Default)]
pub struct Statistics {
    pub employees: Option<u32>,
    /// 营业收入, yuan
    pub operating_revenue: Option<Decimal>,
    /// 资产总额, yuan
    pub total_assets: Option<Decimal>,
}

impl Statistics {
    fn value(&self, metric: Metric) -> Option<Decimal> {
        match metric {
            Metric::Employees => self.employees.map(Decimal::from),
            Metric::OperatingRevenue => self.operating_revenue,
            Metric::TotalAssets => self.total_assets,
        }
    }
}

/// One bound: employees in persons, money in 万元 as the standard writes it.
#[derive(Clone, Copy, Debug)]
struct Bound {
    metric: Metric,
    /// persons, or 万元
    value: i64,
}

impl Bound {
    fn in_units(self) -> Decimal {
        match self.metric {
            Metric::Employees => Decimal::from(self.value),
            _ => Decimal::from(self.value * 10_000),
        }
    }
}

struct IndustryThresholds {
    metrics: &'static [Metric],
    /// 中小微: an enterprise below any of these is an SME.
    sme_below_any: &'static [Bound],
    /// 中型: at or above all of these.
    medium_at_least_all: &'static [Bound],
    /// 小型: at or above all of these; below any → 微型.
    small_at_least_all: &'static [Bound],
}

const fn e(value: i64) -> Bound {
    Bound { metric: Metric::Employees, value }
}
const fn r(value: i64) -> Bound {
    Bound { metric: Metric::OperatingRevenue, value }
}
const fn a(value: i64) -> Bound {
    Bound { metric: Metric::TotalAssets, value }
}

use Metric::{Employees as EMP, OperatingRevenue as REV, TotalAssets as AST};

/// 工信部联企业〔2011〕300号 第四条, in the order of `Industry` (money in 万元).
#[rustfmt::skip]
const THRESHOLDS: [IndustryThresholds; 16] = [
    // （一）农、林、牧、渔业。营业收入20000万元以下的为中小微型企业。其中，营业收入500万元及以上的为中型企业，营业收入50万元及以上的为小型企业，营业收入50万元以下的为微型企业。
    IndustryThresholds { metrics: &[REV], sme_below_any: &[r(20000)], medium_at_least_all: &[r(500)], small_at_least_all: &[r(50)] },
    // （二）工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入300万元及以上的为小型企业；从业人员20人以下或营业收入300万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(1000), r(40000)], medium_at_least_all: &[e(300), r(2000)], small_at_least_all: &[e(20), r(300)] },
    // （三）建筑业。营业收入80000万元以下或资产总额80000万元以下的为中小微型企业。其中，营业收入6000万元及以上，且资产总额5000万元及以上的为中型企业；营业收入300万元及以上，且资产总额300万元及以上的为小型企业；营业收入300万元以下或资产总额300万元以下的为微型企业。
    IndustryThresholds { metrics: &[REV, AST], sme_below_any: &[r(80000), a(80000)], medium_at_least_all: &[r(6000), a(5000)], small_at_least_all: &[r(300), a(300)] },
    // （四）批发业。从业人员200人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员20人及以上，且营业收入5000万元及以上的为中型企业；从业人员5人及以上，且营业收入1000万元及以上的为小型企业；从业人员5人以下或营业收入1000万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(200), r(40000)], medium_at_least_all: &[e(20), r(5000)], small_at_least_all: &[e(5), r(1000)] },
    // （五）零售业。从业人员300人以下或营业收入20000万元以下的为中小微型企业。其中，从业人员50人及以上，且营业收入500万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(300), r(20000)], medium_at_least_all: &[e(50), r(500)], small_at_least_all: &[e(10), r(100)] },
    // （六）交通运输业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入3000万元及以上的为中型企业；从业人员20人及以上，且营业收入200万元及以上的为小型企业；从业人员20人以下或营业收入200万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(1000), r(30000)], medium_at_least_all: &[e(300), r(3000)], small_at_least_all: &[e(20), r(200)] },
    // （七）仓储业。从业人员200人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(200), r(30000)], medium_at_least_all: &[e(100), r(1000)], small_at_least_all: &[e(20), r(100)] },
    // （八）邮政业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(1000), r(30000)], medium_at_least_all: &[e(300), r(2000)], small_at_least_all: &[e(20), r(100)] },
    // （九）住宿业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(300), r(10000)], medium_at_least_all: &[e(100), r(2000)], small_at_least_all: &[e(10), r(100)] },
    // （十）餐饮业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(300), r(10000)], medium_at_least_all: &[e(100), r(2000)], small_at_least_all: &[e(10), r(100)] },
    // （十一）信息传输业。从业人员2000人以下或营业收入100000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(2000), r(100000)], medium_at_least_all: &[e(100), r(1000)], small_at_least_all: &[e(10), r(100)] },
    // （十二）软件和信息技术服务业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入50万元及以上的为小型企业；从业人员10人以下或营业收入50万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(300), r(10000)], medium_at_least_all: &[e(100), r(1000)], small_at_least_all: &[e(10), r(50)] },
    // （十三）房地产开发经营。营业收入200000万元以下或资产总额10000万元以下的为中小微型企业。其中，营业收入1000万元及以上，且资产总额5000万元及以上的为中型企业；营业收入100万元及以上，且资产总额2000万元及以上的为小型企业；营业收入100万元以下或资产总额2000万元以下的为微型企业。
    IndustryThresholds { metrics: &[REV, AST], sme_below_any: &[r(200000), a(10000)], medium_at_least_all: &[r(1000), a(5000)], small_at_least_all: &[r(100), a(2000)] },
    // （十四）物业管理。从业人员1000人以下或营业收入5000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入1000万元及以上的为中型企业；从业人员100人及以上，且营业收入500万元及以上的为小型企业；从业人员100人以下或营业收入500万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, REV], sme_below_any: &[e(1000), r(5000)], medium_at_least_all: &[e(300), r(1000)], small_at_least_all: &[e(100), r(500)] },
    // （十五）租赁和商务服务业。从业人员300人以下或资产总额120000万元以下的为中小微型企业。其中，从业人员100人及以上，且资产总额8000万元及以上的为中型企业；从业人员10人及以上，且资产总额100万元及以上的为小型企业；从业人员10人以下或资产总额100万元以下的为微型企业。
    IndustryThresholds { metrics: &[EMP, AST], sme_below_any: &[e(300), a(120000)], medium_at_least_all: &[e(100), a(8000)], small_at_least_all: &[e(10), a(100)] },
    // （十六）其他未列明行业。从业人员300人以下的为中小微型企业。其中，从业人员100人及以上的为中型企业；从业人员10人及以上的为小型企业；从业人员10人以下的为微型企业。
    IndustryThresholds { metrics: &[EMP], sme_below_any: &[e(300)], medium_at_least_all: &[e(100)], small_at_least_all: &[e(10)] },
];

/// Classify, or name the statistics still missing for this industry.
pub fn classify(industry: Industry, stats: &Statistics) -> Result<Size, Vec<Metric>> {
    let t = industry.thresholds();
    let missing: Vec<Metric> = t.metrics.iter().copied().filter(|m| stats.value(*m).is_none()).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let value = |b: &Bound| stats.value(b.metric).unwrap_or_default();
    let below = |b: &Bound| value(b) < b.in_units();
    let size = if !t.sme_below_any.iter().any(below) {
        Size::Large
    } else if !t.medium_at_least_all.iter().any(below) {
        Size::Medium
    } else if !t.small_at_least_all.iter().any(below) {
        Size::Small
    } else {
        Size::Micro
    };
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum() {
        for industry in Industry::ALL {
            // The alias for each industry is its row's Chinese name.
            let json = format!("\"{}\"", industry.name_zh());
            let parsed: Industry = serde_json::from_str(&json).unwrap();
            assert_eq!(parsed, industry);
        }
    }
}
