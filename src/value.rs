//! What a claim says, as a value with the interval it stands for.
//!
//! News figures are rarely exact: "au moins 62", "plus de 350.000",
//! "plusieurs centaines". Each form of DESIGN §1 maps to an interval, and
//! relations between claims are decided on intervals (overlap, disjoint) so
//! that "at least 62" and "70" agree while "36" and "at least 62" do not.
//! The form is kept as written, for the report ("at least 62") and for JSON
//! (values appear exactly as in the YAML).

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// The value of a claim, in the forms of DESIGN §1.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A statement with no value (text only).
    Unstated,
    /// Exactly this figure (`62`).
    Exact(f64),
    /// This figure or more (`{at_least: 62}`, "au moins").
    AtLeast(f64),
    /// Strictly more (`{more_than: 350000}`, "plus de").
    MoreThan(f64),
    /// This figure or less (`{at_most: 10}`, "jusqu'à").
    AtMost(f64),
    /// Strictly less (`{less_than: 5}`, "moins de").
    LessThan(f64),
    /// Approximately (`{about: 300}`), optionally with explicit bounds
    /// (`{about: 300, low: 250, high: 400}`).
    About {
        /// The figure given.
        about: f64,
        /// The lowest figure it allows, if stated.
        low: Option<f64>,
        /// The highest figure it allows, if stated.
        high: Option<f64>,
    },
    /// A range (`{between: [50, 70]}`); vague words are stored this way.
    Between(f64, f64),
    /// A category (`{is: whole-district}`).
    Is(String),
}

/// The default half-width of `about`, relative (±10%).
pub const ABOUT_TOLERANCE: f64 = 0.10;

/// One end of an interval. Infinite ends are `±f64::INFINITY`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// Where the end is.
    pub value: f64,
    /// Whether the end itself belongs to the interval.
    pub closed: bool,
}

/// A set of numbers, possibly open or unbounded at either end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub low: Bound,
    /// The upper end.
    pub high: Bound,
}

impl Interval {
    /// `[low, high]`, both ends included.
    pub fn closed(low: f64, high: f64) -> Interval {
        Interval {
            low: Bound {
                value: low,
                closed: true,
            },
            high: Bound {
                value: high,
                closed: true,
            },
        }
    }

    /// True when the interval lies entirely below `other`.
    pub fn is_below(&self, other: &Interval) -> bool {
        self.high.value < other.low.value
            || (self.high.value == other.low.value && !(self.high.closed && other.low.closed))
    }

    /// True when the two intervals share at least one number.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.is_below(other) && !other.is_below(self)
    }

    /// How far apart two disjoint intervals are, relative to the larger of
    /// the two facing ends (DESIGN §2): with `a` the lower one,
    /// `(lo(b) − hi(a)) / max(|lo(b)|, |hi(a)|)`, clamped to [0, 1].
    /// Overlapping intervals are 0 apart.
    pub fn gap(&self, other: &Interval) -> f64 {
        let (lower, upper) = if self.is_below(other) {
            (self, other)
        } else if other.is_below(self) {
            (other, self)
        } else {
            return 0.0;
        };
        let (a, b) = (lower.high.value, upper.low.value);
        let scale = a.abs().max(b.abs());
        if !scale.is_finite() || scale == 0.0 {
            return if scale == 0.0 { 0.0 } else { 1.0 };
        }
        ((b - a) / scale).clamp(0.0, 1.0)
    }
}

impl Value {
    /// The interval a numeric value stands for, given the question's
    /// relative tolerance; `None` for categories and text-only claims.
    pub fn interval(&self, tolerance: f64) -> Option<Interval> {
        let open = |value: f64| Bound {
            value,
            closed: false,
        };
        let shut = |value: f64| Bound {
            value,
            closed: true,
        };
        let widen = |v: f64, t: f64| {
            let (a, b) = (v * (1.0 - t), v * (1.0 + t));
            Interval::closed(a.min(b), a.max(b))
        };
        Some(match *self {
            Value::Unstated | Value::Is(_) => return None,
            Value::Exact(v) => widen(v, tolerance),
            Value::AtLeast(v) => Interval {
                low: shut(v),
                high: shut(f64::INFINITY),
            },
            Value::MoreThan(v) => Interval {
                low: open(v),
                high: shut(f64::INFINITY),
            },
            Value::AtMost(v) => Interval {
                low: shut(f64::NEG_INFINITY),
                high: shut(v),
            },
            Value::LessThan(v) => Interval {
                low: shut(f64::NEG_INFINITY),
                high: open(v),
            },
            Value::About { about, low, high } => {
                let around = widen(about, tolerance.max(ABOUT_TOLERANCE));
                Interval::closed(
                    low.unwrap_or(around.low.value),
                    high.unwrap_or(around.high.value),
                )
            }
            Value::Between(a, b) => Interval::closed(a.min(b), a.max(b)),
        })
    }

    /// Precise values are exact figures and plain `about`; everything else
    /// (bounds, ranges, `about` with bounds) is loose (DESIGN §2).
    pub fn is_precise(&self) -> bool {
        matches!(
            self,
            Value::Exact(_)
                | Value::About {
                    low: None,
                    high: None,
                    ..
                }
        )
    }

    /// Whether the value is a figure of some form (not a category, not
    /// text only).
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Unstated | Value::Is(_))
    }

    /// The figures in the value, for range checks ("a count is never negative").
    pub fn numbers(&self) -> Vec<f64> {
        match *self {
            Value::Unstated | Value::Is(_) => vec![],
            Value::Exact(v)
            | Value::AtLeast(v)
            | Value::MoreThan(v)
            | Value::AtMost(v)
            | Value::LessThan(v) => vec![v],
            Value::About { about, low, high } => {
                std::iter::once(about).chain(low).chain(high).collect()
            }
            Value::Between(a, b) => vec![a, b],
        }
    }

    /// The one figure the value states, if it states one: its exact
    /// figure, its `about`, or its bound; none for a range (its midpoint
    /// is a figure nobody gave), a category or text only.
    pub fn stated_figure(&self) -> Option<f64> {
        match *self {
            Value::Exact(v)
            | Value::AtLeast(v)
            | Value::MoreThan(v)
            | Value::AtMost(v)
            | Value::LessThan(v)
            | Value::About { about: v, .. } => Some(v),
            Value::Between(..) | Value::Is(_) | Value::Unstated => None,
        }
    }

    /// The value in words, as a reader would say it: "at least 62",
    /// "more than 350,000", "less than 5%", "several buildings".
    /// `percent` appends a percent sign to figures.
    pub fn words(&self, percent: bool) -> String {
        let n = |v: f64| {
            let mut s = group_thousands(v);
            if percent {
                s.push('%');
            }
            s
        };
        match self {
            Value::Unstated => "(text only)".to_string(),
            Value::Exact(v) => n(*v),
            Value::AtLeast(v) => format!("at least {}", n(*v)),
            Value::MoreThan(v) => format!("more than {}", n(*v)),
            Value::AtMost(v) => format!("at most {}", n(*v)),
            Value::LessThan(v) => format!("less than {}", n(*v)),
            Value::About {
                about,
                low: None,
                high: None,
            } => format!("about {}", n(*about)),
            Value::About { about, low, high } => format!(
                "about {} ({}–{})",
                n(*about),
                low.map_or("…".to_string(), n),
                high.map_or("…".to_string(), n)
            ),
            Value::Between(a, b) => format!("between {} and {}", n(*a), n(*b)),
            Value::Is(category) => category.replace(['-', '_'], " "),
        }
    }

    /// The value in JSON exactly as in YAML (see the `Serialize` impl).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Reads a value in its YAML form (`70`, `{at_least: 70}`, `null`):
    /// what `--value` and an imported cell hold.
    pub fn from_yaml(text: &str) -> Result<Value, String> {
        crate::yaml::deserialize(text)
    }

    /// The value in the YAML form of the store (for proposals and `add`).
    pub fn to_yaml(&self) -> String {
        let n = plain_number;
        match self {
            Value::Unstated => "null".to_string(),
            Value::Exact(v) => n(*v),
            Value::AtLeast(v) => format!("{{at_least: {}}}", n(*v)),
            Value::MoreThan(v) => format!("{{more_than: {}}}", n(*v)),
            Value::AtMost(v) => format!("{{at_most: {}}}", n(*v)),
            Value::LessThan(v) => format!("{{less_than: {}}}", n(*v)),
            Value::About { about, low, high } => {
                let mut s = format!("{{about: {}", n(*about));
                if let Some(l) = low {
                    s.push_str(&format!(", low: {}", n(*l)));
                }
                if let Some(h) = high {
                    s.push_str(&format!(", high: {}", n(*h)));
                }
                s.push('}');
                s
            }
            Value::Between(a, b) => format!("{{between: [{}, {}]}}", n(*a), n(*b)),
            Value::Is(c) => format!("{{is: {}}}", crate::yaml::word(c)),
        }
    }
}

/// A figure that serialises as an integer when it is whole (`62`, not
/// `62.0`), as the YAML shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Figure(pub(crate) f64);

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// JSON exactly as in YAML: `62`, `{"at_least": 62}`,
/// `{"between": [50, 70]}`, `{"is": "whole-district"}`, `null`.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let one = |s: S, key: &str, v: f64| {
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(key, &Figure(v))?;
            map.end()
        };
        match self {
            Value::Unstated => s.serialize_unit(),
            Value::Exact(v) => Figure(*v).serialize(s),
            Value::AtLeast(v) => one(s, "at_least", *v),
            Value::MoreThan(v) => one(s, "more_than", *v),
            Value::AtMost(v) => one(s, "at_most", *v),
            Value::LessThan(v) => one(s, "less_than", *v),
            Value::About { about, low, high } => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("about", &Figure(*about))?;
                if let Some(l) = low {
                    map.serialize_entry("low", &Figure(*l))?;
                }
                if let Some(h) = high {
                    map.serialize_entry("high", &Figure(*h))?;
                }
                map.end()
            }
            Value::Between(a, b) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("between", &[Figure(*a), Figure(*b)])?;
                map.end()
            }
            Value::Is(c) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("is", c)?;
                map.end()
            }
        }
    }
}

/// A figure as written in YAML: `62`, `3.5`.
pub(crate) fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A figure for people: `350,000`, `1,234.5`, `62`.
pub(crate) fn group_thousands(v: f64) -> String {
    let plain = plain_number(v);
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.find(['.', 'e']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if int.len() <= 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain;
    }
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// Reads the JSON (and YAML) form back: what `import` reads from a JSON
/// Lines feed, and what the on-disk cache stores.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, null, or a form such as {\"at_least\": 62}")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Unstated)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Unstated)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Exact(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Exact(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        if v.is_finite() {
            Ok(Value::Exact(v))
        } else {
            Err(E::custom("a figure must be finite"))
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut form: Option<(String, Value)> = None;
        let (mut low, mut high) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            let figure = |map: &mut A| -> Result<f64, A::Error> {
                let v: f64 = map.next_value()?;
                if v.is_finite() {
                    Ok(v)
                } else {
                    Err(de::Error::custom("a figure must be finite"))
                }
            };
            let value = match key.as_str() {
                "low" => {
                    low = Some(figure(&mut map)?);
                    continue;
                }
                "high" => {
                    high = Some(figure(&mut map)?);
                    continue;
                }
                "at_least" => Value::AtLeast(figure(&mut map)?),
                "more_than" => Value::MoreThan(figure(&mut map)?),
                "at_most" => Value::AtMost(figure(&mut map)?),
                "less_than" => Value::LessThan(figure(&mut map)?),
                "about" => Value::About {
                    about: figure(&mut map)?,
                    low: None,
                    high: None,
                },
                "between" => {
                    let [a, b]: [f64; 2] = map.next_value()?;
                    if !(a.is_finite() && b.is_finite()) || a > b {
                        return Err(de::Error::custom(
                            "`between` takes two finite figures, low then high",
                        ));
                    }
                    Value::Between(a, b)
                }
                "is" => Value::Is(map.next_value()?),
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown value form `{other}` (at_least, more_than, at_most, less_than, about, between, is)"
                    )));
                }
            };
            if let Some((first, _)) = &form {
                return Err(de::Error::custom(format!(
                    "a value has one form, not two ({first}, {key})"
                )));
            }
            form = Some((key, value));
        }
        match form {
            Some((_, Value::About { about, .. })) => {
                if low.is_some_and(|l| l > about) || high.is_some_and(|h| h < about) {
                    return Err(de::Error::custom(
                        "`low` must not be above `about`, nor `high` below it",
                    ));
                }
                Ok(Value::About { about, low, high })
            }
            Some(_) if low.is_some() || high.is_some() => {
                Err(de::Error::custom("`low` and `high` go with `about`"))
            }
            Some((_, value)) => Ok(value),
            None => Err(de::Error::custom(
                "a value needs one form: at_least, more_than, at_most, less_than, about, between or is",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn a_figure_is_stated_by_exact_about_and_bounds_only() {
        assert_eq!(Value::Exact(62.0).stated_figure(), Some(62.0));
        assert_eq!(Value::AtLeast(62.0).stated_figure(), Some(62.0));
        let about = Value::About {
            about: 300.0,
            low: Some(250.0),
            high: None,
        };
        assert_eq!(about.stated_figure(), Some(300.0));
        assert_eq!(Value::Between(50.0, 70.0).stated_figure(), None);
        assert_eq!(Value::Is("x".into()).stated_figure(), None);
        assert_eq!(Value::Unstated.stated_figure(), None);
    }

    fn iv(v: &Value) -> Interval {
        v.interval(0.0).unwrap()
    }

    #[test]
    fn every_form_has_its_interval() {
        assert_eq!(iv(&Value::Exact(62.0)), Interval::closed(62.0, 62.0));
        assert_eq!(
            Value::Exact(100.0).interval(0.05),
            Some(Interval::closed(95.0, 105.0))
        );
        let at_least = iv(&Value::AtLeast(62.0));
        assert_eq!(at_least.low.value, 62.0);
        assert!(at_least.low.closed && at_least.high.value == f64::INFINITY);
        let more = iv(&Value::MoreThan(350_000.0));
        assert!(!more.low.closed);
        let less = iv(&Value::LessThan(5.0));
        assert!(!less.high.closed && less.low.value == f64::NEG_INFINITY);
        assert_eq!(
            iv(&Value::AtMost(10.0)).high,
            Bound {
                value: 10.0,
                closed: true
            }
        );
        let about = iv(&Value::About {
            about: 300.0,
            low: None,
            high: None,
        });
        assert!((about.low.value - 270.0).abs() < 1e-9 && (about.high.value - 330.0).abs() < 1e-9);
        let wide = Value::About {
            about: 300.0,
            low: None,
            high: None,
        }
        .interval(0.2)
        .unwrap();
        assert!((wide.low.value - 240.0).abs() < 1e-9);
        assert_eq!(
            iv(&Value::About {
                about: 300.0,
                low: Some(250.0),
                high: Some(400.0)
            }),
            Interval::closed(250.0, 400.0)
        );
        assert_eq!(
            iv(&Value::Between(50.0, 70.0)),
            Interval::closed(50.0, 70.0)
        );
        assert_eq!(Value::Is("x".into()).interval(0.0), None);
        assert_eq!(Value::Unstated.interval(0.0), None);
    }

    #[test]
    fn open_ends_do_not_touch() {
        let more = iv(&Value::MoreThan(350_000.0));
        assert!(!more.overlaps(&iv(&Value::Exact(350_000.0))));
        assert!(more.overlaps(&iv(&Value::Exact(350_001.0))));
        assert!(iv(&Value::AtLeast(62.0)).overlaps(&iv(&Value::Exact(62.0))));
        assert!(!iv(&Value::LessThan(5.0)).overlaps(&iv(&Value::Exact(5.0))));
    }

    #[test]
    fn gap_follows_the_design_example() {
        let g = iv(&Value::Exact(40.0)).gap(&iv(&Value::Exact(62.0)));
        assert!((g - 0.3548).abs() < 1e-3, "{g}");
        assert_eq!(iv(&Value::Exact(40.0)).gap(&iv(&Value::AtLeast(30.0))), 0.0);
    }

    #[test]
    fn words_read_like_a_dispatch() {
        assert_eq!(Value::AtLeast(62.0).words(false), "at least 62");
        assert_eq!(Value::MoreThan(350_000.0).words(false), "more than 350,000");
        assert_eq!(Value::LessThan(5.0).words(true), "less than 5%");
        assert_eq!(
            Value::Between(200.0, 999.0).words(false),
            "between 200 and 999"
        );
        assert_eq!(
            Value::Is("several-buildings".into()).words(false),
            "several buildings"
        );
        assert_eq!(Value::Exact(1234.5).words(false), "1,234.5");
        assert_eq!(Value::Exact(-1234.0).words(false), "-1,234");
        assert_eq!(
            Value::About {
                about: 300.0,
                low: Some(250.0),
                high: Some(400.0)
            }
            .words(false),
            "about 300 (250–400)"
        );
    }

    #[test]
    fn the_json_form_reads_back() {
        for v in [
            Value::Unstated,
            Value::Exact(62.0),
            Value::Exact(3.5),
            Value::AtLeast(62.0),
            Value::MoreThan(350_000.0),
            Value::AtMost(10.0),
            Value::LessThan(5.0),
            Value::About {
                about: 300.0,
                low: Some(250.0),
                high: Some(400.0),
            },
            Value::About {
                about: 300.0,
                low: None,
                high: None,
            },
            Value::Between(50.0, 70.0),
            Value::Is("whole-district".into()),
        ] {
            let back: Value = serde_json::from_value(v.to_json()).unwrap();
            assert_eq!(back, v);
        }
        let bad: Result<Value, _> = serde_json::from_str(r#"{"at_least": 1, "at_most": 2}"#);
        assert!(bad.unwrap_err().to_string().contains("one form"));
        let bad: Result<Value, _> = serde_json::from_str(r#"{"between": [70, 50]}"#);
        assert!(bad.is_err());
    }

    #[test]
    fn json_keeps_the_yaml_form() {
        assert_eq!(Value::Exact(62.0).to_json(), json!(62));
        assert_eq!(Value::Exact(3.5).to_json(), json!(3.5));
        assert_eq!(Value::AtLeast(62.0).to_json(), json!({"at_least": 62}));
        assert_eq!(
            Value::Between(50.0, 70.0).to_json(),
            json!({"between": [50, 70]})
        );
        assert_eq!(
            Value::Is("whole-district".into()).to_json(),
            json!({"is": "whole-district"})
        );
        assert_eq!(Value::Unstated.to_json(), serde_json::Value::Null);
        assert_eq!(
            Value::About {
                about: 300.0,
                low: Some(250.0),
                high: None
            }
            .to_json(),
            json!({"about": 300, "low": 250})
        );
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let n = -1.0e6f64..1.0e6;
        prop_oneof![
            n.clone().prop_map(Value::Exact),
            n.clone().prop_map(Value::AtLeast),
            n.clone().prop_map(Value::MoreThan),
            n.clone().prop_map(Value::AtMost),
            n.clone().prop_map(Value::LessThan),
            n.clone().prop_map(|v| Value::About {
                about: v,
                low: None,
                high: None
            }),
            (n.clone(), n.clone()).prop_map(|(a, b)| Value::Between(a.min(b), a.max(b))),
        ]
    }

    proptest! {
        #[test]
        fn gap_is_symmetric_and_bounded(a in arb_value(), b in arb_value(), t in 0.0f64..0.5) {
            let (x, y) = (a.interval(t).unwrap(), b.interval(t).unwrap());
            let g = x.gap(&y);
            prop_assert!((0.0..=1.0).contains(&g));
            prop_assert_eq!(g, y.gap(&x));
            prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
            if x.overlaps(&y) { prop_assert_eq!(g, 0.0); }
        }

        #[test]
        fn an_interval_contains_its_own_value(v in -1.0e6f64..1.0e6, t in 0.0f64..0.5) {
            let x = Value::Exact(v).interval(t).unwrap();
            prop_assert!(x.overlaps(&x));
        }
    }
}
