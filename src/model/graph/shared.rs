//! Strings the graph holds many times over, held once: an edge's evidence, a source's
//! corpus, path and heading. Every section and item of an article names the same path, and
//! tens of thousands of edges say "heading nesting"; a `String` each was a fifth of what
//! `index` held over ten copies of the guidance (issue 22).
//!
//! A [`Shared`] reads, compares, orders and serializes as the `str` it holds, so the graph
//! file is what it was with `String`s.

use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string whose copies share one allocation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Shared(Arc<str>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<&String> for Shared {
    fn from(s: &String) -> Self {
        Shared(Arc::from(s.as_str()))
    }
}

impl From<Shared> for String {
    fn from(s: Shared) -> Self {
        s.0.to_string()
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Shared {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Shared> for str {
    fn eq(&self, other: &Shared) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Shared> for &str {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Shared> for String {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Shared::from)
    }
}

/// Owned copies of `shared`, for what outlives the graph or is compared as `String`s.
pub fn to_strings(shared: &[Shared]) -> Vec<String> {
    shared.iter().map(|s| s.to_string()).collect()
}

/// The strings seen so far, each held once.
#[derive(Debug, Default)]
pub struct Strings(HashSet<Shared>);

impl Strings {
    /// The one copy of `s`.
    pub fn get(&mut self, s: &str) -> Shared {
        if let Some(shared) = self.0.get(s) {
            return shared.clone();
        }
        let shared = Shared::from(s);
        self.0.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_string_serializes_as_the_string_does() {
        let shared = postcard::to_allocvec(&Shared::from("heading nesting")).unwrap();
        let plain = postcard::to_allocvec(&"heading nesting".to_string()).unwrap();
        assert_eq!(shared, plain);
        let back: Shared = postcard::from_bytes(&plain).unwrap();
        assert_eq!(back, "heading nesting");
    }

    #[test]
    fn strings_are_held_once() {
        let mut strings = Strings::default();
        let a = strings.get("azure-waf");
        let b = strings.get(&String::from("azure-waf"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
    }
}
