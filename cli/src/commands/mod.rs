//! One module per subcommand of `sme-subsidy`.

pub mod batch;
pub mod batch_template;
pub mod evaluate;
pub mod export_pack;
pub mod institution;
pub mod pack_reference;
pub mod record;
pub mod screen;
pub mod test;
pub mod validate_pack;
pub mod verify;
