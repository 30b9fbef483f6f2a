//! The browser API of 申报指引 ([`sme_subsidy::apply`]): the places to choose
//! from, and per rule whether it concerns the chosen place, what it still
//! waits on (待填写), its what-if and interest series, and where to apply.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{one_language, read_scenario, to_js, Calculator, OneLanguageChoice, ScenarioObject};
use sme_subsidy::apply::{self, PlaceOption};

// Places, Guide and the types it holds, and Shown, are derived by tsify
// (below, and src/apply.rs, src/what_if.rs).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Places")]
    pub type PlacesObject;
    #[wasm_bindgen(typescript_type = "Guide")]
    pub type GuideObject;
    #[wasm_bindgen(typescript_type = "Shown")]
    pub type ShownObject;
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(serde::Serialize)]
/// places(): `within` the portal's own place (null when none was given or it was not recognised).
struct Places {
    within: Option<PlaceOption>,
    unrecognised: bool,
    options: Vec<PlaceOption>,
}

#[wasm_bindgen]
impl Calculator {
    /// The places the active pack covers, to choose from; under `within`
    /// (a portal's own place, e.g. 「山东省聊城市」, read through the
    /// gazetteer with its aliases) when given.
    pub fn places(&self, within: Option<String>) -> PlacesObject {
        let given = within.as_deref().map(str::trim).filter(|w| !w.is_empty());
        let place = given.and_then(apply::resolve);
        let places = Places {
            unrecognised: given.is_some() && place.is_none(),
            options: apply::place_options(&self.set, place.as_ref()),
            within: place,
        };
        to_js(&places).unchecked_into()
    }

    /// 申报指引 for a scenario: its place, the fields to fill first, and per
    /// rule whether it concerns the place, 待填写, what-if, the interest
    /// series and where to apply; texts in `lang` ("zh", the default, or
    /// "en"). Throws an `InputErrorObject` when the scenario is not valid.
    pub fn guide(
        &self,
        scenario: &ScenarioObject,
        lang: Option<OneLanguageChoice>,
    ) -> Result<GuideObject, JsValue> {
        let scenario = read_scenario(scenario, &self.set)?;
        let lang = one_language(lang);
        let evaluation = sme_subsidy::evaluate(&self.set, &scenario);
        Ok(to_js(&apply::guide(&scenario, &evaluation, lang)).unchecked_into())
    }

    /// What the calculator page shows for one input, from one evaluation:
    /// `report` (as `evaluate` returns it, with `product`), `guide` (as
    /// `guide` returns it, its rules those of the report) and `groups`, the
    /// report's results as the page lays them out (`family` the open tab).
    /// Throws an `InputErrorObject` as `evaluate` does.
    pub fn show(
        &self,
        scenario: &ScenarioObject,
        lang: Option<OneLanguageChoice>,
        product: Option<String>,
        family: Option<String>,
    ) -> Result<ShownObject, JsValue> {
        let product = self.product_of(product)?;
        let scenario = read_scenario(scenario, &self.set)?;
        let lang = one_language(lang);
        let evaluation = sme_subsidy::evaluate(&self.set, &scenario);
        let shown = apply::shown(&scenario, evaluation, lang, product, family.as_deref());
        Ok(to_js(&shown).unchecked_into())
    }
}
