//! Figures rounded for display: one rule for every renderer, and for the
//! figures the library computes only to show them (a consensus interval).
//!
//! Arithmetic on decimals in binary floating point leaves noise in the
//! last digits (170 × 1.1 is 187.00000000000003): a figure is shown at the
//! precision it was computed from, never with that noise.

/// The most decimals a figure is shown with.
pub(crate) const MAX_PLACES: u32 = 9;

/// `x` rounded to `places` decimals, halves away from zero (0.6667 at 3
/// is 0.667); infinities and figures too large to scale stay as they are.
pub(crate) fn to_places(x: f64, places: u32) -> f64 {
    let scale = 10f64.powi(places.min(MAX_PLACES) as i32);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() { rounded } else { x }
}

/// A relative change as a whole percentage with its sign, as an editor
/// writes it: −65%, +12%, 0% (the minus sign is U+2212).
pub(crate) fn signed_percent(change: f64) -> String {
    let p = (change * 100.0).round();
    if p < 0.0 {
        format!("\u{2212}{}%", -p)
    } else if p > 0.0 {
        format!("+{p}%")
    } else {
        "0%".to_string()
    }
}

/// The decimals a figure is written with at its shortest: 0 for 62, 1 for
/// 3.5, 2 for 0.02 (at most [`MAX_PLACES`]).
pub(crate) fn places_in(x: f64) -> u32 {
    if !x.is_finite() {
        return 0;
    }
    let written = format!("{x}");
    written
        .split_once('.')
        .map_or(0, |(_, decimals)| decimals.len() as u32)
        .min(MAX_PLACES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_goes_and_precision_stays() {
        assert_eq!(to_places(170.0 * 1.1, 1), 187.0);
        assert_eq!(to_places(2.0 / 3.0, 3), 0.667);
        assert_eq!(to_places(22.0 / 62.0, 3), 0.355);
        assert_eq!(to_places(4.5, 1), 4.5);
        assert_eq!(to_places(f64::INFINITY, 2), f64::INFINITY);
        assert_eq!(to_places(1e300, 9), 1e300);
    }

    #[test]
    fn places_are_those_written() {
        assert_eq!(places_in(62.0), 0);
        assert_eq!(places_in(3.5), 1);
        assert_eq!(places_in(0.02), 2);
        assert_eq!(places_in(0.1), 1);
        assert_eq!(places_in(f64::INFINITY), 0);
        assert_eq!(places_in(187.00000000000003), MAX_PLACES);
    }

    #[test]
    fn rounding_matches_the_former_json_arithmetic() {
        for x in [0.0, 0.12345, 0.5555, 0.9999, 22.0 / 62.0, 0.66666] {
            assert_eq!(to_places(x, 3), (x * 1000.0).round() / 1000.0);
            assert_eq!(to_places(x, 4), (x * 10_000.0).round() / 10_000.0);
        }
    }
}
