//! A JavaScript value as a tree of plain Rust values, between
//! serde-wasm-bindgen and the boundary types, read with its path kept.
//!
//! serde-wasm-bindgen reads a struct by asking the object for the struct's
//! own fields, so a misspelt key (`employez`) would pass unseen where the
//! types refuse unknown keys; read from this tree, every key reaches the
//! type. Numbers keep what a JavaScript number is: a whole number as an
//! integer, anything else (NaN and ±Infinity too) as a float, which no
//! field of ours takes silently.
//!
//! A failure names its place (`loans[1].principal`, `.` for the whole) the
//! way serde_path_to_error does, but from here: each map entry and list
//! item adds its key or index to an error on its way out. Wrapping every
//! deserializer and visitor instead doubled the module's deserializing code.

use serde::de::value::StringDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use std::fmt;

pub(crate) enum Tree {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

/// A failure reading a [`Tree`] into a type: serde's message and where.
#[derive(Debug)]
pub(crate) struct Error {
    /// Innermost first: a key or a list index, added on the way out.
    path: Vec<Place>,
    message: String,
}

#[derive(Debug)]
enum Place {
    Key(String),
    Index(usize),
}

impl Error {
    fn at(mut self, place: Place) -> Error {
        self.path.push(place);
        self
    }

    /// `loans[1].principal`; `.` for the whole value.
    pub(crate) fn path(&self) -> String {
        if self.path.is_empty() {
            return ".".to_string();
        }
        let mut out = String::new();
        for place in self.path.iter().rev() {
            match place {
                Place::Index(i) => out.push_str(&format!("[{i}]")),
                Place::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
            }
        }
        out
    }

    /// serde's message, without the place.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error { path: Vec::new(), message: message.to_string() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-like value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Tree::Object(entries))
    }
}

/// A list's items, each failure at its index.
struct Items {
    items: std::vec::IntoIter<Tree>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(item).map(Some).map_err(|e| e.at(Place::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's entries, each failure at its key (an unknown key's too).
struct Entries {
    entries: std::vec::IntoIter<(String, Tree)>,
    value: Option<(String, Tree)>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        match seed.deserialize(StringDeserializer::<Error>::new(key.clone())) {
            Ok(read) => {
                self.value = Some((key, value));
                Ok(Some(read))
            }
            Err(e) => Err(e.at(Place::Key(key))),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self.value.take().ok_or_else(|| de::Error::custom("value is missing"))?;
        seed.deserialize(value).map_err(|e| e.at(Place::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as `{ "variant": content }`: a failure in the content
/// is at the variant's name, an unknown variant at the enum itself.
struct Variant {
    name: String,
    content: Tree,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Variant;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Variant), Error> {
        let read = seed.deserialize(StringDeserializer::<Error>::new(self.name.clone()))?;
        Ok((read, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self.content).map_err(|e: Error| e.at(Place::Key(self.name)))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.content).map_err(|e| e.at(Place::Key(self.name)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.content.deserialize_any(visitor).map_err(|e| e.at(Place::Key(self.name)))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.content.deserialize_any(visitor).map_err(|e| e.at(Place::Key(self.name)))
    }
}

impl<'de> Deserializer<'de> for Tree {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(v) => visitor.visit_bool(v),
            Tree::Int(v) if v >= 0 => visitor.visit_u64(v as u64),
            Tree::Int(v) => visitor.visit_i64(v),
            Tree::Float(v) => visitor.visit_f64(v),
            Tree::Str(v) => visitor.visit_string(v),
            Tree::List(items) => {
                let length = items.len();
                let mut seq = Items { items: items.into_iter(), index: 0 };
                let value = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(value),
                    left => Err(de::Error::invalid_length(length, &ExpectedIn(length - left, "sequence"))),
                }
            }
            Tree::Object(entries) => {
                let length = entries.len();
                let mut map = Entries { entries: entries.into_iter(), value: None };
                let value = visitor.visit_map(&mut map)?;
                match map.entries.len() {
                    0 => Ok(value),
                    left => Err(de::Error::invalid_length(length, &ExpectedIn(length - left, "map"))),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Tree::Null => visitor.visit_none(),
            tree => visitor.visit_some(tree),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Tree::Str(tag) => visitor.visit_enum(StringDeserializer::<Error>::new(tag)),
            Tree::Object(entries) => {
                let mut entries = entries.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((name, content)), None) => visitor.visit_enum(Variant { name, content }),
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &"enum")),
                }
            }
            tree => tree.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// What a list or map of `length` entries was expected to hold, as serde's
/// own value deserializers say it: "2 elements in sequence".
struct ExpectedIn(usize, &'static str);

impl de::Expected for ExpectedIn {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            1 => write!(f, "1 element in {}", self.1),
            n => write!(f, "{n} elements in {}", self.1),
        }
    }
}
