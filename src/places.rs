//! 地名表 (gazetteer): the places the packs name, their spellings, parents
//! and levels (`data/places.toml`, embedded as JSON by `build.rs`), and the
//! reading of a typed place name against it.
//!
//! A name is read whole (「临海」「临海市」 are aliases of one place) or as a
//! chain of ancestors' names followed by a place under them
//! (「浙江省台州市临海市」, 「台州市临海市」). Whitespace inside is ignored.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The gazetteer as `build.rs` wrote it.
pub const PLACES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/places.json"));

/// 行政层级.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省级
    Province,
    /// 地级
    City,
    /// 县级 (区、县、县级市, or a 功能区 a pack names as its area)
    County,
}

/// One place of the gazetteer.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    /// The standard name, e.g. 临海市.
    pub name: String,
    pub level: Level,
    /// The standard name of the place it sits under.
    #[serde(default)]
    pub parent: Option<String>,
    /// Other spellings, e.g. 临海.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    places: Vec<PlaceEntry>,
}

/// A place of the gazetteer, by index.
pub type PlaceId = usize;

/// The gazetteer, indexed by every spelling.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<PlaceEntry>,
    parents: Vec<Option<PlaceId>>,
    /// Keyed by FxHash (rustc-hash): the keys are a few short names of
    /// the gazetteer's own, so the default hasher's denial-of-service guard
    /// buys nothing, and every evaluation looks the enterprise's region up.
    by_name: FxHashMap<String, PlaceId>,
}

static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();

/// The built-in gazetteer, read once.
pub fn gazetteer() -> &'static Gazetteer {
    GAZETTEER.get_or_init(|| {
        #[cfg(feature = "embedded-json")]
        return read(&mut serde_json::Deserializer::from_str(PLACES_JSON))
            .expect("data/places.toml is checked by the test suite");
        #[cfg(not(feature = "embedded-json"))]
        panic!("the embedder installs the gazetteer (places::install) before use")
    })
}

/// Whether `text` may hold a whitespace character, from its bytes alone:
/// ASCII spaces and controls, and the lead bytes of every other
/// `char::is_whitespace` (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
/// Chinese names (lead bytes E4–E9) never need decoding.
fn may_hold_whitespace(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3))
}

/// Read [`PLACES_JSON`] with the embedder's own deserializer and install it
/// as the built-in gazetteer (without the `embedded-json` feature).
pub fn install<'de, D: serde::Deserializer<'de>>(de: D) -> Result<(), D::Error> {
    let gazetteer = read(de)?;
    // Installed twice (a second calculator), the first stays: the same data.
    let _ = GAZETTEER.set(gazetteer);
    Ok(())
}

fn read<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Gazetteer, D::Error> {
    let file = File::deserialize(de)?;
    Gazetteer::new(file.places).map_err(serde::de::Error::custom)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Gazetteer {
    /// Index the places; refuse a spelling used twice, an unknown parent, or
    /// a parent that is not a level above.
    pub fn new(places: Vec<PlaceEntry>) -> Result<Gazetteer, String> {
        let mut by_name = FxHashMap::default();
        for (id, p) in places.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                if by_name.insert(squeeze(name), id).is_some() {
                    return Err(format!("the spelling {name} is used twice"));
                }
            }
        }
        let mut parents = Vec::with_capacity(places.len());
        for p in &places {
            let parent = match &p.parent {
                None if p.level == Level::Province => None,
                None => return Err(format!("{} has no parent", p.name)),
                Some(name) => {
                    let id = *by_name.get(name).ok_or_else(|| format!("{}: no parent {name}", p.name))?;
                    if places[id].level >= p.level {
                        return Err(format!("{}: its parent {name} is not a level above", p.name));
                    }
                    Some(id)
                }
            };
            parents.push(parent);
        }
        Ok(Gazetteer { places, parents, by_name })
    }

    pub fn entry(&self, id: PlaceId) -> &PlaceEntry {
        &self.places[id]
    }

    /// The place a place sits under (none for a province).
    pub fn parent(&self, id: PlaceId) -> Option<PlaceId> {
        self.parents[id]
    }

    /// The place a typed name means, if the gazetteer knows it.
    pub fn resolve(&self, text: &str) -> Option<PlaceId> {
        // Most names carry no whitespace: read them as they are, unallocated.
        if may_hold_whitespace(text) && text.contains(char::is_whitespace) {
            self.resolve_squeezed(&squeeze(text))
        } else {
            self.resolve_squeezed(text)
        }
    }

    fn resolve_squeezed(&self, text: &str) -> Option<PlaceId> {
        if text.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_name.get(text) {
            return Some(id);
        }
        // An ancestor's name, then a place under it: try each known prefix.
        let ends = text.char_indices().map(|(i, _)| i).skip(1);
        ends.filter_map(|i| {
            let ancestor = *self.by_name.get(&text[..i])?;
            let place = self.resolve_squeezed(&text[i..])?;
            self.within(place, ancestor).then_some(place)
        })
        .next()
    }

    /// Is `place` the `area` itself or somewhere under it?
    pub fn within(&self, place: PlaceId, area: PlaceId) -> bool {
        let mut at = Some(place);
        while let Some(p) = at {
            if p == area {
                return true;
            }
            at = self.parents[p];
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whitespace_character_is_caught_by_its_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            assert!(may_hold_whitespace(c.encode_utf8(&mut [0; 4])), "U+{:04X}", c as u32);
        }
        assert!(!may_hold_whitespace("山东省聊城市东昌府区"));
    }

    fn name(text: &str) -> Option<&'static str> {
        gazetteer().resolve(text).map(|id| gazetteer().entry(id).name.as_str())
    }

    /// Every spelling the portals see, and ones that must not match.
    #[test]
    fn spellings() {
        let table = [
            ("临海", Some("临海市")),
            ("临海市", Some("临海市")),
            ("台州市临海市", Some("临海市")),
            ("浙江省临海市", Some("临海市")),
            ("浙江省台州市临海市", Some("临海市")),
            ("浙江 临海市", Some("临海市")),
            ("台州", Some("台州市")),
            ("聊城", Some("聊城市")),
            ("山东省聊城市", Some("聊城市")),
            ("江北水城旅游度假区", Some("江北水城旅游度假区")),
            ("聊城江北水城旅游度假区", Some("江北水城旅游度假区")),
            ("聊城市江北水城旅游度假区", Some("江北水城旅游度假区")),
            ("通川", Some("通川区")),
            ("达州市通川区", Some("通川区")),
            ("四川省达州市通川区", Some("通川区")),
            ("山东", Some("山东省")),
            ("北京市", Some("北京市")),
            // A prefix that is not the place's ancestor does not count.
            ("山东省临海市", None),
            ("聊城市通川区", None),
            ("临海县", None),
            ("", None),
            ("东城区", None),
        ];
        for (text, want) in table {
            assert_eq!(name(text), want, "{text}");
        }
    }

    #[test]
    fn county_level_places_sit_under_their_prefecture() {
        let g = gazetteer();
        let id = |t: &str| g.resolve(t).unwrap();
        assert!(g.within(id("临海"), id("台州")));
        assert!(g.within(id("临海"), id("浙江")));
        assert!(g.within(id("通川区"), id("达州")));
        assert!(g.within(id("江北水城旅游度假区"), id("聊城")));
        assert!(!g.within(id("台州"), id("临海")));
        assert!(!g.within(id("温州"), id("台州")));
        assert_eq!(g.entry(id("临海")).level, Level::County);
    }

    /// Every place a built-in pack names as its area is in the gazetteer.
    #[test]
    fn every_pack_area_is_known() {
        for doc in &crate::pack::builtin::builtin().documents {
            let j = &doc.jurisdiction;
            for part in [Some(&j.province), j.city.as_ref(), j.county.as_ref()].into_iter().flatten() {
                assert!(gazetteer().resolve(part).is_some(), "{}: {part}", doc.id);
            }
        }
    }

    #[test]
    fn a_broken_gazetteer_is_refused() {
        let place = |name: &str, level, parent: Option<&str>| PlaceEntry {
            name: name.into(),
            level,
            parent: parent.map(Into::into),
            aliases: vec![],
        };
        let twice = vec![place("甲省", Level::Province, None), place("甲省", Level::Province, None)];
        assert!(Gazetteer::new(twice).unwrap_err().contains("used twice"));
        let orphan = vec![place("乙市", Level::City, Some("无省"))];
        assert!(Gazetteer::new(orphan).unwrap_err().contains("no parent"));
        let upside = vec![place("丙市", Level::City, None)];
        assert!(Gazetteer::new(upside).is_err());
        let flat = vec![place("丁省", Level::Province, None), place("戊省", Level::Province, Some("丁省"))];
        assert!(Gazetteer::new(flat).unwrap_err().contains("not a level above"));
    }
}
