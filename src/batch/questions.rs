//! The list's question columns: one per yes/no question of the active pack
//! (a rule's `confirm` condition), so a portal pack that renames or adds a
//! question gets its column, read into `scenario.answers`.
//!
//! A question's header is its `column` text (the built-in pack gives short
//! ones: 「符合产业政策（是/否）」), else the question with 「（是/否）」. Its
//! place in the template follows the guided form's tabs: a question of an
//! insurance rule after the insurance policy's columns, of an IPO rule after
//! the IPO columns, the others together before 测算日期.

use std::borrow::Cow;

use super::{Column, Key, COLUMNS};
use crate::pack::{Condition, PolicySet};

/// A question's column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionColumn {
    /// The question id, the key in `scenario.answers`.
    pub id: String,
    /// The header, as in the template.
    pub header: String,
    /// The header in English.
    pub en: String,
    /// The template column it follows; `None`: it stands before 测算日期.
    after: Option<Key>,
}

impl QuestionColumn {
    /// The template's example row: the README example enterprise's answer
    /// (examples/scenario.json), blank for a question it does not answer.
    pub fn example(&self) -> &'static str {
        EXAMPLE_ANSWERS.iter().find(|(id, _)| *id == self.id).map_or("", |(_, a)| a)
    }
}

/// The README example enterprise's answers (examples/scenario.json).
const EXAMPLE_ANSWERS: [(&str, &str); 2] = [("fits_industry_policy", "是"), ("on_first_set_list", "是")];

/// The question columns of a policy set, in template order; a question
/// asked by several rules (聊城's two documents ask fits_industry_policy)
/// has one column, with the first rule's header.
pub fn question_columns(set: &PolicySet) -> Vec<QuestionColumn> {
    let mut columns: Vec<QuestionColumn> = Vec::new();
    for (_, rule) in set.rules() {
        for condition in &rule.conditions {
            let Condition::Confirm { id, question, column } = condition else { continue };
            if columns.iter().any(|c| c.id == *id) {
                continue;
            }
            let (header, en) = match column {
                Some(t) => (t.zh.clone(), t.en.clone()),
                None => (format!("{}（是/否）", question.zh), format!("{} (yes/no)", question.en)),
            };
            let after = match rule.form_family() {
                "premium" => Some(Key::InsuranceStart),
                "ipo" => Some(Key::Fundraising),
                _ => None,
            };
            columns.push(QuestionColumn { id: id.clone(), header, en, after });
        }
    }
    columns
}

/// A column of the template: one of [`COLUMNS`] or a question's.
#[derive(Clone, Copy, Debug)]
pub enum TemplateColumn<'a> {
    Fixed(&'static Column),
    Question(&'a QuestionColumn),
}

impl<'a> TemplateColumn<'a> {
    pub fn header(&self) -> &'a str {
        match self {
            TemplateColumn::Fixed(c) => c.header,
            TemplateColumn::Question(q) => &q.header,
        }
    }
    pub fn en(&self) -> &'a str {
        match self {
            TemplateColumn::Fixed(c) => c.en,
            TemplateColumn::Question(q) => &q.en,
        }
    }
    pub fn required(&self) -> bool {
        matches!(self, TemplateColumn::Fixed(c) if c.required)
    }
    pub fn example(&self) -> &'static str {
        match self {
            TemplateColumn::Fixed(c) => c.example,
            TemplateColumn::Question(q) => q.example(),
        }
    }
    /// The header as a message names the column.
    pub fn name(&self) -> Cow<'static, str> {
        match self {
            TemplateColumn::Fixed(c) => Cow::Borrowed(c.header),
            TemplateColumn::Question(q) => Cow::Owned(q.header.clone()),
        }
    }
}

/// Every column of the template in order: the fixed columns with each
/// question after the column it follows, the others before 测算日期.
pub fn template_columns(questions: &[QuestionColumn]) -> Vec<TemplateColumn<'_>> {
    let mut out = Vec::with_capacity(COLUMNS.len() + questions.len());
    for column in &COLUMNS {
        if column.key == Key::Date {
            out.extend(questions.iter().filter(|q| q.after.is_none()).map(TemplateColumn::Question));
        }
        out.push(TemplateColumn::Fixed(column));
        out.extend(questions.iter().filter(|q| q.after == Some(column.key)).map(TemplateColumn::Question));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;

    /// The example answers are the README example's (examples/scenario.json).
    #[test]
    fn example_answers_are_the_readme_examples() {
        let json =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let scenario = crate::input::scenario_from_json(&json).unwrap();
        let answers: Vec<(&str, &str)> =
            scenario.answers.iter().map(|(id, yes)| (id.as_str(), if *yes { "是" } else { "否" })).collect();
        let mut mine = EXAMPLE_ANSWERS.to_vec();
        mine.sort();
        assert_eq!(answers, mine);
    }

    /// The built-in pack's three questions, where the template has always had them.
    #[test]
    fn builtin_questions_and_their_places() {
        let questions = question_columns(builtin());
        let found: Vec<(&str, &str, Option<Key>)> =
            questions.iter().map(|q| (q.id.as_str(), q.header.as_str(), q.after)).collect();
        assert_eq!(
            found,
            [
                ("fits_industry_policy", "符合产业政策（是/否）", None),
                ("on_first_set_list", "列入首台套名单库（是/否）", Some(Key::InsuranceStart)),
                ("ipo_conditions", "符合IPO补助申请条件（是/否）", Some(Key::Fundraising)),
            ]
        );
        let headers: Vec<&str> = template_columns(&questions).iter().map(|c| c.header()).collect();
        let at = |h: &str| headers.iter().position(|x| *x == h).unwrap();
        assert_eq!(at("列入首台套名单库（是/否）"), at("保险起期") + 1);
        assert_eq!(at("符合IPO补助申请条件（是/否）"), at("申请募集资金（元）") + 1);
        assert_eq!(at("符合产业政策（是/否）"), at("测算日期") - 1);
    }
}
