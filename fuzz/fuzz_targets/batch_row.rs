//! One row of a list (any bytes) under the template's header, read and
//! written by the shared CSV code as the command line and the page do.
//! Beyond no panic: no output cell a spreadsheet would run as a formula, at
//! most the row's error limit, and an ok row's total is the single-scenario
//! total of the row's scenario, whose amounts keep their properties.
#![no_main]

use std::sync::OnceLock;

use csv::ByteRecord;
use libfuzzer_sys::fuzz_target;
use sme_subsidy::batch::csv_list::{bounded_reader, read_header, screen_record};
use sme_subsidy::batch::{template_csv, Options, Screener};
use sme_subsidy::limits::MAX_ERRORS_PER_ROW;
use sme_subsidy::pack::builtin::builtin;

/// The template's header line, and a screener for it (built once: it
/// keeps the filtered policy sets it makes, as for a whole list).
fn setup() -> &'static (String, Screener<'static>) {
    static SETUP: OnceLock<(String, Screener<'static>)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let template = template_csv(builtin());
        let line = format!("{}\n", template.lines().next().expect("the template has a header"));
        let (mut reader, _) = bounded_reader(line.as_bytes());
        let header = read_header(&mut reader, builtin()).expect("the template's header reads");
        let default_date = sme_subsidy::batch::parse_date("2024-12-31");
        (line, Screener::new(builtin(), header, Options { default_date }))
    })
}

fuzz_target!(|data: &[u8]| {
    let (header_line, screener) = setup();
    let mut list = header_line.clone().into_bytes();
    list.extend_from_slice(data);
    // The header line is the first record: the reader skips it.
    let (mut reader, mark) = bounded_reader(&list[..]);
    let mut record = ByteRecord::new();
    let mut row = 2;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        mark.set(reader.position().byte());
        let Some(screened) = screen_record(screener, row, &record) else { continue };
        let mut cells: [String; 9] = Default::default();
        screened.write_cells(&mut cells);
        for cell in &cells {
            // A number, however long, is not a formula: a sign, digits and one point at most.
            let number = |rest: &str| {
                rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && rest.bytes().any(|b| b.is_ascii_digit())
                    && rest.matches('.').count() <= 1
            };
            let risky = cell.starts_with(['=', '@', '\t', '\r'])
                || cell.strip_prefix(['+', '-']).is_some_and(|rest| !number(rest));
            assert!(!risky, "a formula cell: {cell:?}");
        }
        match &screened.outcome {
            Err(errors) => assert!(errors.len() <= MAX_ERRORS_PER_ROW, "{} errors", errors.len()),
            Ok(outcome) => {
                let utf8 = record.iter().map(|c| std::str::from_utf8(c).expect("an ok row is UTF-8"));
                let cells_in: Vec<&str> = utf8.collect();
                let scenario = screener.scenario(row, &cells_in).expect("an ok row has a scenario");
                let evaluation = sme_subsidy::evaluate(builtin(), &scenario);
                sme_subsidy_fuzz::check_evaluation(&evaluation);
                assert_eq!(outcome.total, evaluation.total_to_enterprise());
            }
        }
        row += 1;
    }
});
