//! Bank products in the browser API: the active pack's products, each with
//! the scenario it starts the form with, for the widget's `product`
//! attribute. The evaluation scoped to one is `evaluate(scenario, lang,
//! product)` (`sme_subsidy::product::scoped`).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{to_js, Calculator};
use sme_subsidy::pack::product::{ProductEvaluationFee, ProductGuarantee, ProductInsurance, ProductLoan};
use sme_subsidy::pack::{Family, Product, Text};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ProductSummary[]")]
    pub type ProductList;
}

#[wasm_bindgen]
impl Calculator {
    /// The bank products of the active pack, portal products first.
    pub fn products(&self) -> ProductList {
        let list: Vec<ProductSummary> = self.set.products().map(ProductSummary::from).collect();
        to_js(&list).unchecked_into()
    }
}

/// 银行产品 of the active pack (policies/products.toml, or a portal's [[products]]).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct ProductSummary<'a> {
    /// The widget's `product` attribute, e.g. "patent-pledge-loan".
    id: &'a str,
    name: &'a Text,
    /// The form's tab the product opens on (a pack's product has one of
    /// these four families, `pack::product`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = r#""interest" | "guarantee_fee" | "premium" | "ipo""#))]
    family: Family,
    /// The rules the product concerns: evaluate(scenario, lang, id) returns only these.
    rules: &'a [String],
    /// What the product itself fixes, as scenario items: the form starts with them.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(
            type = r#"Partial<Pick<Scenario, "loans" | "guarantees" | "evaluation_fees" | "insurance" | "ipo">>"#
        )
    )]
    start: Start<'a>,
}

/// The scenario items a product starts the form with.
#[derive(Serialize)]
struct Start<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    loans: &'a [ProductLoan],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    guarantees: &'a [ProductGuarantee],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    evaluation_fees: &'a [ProductEvaluationFee],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    insurance: &'a [ProductInsurance],
    /// `{}`: the 上市 fields, empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    ipo: Option<Empty>,
}

#[derive(Serialize)]
struct Empty {}

impl<'a> From<&'a Product> for ProductSummary<'a> {
    fn from(p: &'a Product) -> Self {
        ProductSummary {
            id: &p.id,
            name: &p.name,
            family: p.family,
            rules: &p.rules,
            start: Start {
                loans: &p.loans,
                guarantees: &p.guarantees,
                evaluation_fees: &p.evaluation_fees,
                insurance: &p.insurance,
                ipo: p.ipo.then_some(Empty {}),
            },
        }
    }
}
