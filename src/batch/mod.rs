//! Batch screening (批量筛查): a list of enterprises, one per row, each
//! screened like a single scenario — 企业划型 (S-1), the five criteria of the
//! 申报清单/推荐清单 (S-2), the policies it qualifies for and the estimated
//! total to the enterprise.
//!
//! This core knows nothing of files, CSV or threads: a [`Header`] is built
//! from the list's header cells, then each row's cells (any [`Cells`]: a
//! slice of strings, a CSV record) go in and a [`Screened`] row comes out.
//! The command line (`cli/src/batch_stream.rs`) streams CSV through it on
//! all cores; the page's Web Worker calls the same functions through WASM.
//!
//! A row becomes a [`Scenario`] with the same types and the same checks as
//! a single scenario ([`crate::input::check`]); every problem is a
//! [`CellError`] with the row number, the column (its Chinese header) and
//! the reason in Chinese and English. A bad row is reported and every other
//! row is still screened: nothing is dropped.
//!
//! Rows are screened from the structured [`crate::result::Evaluation`], not
//! the rendered report, which keeps a million rows within seconds.

mod cells;
mod columns;
#[cfg(feature = "csv")]
pub mod csv_list;
pub mod questions;

pub use cells::*;
pub use columns::*;

use std::fmt::Write as _;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use time::Date;

use crate::conditions::Located;
use crate::engine::Evaluator;
use crate::money::Yuan;
use crate::pack::{PolicySet, Recipient, Rule};
use crate::result::{SizeOutcome, Status};
use crate::scenario::{Region, Scenario};
use crate::screening::{self, Screening};

/// A cell a spreadsheet would run as a formula made inert, as OWASP's
/// CSV-injection guidance says: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'`, which Excel and WPS read as
/// "this is text" (and show). A plain number (`-12.5`) stays a number.
/// Every output cell goes through here, so a name or a portal pack's rule
/// name cannot become `=HYPERLINK(…)` in the screened list.
pub fn neutralize_formula(cell: &mut String) {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        cell.insert(0, '\'');
    }
}

/// `-12`, `+3.5`: an optional sign, digits and at most one point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
}

// ---------------------------------------------------------------------------
// S-2

fn criteria_names(set: screening::Criteria, out: &mut String) {
    for (i, c) in set.iter().enumerate() {
        if i > 0 {
            out.push('、');
        }
        out.push_str(c.name_zh());
    }
}

// ---------------------------------------------------------------------------
// Screening

/// Options for a list.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The 测算日期 for rows that leave it empty; with `None` it is required.
    pub default_date: Option<Date>,
}

/// A screened row.
#[derive(Debug)]
pub struct Screened<'p> {
    /// Row number in the list (header = 1).
    pub row: u64,
    /// 企业名称 as given.
    pub name: String,
    pub outcome: Result<Outcome<'p>, Vec<CellError>>,
}

/// The screening of a row that read cleanly.
#[derive(Debug)]
pub struct Outcome<'p> {
    /// S-1.
    pub size: SizeOutcome,
    /// S-2.
    pub s2: Screening,
    /// Rules the enterprise qualifies for (computed, or with no published
    /// figure) and rules that need more information, in pack order.
    pub policies: Vec<Hit<'p>>,
    /// Computed subsidies to the enterprise itself, yuan to the fen.
    pub total: Decimal,
}

/// A rule the enterprise qualifies for.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'p> {
    pub rule: &'p Rule,
    pub status: Status,
    pub amount: Option<Decimal>,
    pub counts_in_total: bool,
}

impl Outcome<'_> {
    /// Policies the enterprise qualifies for: computed, or no published figure.
    pub fn eligible(&self) -> impl Iterator<Item = &Hit<'_>> {
        self.policies.iter().filter(|h| matches!(h.status, Status::Eligible | Status::AmountNotPublished))
    }

    /// Policies that could add to the total: they apply but publish no
    /// figure, or they need facts the row does not give.
    pub fn could_add(&self) -> impl Iterator<Item = &Hit<'_>> {
        self.policies
            .iter()
            .filter(|h| matches!(h.status, Status::AmountNotPublished | Status::NeedsInformation))
    }
}

impl Screened<'_> {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The output row, one string per [`OUTPUT_HEADERS`] column, written
    /// into `cells` (cleared first; reusing them saves allocations).
    pub fn write_cells(&self, cells: &mut [String; 9]) {
        for c in cells.iter_mut() {
            c.clear();
        }
        self.write_row(&mut CellArray { cells, at: 0 });
    }

    /// The output row as one CSV record (quoted where the csv crate's
    /// writer would quote, `\n` at the end) appended to `out`: each cell
    /// written in place, with no string of its own.
    pub fn write_csv(&self, out: &mut String) {
        self.write_row(&mut CsvRecord { out, start: 0, first: true });
        out.push('\n');
    }

    /// Each column's text in order, through `sink` (which makes each cell
    /// formula-safe as it closes).
    fn write_row(&self, sink: &mut impl CellSink) {
        let _ = write!(sink.next(), "{}", self.row);
        sink.next().push_str(&self.name);
        match &self.outcome {
            Err(errors) => {
                sink.next().push_str("error");
                for _ in 3..8 {
                    sink.next();
                }
                let e8 = sink.next();
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        e8.push('；');
                    }
                    let _ = write!(e8, "{e}");
                }
            }
            Ok(o) => {
                sink.next().push_str("ok");
                let size = sink.next();
                match &o.size {
                    SizeOutcome::Classified(s) => {
                        size.push_str(s.name_zh());
                        size.push_str("企业");
                    }
                    SizeOutcome::Missing(metrics) => {
                        size.push_str("需补充：");
                        for (i, m) in metrics.iter().enumerate() {
                            if i > 0 {
                                size.push('、');
                            }
                            size.push_str(m.name_zh());
                        }
                    }
                    SizeOutcome::NoIndustry => size.push_str("需填写所属行业"),
                }
                let s2 = sink.next();
                match o.s2.outcome {
                    screening::Outcome::Listable => s2.push_str("符合五项标准"),
                    screening::Outcome::NotListable => {
                        s2.push_str("不符合：");
                        criteria_names(o.s2.failed, s2);
                        if !o.s2.unanswered.is_empty() {
                            s2.push_str("；待补充：");
                            criteria_names(o.s2.unanswered, s2);
                        }
                    }
                    screening::Outcome::Incomplete => {
                        s2.push_str("待补充：");
                        criteria_names(o.s2.unanswered, s2);
                    }
                }
                let p = sink.next();
                for (i, h) in o.eligible().enumerate() {
                    if i > 0 {
                        p.push('；');
                    }
                    p.push_str(&h.rule.id);
                    p.push(' ');
                    p.push_str(&h.rule.name.zh);
                    match h.amount {
                        Some(a) if h.counts_in_total => {
                            let _ = write!(p, "（{}元）", Yuan(a));
                        }
                        Some(a) => {
                            let to = match h.rule.recipient {
                                Recipient::Unsettled => "拨付对象未明确",
                                Recipient::Guarantor => "拨付担保机构",
                                Recipient::Bank => "拨付银行",
                                Recipient::Enterprise => "拨付企业",
                            };
                            let _ = write!(p, "（{}元，{to}，不计入合计）", Yuan(a));
                        }
                        None => p.push_str("（金额未公布）"),
                    }
                }
                let _ = crate::money::write_plain(sink.next(), o.total, Some(2));
                let could = sink.next();
                let n = o.could_add().count();
                let _ = write!(could, "{n}");
                for (i, h) in o.could_add().enumerate() {
                    could.push_str(if i == 0 { "项：" } else { "、" });
                    could.push_str(&h.rule.id);
                    could.push(' ');
                    could.push_str(&h.rule.name.zh);
                    could.push_str(if h.status == Status::NeedsInformation {
                        "（需补充信息）"
                    } else {
                        "（金额未公布）"
                    });
                }
                sink.next();
            }
        }
        sink.finish();
    }
}

/// Where a row's cells go, one after another: `next` closes the cell
/// before (made formula-safe, [`neutralize_formula`]) and opens the next.
trait CellSink {
    fn next(&mut self) -> &mut String;
    /// Close the last cell.
    fn finish(&mut self);
}

/// The nine cells as strings.
struct CellArray<'a> {
    cells: &'a mut [String; 9],
    /// Cells opened so far.
    at: usize,
}

impl CellSink for CellArray<'_> {
    fn next(&mut self) -> &mut String {
        if self.at > 0 {
            neutralize_formula(&mut self.cells[self.at - 1]);
        }
        self.at += 1;
        &mut self.cells[self.at - 1]
    }
    fn finish(&mut self) {
        neutralize_formula(&mut self.cells[self.at - 1]);
    }
}

/// The cells written into one CSV text, each closed as the csv crate's
/// writer writes a field (`QuoteStyle::Necessary`): in double quotes, its
/// quotes doubled, when it holds a comma, a quote or a line break.
struct CsvRecord<'a> {
    out: &'a mut String,
    /// Where the open cell starts.
    start: usize,
    first: bool,
}

impl CsvRecord<'_> {
    fn close(&mut self) {
        let start = self.start;
        let cell = &self.out[start..];
        if cell.as_bytes().first().is_some_and(|b| b"=+-@\t\r".contains(b)) && !is_plain_number(cell) {
            self.out.insert(start, '\'');
        }
        let cell = &self.out[start..];
        // Without an early exit per byte, each block's test vectorises.
        let special =
            |block: &[u8]| block.iter().fold(false, |any, &b| any | matches!(b, b',' | b'"' | b'\n' | b'\r'));
        if cell.as_bytes().chunks(32).any(special) {
            let quoted = format!("\"{}\"", cell.replace('"', "\"\""));
            self.out.truncate(start);
            self.out.push_str(&quoted);
        }
    }
}

impl CellSink for CsvRecord<'_> {
    fn next(&mut self) -> &mut String {
        if self.first {
            self.first = false;
        } else {
            self.close();
            self.out.push(',');
        }
        self.start = self.out.len();
        self.out
    }
    fn finish(&mut self) {
        self.close();
    }
}

/// What one worker reuses from row to row ([`Screener::screen_reusing`]):
/// the scenario, the evaluation's lists, and those of a screened row given
/// back with [`Scratch::recycle`].
pub struct Scratch<'p> {
    scenario: Scenario,
    evaluator: Evaluator<'p>,
    name: String,
    policies: Vec<Hit<'p>>,
    /// The last few regions read against the gazetteer: a list's rows
    /// mostly share a handful of regions.
    regions: Vec<(Region, Located)>,
    /// The entry the next new region replaces once the list is full.
    next_region: usize,
}

/// How many regions a [`Scratch`] remembers.
const REGIONS_KEPT: usize = 8;

impl Scratch<'_> {
    /// [`crate::conditions::locate`] for the scenario, from memory when its
    /// region was read before (the same strings, so the same answer).
    fn locate(&mut self) -> Located {
        let Some(region) = &self.scenario.enterprise.region else {
            return crate::conditions::locate(&self.scenario);
        };
        if let Some((_, located)) = self.regions.iter().find(|(r, _)| r == region) {
            return *located;
        }
        let located = crate::conditions::locate(&self.scenario);
        let entry = (region.clone(), located);
        if self.regions.len() < REGIONS_KEPT {
            self.regions.push(entry);
        } else {
            self.regions[self.next_region] = entry;
            self.next_region = (self.next_region + 1) % REGIONS_KEPT;
        }
        located
    }
}

impl Default for Scratch<'_> {
    fn default() -> Self {
        Scratch {
            scenario: cells::empty_scenario(),
            evaluator: Evaluator::default(),
            name: String::new(),
            policies: Vec::new(),
            regions: Vec::new(),
            next_region: 0,
        }
    }
}

impl<'p> Scratch<'p> {
    /// Keep a written row's name and policy list for the next row.
    pub fn recycle(&mut self, screened: Screened<'p>) {
        self.name = screened.name;
        if let Ok(outcome) = screened.outcome {
            self.policies = outcome.policies;
        }
    }
}

/// Screens the rows of one list against one policy set. Build once per
/// list; `screen` is `&self` and the screener is `Sync`, so rows may be
/// screened on any number of threads.
pub struct Screener<'p> {
    set: &'p PolicySet,
    header: Header,
    options: Options,
    /// The set's documents that can concern a row, by bit mask (see
    /// [`Screener::documents_for`]); built on first use.
    subsets: Vec<OnceLock<PolicySet>>,
}

/// Up to this many documents, rows are screened against only the documents
/// that can concern them (2^n subsets at most); beyond it, against all.
const MAX_FILTERED_DOCUMENTS: usize = 8;

impl<'p> Screener<'p> {
    /// `header` is [`Header::new`] for the same `set`.
    pub fn new(set: &'p PolicySet, header: Header, options: Options) -> Screener<'p> {
        let n = set.documents.len();
        let subsets = if n <= MAX_FILTERED_DOCUMENTS {
            (0..1usize << n).map(|_| OnceLock::new()).collect()
        } else {
            Vec::new()
        };
        Screener { set, header, options, subsets }
    }

    /// The documents that can give this scenario a result worth listing.
    ///
    /// A document whose effective dates exclude the 测算日期, or whose region
    /// excludes the enterprise, can only answer 不在政策有效期内 or 不符合条件 for
    /// each of its rules, and a batch row lists neither; leaving such
    /// documents out gives the same row (eligible policies, what could add,
    /// total, size) for less work — a 达州 list is not evaluated against
    /// 聊城's eleven rules. A region not given in full stays in (its rules
    /// may ask for it).
    fn documents_for(&self, scenario: &Scenario, located: Located) -> &PolicySet {
        if self.subsets.is_empty() {
            return self.set;
        }
        let date = scenario.evaluation_date;
        let mut mask = 0usize;
        for (i, doc) in self.set.documents.iter().enumerate() {
            let dated = doc.effective_from.is_none_or(|from| date >= from)
                && doc.effective_to.is_none_or(|to| date <= to);
            let place = crate::conditions::jurisdiction(doc, scenario, located);
            if dated && place != crate::conditions::Place::Outside {
                mask |= 1 << i;
            }
        }
        if mask == self.subsets.len() - 1 {
            return self.set;
        }
        self.subsets[mask].get_or_init(|| PolicySet {
            documents: (self.set.documents.iter().enumerate())
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, d)| d.clone())
                .collect(),
            products: Vec::new(),
        })
    }

    /// The scenario a row describes (checked as `input::check` checks a
    /// single scenario), or the row's located errors: for a page that opens
    /// one row of a list in the single-enterprise calculator.
    pub fn scenario<C: Cells + ?Sized>(&self, row: u64, cells: &C) -> Result<Scenario, Vec<CellError>> {
        let (scenario, r) = self.read(row, cells);
        if r.errors.is_empty() {
            Ok(scenario)
        } else {
            Err(r.errors)
        }
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Whether every cell of the row is empty (a blank line in a
    /// spreadsheet export); such rows are skipped and counted apart.
    pub fn is_blank<C: Cells + ?Sized>(cells: &C) -> bool {
        (0..cells.count()).all(|i| cells.cell(i).is_none_or(|c| trim(c).is_empty()))
    }

    /// Screen one row. `row` is its number in the list (header = 1).
    pub fn screen<C: Cells + ?Sized>(&self, row: u64, cells: &C) -> Screened<'_> {
        self.screen_reusing(row, cells, &mut Scratch::default())
    }

    /// [`Screener::screen`] with one worker's [`Scratch`]: the row is read
    /// into the scenario of the row before and evaluated into the same
    /// lists, so rows one after another allocate next to nothing.
    pub fn screen_reusing<'s, C: Cells + ?Sized>(
        &'s self,
        row: u64,
        cells: &C,
        scratch: &mut Scratch<'s>,
    ) -> Screened<'s> {
        let lists = (std::mem::take(&mut scratch.name), std::mem::take(&mut scratch.policies));
        let mut r = self.read_into(row, cells, &mut scratch.scenario);
        let located = if r.errors.is_empty() { Some(scratch.locate()) } else { None };
        self.screened(&mut r, row, &mut scratch.evaluator, &scratch.scenario, located, lists)
    }

    /// The screened row of `r` (read into `scenario`; `located`, its
    /// region read, when the row has no errors).
    fn screened<'s, C: Cells + ?Sized>(
        &'s self,
        r: &mut RowReader<'_, C>,
        row: u64,
        evaluator: &mut Evaluator<'s>,
        scenario: &Scenario,
        located: Option<Located>,
        (mut name, mut policies): (String, Vec<Hit<'s>>),
    ) -> Screened<'s> {
        name.clear();
        name.push_str(r.cell(Key::Name).unwrap_or(""));
        let Some(located) = located.filter(|_| r.errors.is_empty()) else {
            return Screened { row, name, outcome: Err(std::mem::take(&mut r.errors)) };
        };
        let s2 = screening::screen_answers(S2_CRITERIA.map(|k| r.yes_no(k)));
        let set = self.documents_for(scenario, located);
        let evaluation = evaluator.evaluate_located(set, scenario, located);
        let total = evaluation.total_to_enterprise();
        policies.clear();
        policies.extend(
            evaluation
                .results
                .iter()
                .filter(|r| {
                    matches!(
                        r.status,
                        Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation
                    )
                })
                .map(|r| Hit {
                    rule: r.rule,
                    status: r.status,
                    amount: r.amount,
                    counts_in_total: r.counts_in_total(),
                }),
        );
        Screened { row, name, outcome: Ok(Outcome { size: evaluation.size.clone(), s2, policies, total }) }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use time::Month;

    use super::*;
    use crate::scenario::InsuranceKind;
    use crate::scenario::{Collateral, GreenIndustry, InnovativeProduct, IpoStage, Lender, LoanPurpose};
    use crate::size::Industry;
    use crate::vocabulary::Choice;

    #[test]
    fn formula_cells_get_a_quote_and_numbers_stay() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-1+1", "'-1+1"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-.", "'-."),
            ("-1.2.3", "'-1.2.3"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            // Found by the batch_row fuzz target: a number too long for Decimal is still a number.
            ("-8888888888888888888888888888888888", "-8888888888888888888888888888888888"),
            ("聊城", "聊城"),
            ("a=1", "a=1"),
        ];
        for (cell, want) in cases {
            let mut c = cell.to_string();
            neutralize_formula(&mut c);
            assert_eq!(c, want, "{cell:?}");
        }
    }

    #[test]
    fn a_remembered_region_reads_as_a_fresh_one() {
        let mut scratch = Scratch::default();
        let names =
            ["山东省", "浙江省", "四川省", "江苏省", "省", "山东", "浙江", "北京市", "上海市", "聊城市"];
        for round in 0..3 {
            for (i, province) in names.iter().enumerate() {
                let county = (i % 2 == 0).then(|| "东昌府区".to_string());
                scratch.scenario.enterprise.region =
                    Some(Region { province: province.to_string(), city: Some("聊城市".into()), county });
                let fresh = format!("{:?}", crate::conditions::locate(&scratch.scenario));
                assert_eq!(format!("{:?}", scratch.locate()), fresh, "round {round}, {province}");
            }
        }
        assert_eq!(scratch.regions.len(), REGIONS_KEPT);
        scratch.scenario.enterprise.region = None;
        assert!(matches!(scratch.locate(), Located::NoRegion));
    }

    #[test]
    fn columns_are_in_key_order() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.key as usize, i, "{}", c.header);
        }
    }

    #[test]
    fn dates_in_the_forms_people_write() {
        let d = Date::from_calendar_date(2024, Month::March, 1).unwrap();
        for t in
            ["2024-03-01", "2024/3/1", "2024.03.01", "2024年3月1日", "2024/3/1 0:00", "2024-03-01 00:00:00"]
        {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in ["2024-02-30", "2024-3", "24-03-01", "2024-03-01-02", "2024/3/1 9:30", "20240301", "abc"] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn every_listed_choice_parses() {
        fn all<T: for<'de> Deserialize<'de>>(list: &str) {
            for label in list.split('、') {
                assert!(parse_choice::<T>(label).is_some(), "{label}");
            }
        }
        all::<Industry>(&Industry::cells());
        all::<Collateral>("专利权质押、固定资产抵押、融资担保、信用、其他");
        all::<Lender>("地方法人银行、科技支行、其他银行");
        all::<LoanPurpose>("清洁能源、节能环保、碳减排技术、创业担保贷款、退役军人创业贷款、一般生产经营");
        all::<GreenIndustry>(
            "降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务、不属于七类",
        );
        all::<InsuranceKind>("质量保证保险、产品责任保险、产品综合险、出口信用保险、其他");
        all::<InnovativeProduct>("首台套、首批次、首版次");
        all::<IpoStage>("辅导备案、申报受理、成功上市");
        assert_eq!(
            parse_choice::<InnovativeProduct>("首台（套）"),
            Some(InnovativeProduct::FirstSetEquipment)
        );
        assert_eq!(parse_choice::<Industry>("industry"), Some(Industry::Industry));
    }

    #[test]
    fn the_s2_columns_follow_the_criteria() {
        for (key, c) in S2_CRITERIA.iter().zip(screening::Criterion::ALL) {
            assert_eq!(column(*key).header, c.name_zh());
        }
    }
}
