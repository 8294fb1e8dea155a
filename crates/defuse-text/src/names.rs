//! Stable machine names for fieldless enums, written once. [`named_enum!`] defines the enum and,
//! from one `Variant = "name"` list, its `as_str`, `parse`, `ALL`, `NAMES`, `Display`, `FromStr`
//! and serde impls — so the name in JSON, in the database, on the command line and in the API
//! cannot drift apart (issue 12: ~28 hand-written `as_str`/`parse` pairs beside their serde
//! names did).

use std::fmt;

/// A name that is none of an enum's names; says which enum and lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The enum's type name, e.g. `Status`.
    pub what: &'static str,
    /// What was given.
    pub given: String,
    /// Every valid name, in declaration order.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}; expected one of: {}",
            self.what,
            self.given,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Define a fieldless enum with its machine names:
///
/// ```
/// defuse_text::named_enum! {
///     /// A colour.
///     #[derive(PartialOrd, Ord)]
///     pub enum Colour {
///         /// The sky.
///         Blue = "blue",
///         DarkRed = "dark_red",
///     }
/// }
/// assert_eq!(Colour::DarkRed.as_str(), "dark_red");
/// assert_eq!(Colour::parse("blue"), Some(Colour::Blue));
/// assert_eq!("dark_red".parse::<Colour>().ok(), Some(Colour::DarkRed));
/// assert_eq!(Colour::ALL.len(), 2);
/// assert_eq!(serde_json::to_string(&Colour::Blue).unwrap(), "\"blue\"");
/// assert_eq!(serde_json::from_str::<Colour>("\"dark_red\"").unwrap(), Colour::DarkRed);
/// assert!(serde_json::from_str::<Colour>("\"green\"").is_err());
/// ```
///
/// The enum always derives `Debug, Clone, Copy, PartialEq, Eq, Hash`; add others with an
/// attribute. `ALL` lists the variants and `NAMES` their names, both in declaration order.
#[macro_export]
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
            /// Every machine name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The stable machine name (JSON, database, CLI, API).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant with this machine name, exactly.
            pub fn parse(s: &str) -> ::core::option::Option<Self> {
                match s {
                    $($text => ::core::option::Option::Some($name::$variant),)+
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::names::UnknownName;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| $crate::names::UnknownName {
                    what: stringify!($name),
                    given: s.to_owned(),
                    expected: $name::NAMES,
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct Names;
                impl ::serde::de::Visitor<'_> for Names {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        write!(f, "one of: {}", $name::NAMES.join(", "))
                    }
                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        s: &str,
                    ) -> ::core::result::Result<$name, E> {
                        $name::parse(s).ok_or_else(|| E::unknown_variant(s, $name::NAMES))
                    }
                }
                deserializer.deserialize_str(Names)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::named_enum! {
        /// A test enum.
        #[derive(PartialOrd, Ord, Default)]
        enum Probe {
            #[default]
            One = "one",
            TwoWords = "two_words",
        }
    }

    #[test]
    fn names_round_trip_through_every_form() {
        for p in Probe::ALL {
            assert_eq!(Probe::parse(p.as_str()), Some(p));
            assert_eq!(p.to_string(), p.as_str());
            let json = serde_json::to_string(&p).expect("serializes");
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Probe>(&json).expect("reads back"), p);
            // Owned strings (serde_json::Value) deserialize too.
            let v = serde_json::Value::String(p.as_str().to_owned());
            assert_eq!(
                serde_json::from_value::<Probe>(v).expect("reads an owned string"),
                p
            );
        }
        assert_eq!(Probe::NAMES, ["one", "two_words"]);
        assert_eq!(Probe::default(), Probe::One);
        assert!(Probe::One < Probe::TwoWords);
    }

    #[test]
    fn unknown_names_are_refused_with_the_valid_ones_listed() {
        assert_eq!(Probe::parse("One"), None);
        let Err(err) = "three".parse::<Probe>() else {
            panic!("\"three\" parsed")
        };
        assert_eq!(
            err.to_string(),
            "unknown Probe \"three\"; expected one of: one, two_words"
        );
        let Err(err) = serde_json::from_str::<Probe>("\"three\"") else {
            panic!("\"three\" deserialized")
        };
        assert!(err.to_string().contains("two_words"), "{err}");
    }
}
