//! 银行产品 (bank products) as pack data: a loan or insurance product a bank
//! or a portal puts the calculator beside, with the rules it concerns and the
//! terms the product itself fixes.
//!
//! A product pre-fills only what the product is — a 知识产权质押贷 is secured
//! by a patent pledge — never a fact about the enterprise and never an
//! amount: the item types below have no field for either. The built-in
//! products are `policies/products.toml` (they cut across documents: a
//! 政府性融资担保贷款 concerns the guarantee rules of four); a portal's
//! document may carry its own (`[[products]]`), which replace a built-in
//! product of the same id.

use serde::{Deserialize, Serialize};

use super::validate::PackError;
use super::{Family, Text};
use crate::scenario::{Collateral, InnovativeProduct, InsuranceKind};

/// 银行产品.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Stable id, the widget's `product` attribute, e.g. `patent-pledge-loan`.
    pub id: String,
    /// 产品名称
    pub name: Text,
    /// The guided form's tab the product opens on: `interest`,
    /// `guarantee_fee`, `premium` or `ipo`.
    pub family: Family,
    /// The rule ids the product concerns: only these are shown, and the
    /// product's total sums only these.
    pub rules: Vec<String>,
    /// 贷款: the product's own loan terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loans: Vec<ProductLoan>,
    /// 融资担保
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guarantees: Vec<ProductGuarantee>,
    /// 评估费
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluation_fees: Vec<ProductEvaluationFee>,
    /// 保险保单
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub insurance: Vec<ProductInsurance>,
    /// Starts the 上市 fields (the stage is the enterprise's to enter).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ipo: bool,
}

/// A loan as the product fixes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductLoan {
    /// 贷款名称, shown in the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 担保方式
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collateral: Vec<Collateral>,
    /// 纳入人民银行碳减排支持工具
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carbon_reduction_tool: Option<bool>,
}

/// A guarantee as the product fixes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductGuarantee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 纳入政府性融资担保业务
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_business: Option<bool>,
    /// 为专利权质押贷款提供的担保
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_patent_pledge_loan: Option<bool>,
}

/// An evaluation fee as the product fixes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductEvaluationFee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 因专利权质押贷款发生
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_patent_pledge_loan: Option<bool>,
}

/// An insurance policy as the product fixes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductInsurance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 险种
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<InsuranceKind>,
    /// 投保的创新产品
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<InnovativeProduct>,
}

/// The built-in products file (`policies/products.toml`): products only.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    #[serde(default)]
    pub products: Vec<Product>,
}

/// Every problem with products, each naming the file and the field
/// (`at(p)` is where product `p` sits: `products[2]`, `[0].products[2]`):
/// an empty id or one used twice, a name without both languages, a family
/// the form has no tab for, no rules, or a rule id `set` does not hold.
pub fn check(
    products: &[Product],
    at: impl Fn(usize) -> String,
    set: &super::PolicySet,
    file: &str,
) -> Vec<PackError> {
    let mut errors = Vec::new();
    let mut push = |field: String, zh: String, en: String| {
        errors.push(PackError { file: file.to_string(), rule: None, field, zh, en, at: None })
    };
    for (p, product) in products.iter().enumerate() {
        let at = |field: &str| format!("{}.{field}", at(p));
        let id = &product.id;
        if id.trim().is_empty() {
            push(at("id"), "产品编号不能为空".into(), "the product id must not be empty".into());
        } else if products[..p].iter().any(|o| o.id == *id) {
            push(at("id"), format!("产品编号 {id} 重复"), format!("product id {id} is used twice"));
        }
        if product.name.zh.trim().is_empty() || product.name.en.trim().is_empty() {
            push(
                at("name"),
                "产品名称须有中文和英文".into(),
                "the product name needs both Chinese and English".into(),
            );
        }
        if !matches!(product.family, Family::Interest | Family::GuaranteeFee | Family::Premium | Family::Ipo)
        {
            push(
                at("family"),
                "产品类别须为 interest、guarantee_fee、premium 或 ipo（表单的四类）".into(),
                "family must be interest, guarantee_fee, premium or ipo (the form's four tabs)".into(),
            );
        }
        if product.rules.is_empty() {
            push(
                at("rules"),
                "产品须列出所涉规则".into(),
                "a product must list the rules it concerns".into(),
            );
        }
        for (r, rule) in product.rules.iter().enumerate() {
            if !set.rules().any(|(_, known)| known.id == *rule) {
                push(
                    at(&format!("rules[{r}]")),
                    format!("产品 {id} 所列规则编号 {rule} 不在政策包中"),
                    format!("product {id} names rule {rule}, which the pack does not hold"),
                );
            }
        }
    }
    errors
}

/// The products of a portal's documents, checked against the set they are
/// merged into (`set`, which holds them): their rules may be the built-in
/// pack's or their own documents'.
pub fn check_documents(documents: &[super::Document], set: &super::PolicySet, file: &str) -> Vec<PackError> {
    documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| check(&doc.products, |p| format!("[{d}].products[{p}]"), set, file))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;

    /// The built-in products, with the ids and rules the widget's `product`
    /// attribute has always taken, each rule in the built-in pack.
    #[test]
    fn builtin_products_are_valid() {
        let set = builtin();
        let errors = check(&set.products, |p| format!("products[{p}]"), set, "policies/products.toml");
        assert!(errors.is_empty(), "{errors:#?}");
        let ids: Vec<(&str, usize)> = set.products().map(|p| (p.id.as_str(), p.rules.len())).collect();
        assert_eq!(
            ids,
            [
                ("patent-pledge-loan", 2),
                ("policy-guarantee", 6),
                ("guaranteed-loan", 6),
                ("carbon-reduction-loan", 1),
                ("tech-loan", 2),
                ("first-set-insurance", 1),
                ("export-credit-insurance", 2),
                ("ipo", 1)
            ]
        );
    }

    /// A portal's products, read as the browser reads a pack (JSON), each
    /// problem located at its field.
    #[test]
    fn portal_products_are_checked_with_located_errors() {
        let product = |id: &str, family: &str, rules: &str, en: &str| {
            format!(
                r#"{{"id":"{id}","name":{{"zh":"产品","en":"{en}"}},"family":"{family}","rules":[{rules}]}}"#
            )
        };
        let products = [
            product("mine", "interest", r#""LC-I-1","LC-X-9""#, "Mine"),
            product("mine", "premium", r#""LC-P-1""#, "Again"),
            product("", "eligibility_only", "", ""),
        ]
        .join(",");
        let mut doc: serde_json::Value = serde_json::to_value(&builtin().documents[4]).unwrap();
        doc["products"] = serde_json::from_str(&format!("[{products}]")).unwrap();
        let text = serde_json::to_string(&[doc]).unwrap();
        let documents = crate::pack::validate::checked(
            serde_json::from_str(&text).map_err(|e| (String::new(), e.to_string())),
            "my.json",
        )
        .unwrap();
        let mut set = builtin().clone();
        set.merge(documents.clone());
        let errors = check_documents(&documents, &set, "my.json");
        let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.en.as_str())).collect();
        assert_eq!(
            found,
            [
                ("[0].products[0].rules[1]", "product mine names rule LC-X-9, which the pack does not hold"),
                ("[0].products[1].id", "product id mine is used twice"),
                ("[0].products[2].id", "the product id must not be empty"),
                ("[0].products[2].name", "the product name needs both Chinese and English"),
                (
                    "[0].products[2].family",
                    "family must be interest, guarantee_fee, premium or ipo (the form's four tabs)"
                ),
                ("[0].products[2].rules", "a product must list the rules it concerns"),
            ]
        );
        assert!(errors.iter().all(|e| e.file == "my.json" && !e.zh.is_empty()));
        assert_eq!(errors[0].zh, "产品 mine 所列规则编号 LC-X-9 不在政策包中");
    }

    /// A product may pre-fill only what the product is: an amount or a fact
    /// about the enterprise has no field, and is refused where it stands.
    #[test]
    fn a_product_cannot_prefill_an_amount() {
        let text = r#"[{"id":"x","name":{"zh":"x","en":"x"},"family":"interest","rules":["LC-I-1"],
            "loans":[{"label":"x","principal":"100 CNY"}]}]"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let error = serde_path_to_error::deserialize::<_, Vec<Product>>(&mut de).unwrap_err();
        assert_eq!(error.path().to_string(), "[0].loans[0].principal");
        assert!(error.inner().to_string().contains("unknown field `principal`"), "{error}");
    }

    /// A portal's product replaces the built-in one of the same id; the
    /// others stay.
    #[test]
    fn a_portal_product_replaces_the_builtin_of_its_id() {
        let mut set = builtin().clone();
        let mut doc = set.documents[1].clone();
        let mut mine = set.product("ipo").unwrap().clone();
        mine.name.zh = "本市上市培育".into();
        doc.products.push(mine);
        set.merge(vec![doc]);
        assert_eq!(set.products().count(), 8);
        assert_eq!(set.product("ipo").unwrap().name.zh, "本市上市培育");
        assert_eq!(set.products().next().unwrap().id, "ipo", "a document's own products first");
    }
}
