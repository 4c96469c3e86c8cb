//! Figure text: LaTeX-like names (`$\pi$`, `$\theta_1$`, `$e$`, as in the
//! Axelrod library's strategy names) translated to Unicode, and a check that
//! the embedded font has a glyph for a character.
//!
//! Only text between a pair of `$` is translated: `\name` of a Greek letter
//! (lower case, and the capitals that differ from Latin ones), `\varphi`,
//! `\vartheta`, `\varepsilon` and a few symbols (`\infty`, `\cdot`,
//! `\times`, `\pm`, `\le`, `\ge`, `\neq`, `\approx`, `\to`) become their
//! characters; `_x` or `_{...}` becomes Unicode subscripts and `^x` or
//! `^{...}` superscripts when every character has one, else the characters
//! stay as they are with their `_` or `^`; braces group and vanish; an unknown
//! command is kept as written, and spaces are kept (unlike TeX's math
//! mode, which drops them). Text outside `$...$` and an unpaired `$` are
//! unchanged. Every character this produces is in the embedded DejaVu Sans
//! (checked by the tests with [`font_has_glyph`]).
//!
//! ## References
//! - Unicode Consortium. *The Unicode Standard*, blocks Greek and Coptic
//!   (U+0370), Superscripts and Subscripts (U+2070), Phonetic Extensions
//!   (U+1D00) and Latin Extended-C (U+2C60).
//! - Apple. *TrueType Reference Manual*, chapter 6, table `cmap`, format 4
//!   (segment mapping to delta values), read by [`font_has_glyph`].

use super::style::DEJAVU_SANS;
use std::borrow::Cow;

/// LaTeX command names and the characters they stand for.
pub const COMMANDS: &[(&str, char)] = &[
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ϵ'),
    ("varepsilon", 'ε'),
    ("zeta", 'ζ'),
    ("eta", 'η'),
    ("theta", 'θ'),
    ("vartheta", 'ϑ'),
    ("iota", 'ι'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("nu", 'ν'),
    ("xi", 'ξ'),
    ("omicron", 'ο'),
    ("pi", 'π'),
    ("rho", 'ρ'),
    ("sigma", 'σ'),
    ("tau", 'τ'),
    ("upsilon", 'υ'),
    ("phi", 'ϕ'),
    ("varphi", 'φ'),
    ("chi", 'χ'),
    ("psi", 'ψ'),
    ("omega", 'ω'),
    ("Gamma", 'Γ'),
    ("Delta", 'Δ'),
    ("Theta", 'Θ'),
    ("Lambda", 'Λ'),
    ("Xi", 'Ξ'),
    ("Pi", 'Π'),
    ("Sigma", 'Σ'),
    ("Upsilon", 'Υ'),
    ("Phi", 'Φ'),
    ("Psi", 'Ψ'),
    ("Omega", 'Ω'),
    ("infty", '∞'),
    ("cdot", '·'),
    ("times", '×'),
    ("pm", '±'),
    ("le", '≤'),
    ("leq", '≤'),
    ("ge", '≥'),
    ("geq", '≥'),
    ("neq", '≠'),
    ("approx", '≈'),
    ("to", '→'),
];

/// Characters with a Unicode subscript, and the subscript.
pub const SUBSCRIPTS: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
    ('a', 'ₐ'),
    ('e', 'ₑ'),
    ('h', 'ₕ'),
    ('i', 'ᵢ'),
    ('j', 'ⱼ'),
    ('k', 'ₖ'),
    ('l', 'ₗ'),
    ('m', 'ₘ'),
    ('n', 'ₙ'),
    ('o', 'ₒ'),
    ('p', 'ₚ'),
    ('r', 'ᵣ'),
    ('s', 'ₛ'),
    ('t', 'ₜ'),
    ('u', 'ᵤ'),
    ('v', 'ᵥ'),
    ('x', 'ₓ'),
    ('β', 'ᵦ'),
    ('γ', 'ᵧ'),
    ('ρ', 'ᵨ'),
    ('φ', 'ᵩ'),
    ('χ', 'ᵪ'),
];

/// Characters with a Unicode superscript, and the superscript.
pub const SUPERSCRIPTS: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('i', 'ⁱ'),
    ('n', 'ⁿ'),
];

/// `text` with every `$...$` span translated to Unicode (see the module
/// documentation); borrowed when there is nothing to translate.
pub fn math_to_unicode(text: &str) -> Cow<'_, str> {
    if text.matches('$').count() < 2 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('$') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('$') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&translate_math(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Translates the inside of one `$...$` span.
fn translate_math(math: &str) -> String {
    let chars: Vec<char> = math.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        match chars[k] {
            '\\' => {
                let start = k + 1;
                let mut end = start;
                while end < chars.len() && chars[end].is_ascii_alphabetic() {
                    end += 1;
                }
                let name: String = chars[start..end].iter().collect();
                match COMMANDS.iter().find(|(n, _)| *n == name) {
                    Some((_, c)) => out.push(*c),
                    None if name.is_empty() && end < chars.len() => {
                        // An escaped character such as `\$` or `\_`.
                        out.push(chars[end]);
                        end += 1;
                    }
                    None => {
                        out.push('\\');
                        out.push_str(&name);
                    }
                }
                k = end;
            }
            marker @ ('_' | '^') => {
                let (group, next) = script_group(&chars, k + 1);
                let plain = translate_math(&group);
                let table = if marker == '_' {
                    SUBSCRIPTS
                } else {
                    SUPERSCRIPTS
                };
                let mapped: Option<String> = plain
                    .chars()
                    .map(|c| table.iter().find(|(a, _)| *a == c).map(|(_, s)| *s))
                    .collect();
                match mapped {
                    Some(s) if !plain.is_empty() => out.push_str(&s),
                    _ => {
                        out.push(marker);
                        out.push_str(&plain);
                    }
                }
                k = next;
            }
            '{' | '}' => k += 1,
            c => {
                out.push(c);
                k += 1;
            }
        }
    }
    out
}

/// The argument of `_` or `^` starting at `k`: a braced group, a command or
/// one character; and the index after it.
fn script_group(chars: &[char], k: usize) -> (String, usize) {
    match chars.get(k) {
        Some('{') => {
            let mut depth = 0;
            for (j, c) in chars.iter().enumerate().skip(k) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (chars[k + 1..j].iter().collect(), j + 1);
                        }
                    }
                    _ => {}
                }
            }
            (chars[k + 1..].iter().collect(), chars.len())
        }
        Some('\\') => {
            let mut end = k + 1;
            while end < chars.len() && chars[end].is_ascii_alphabetic() {
                end += 1;
            }
            (chars[k..end].iter().collect(), end)
        }
        Some(c) => (c.to_string(), k + 1),
        None => (String::new(), k),
    }
}

/// Whether the embedded font (DejaVu Sans) maps `c` to a glyph, read from
/// its `cmap` table (the Unicode BMP subtable, format 4). Characters beyond
/// the BMP are reported absent.
pub fn font_has_glyph(c: char) -> bool {
    glyph_index(DEJAVU_SANS, c).is_some_and(|g| g != 0)
}

/// The glyph index of `c` in a TrueType font's format-4 Unicode `cmap`
/// subtable (platform 3 encoding 1, or platform 0), if the font has one.
fn glyph_index(font: &[u8], c: char) -> Option<u16> {
    let u16_at =
        |o: usize| -> Option<u16> { font.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]])) };
    let u32_at = |o: usize| -> Option<u32> {
        font.get(o..o + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let code = u16::try_from(c as u32).ok()?;
    let tables = u16_at(4)? as usize;
    let cmap = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| font.get(r..r + 4) == Some(b"cmap"))
        .and_then(|r| u32_at(r + 8))? as usize;
    let subtables = u16_at(cmap + 2)? as usize;
    let sub = (0..subtables).find_map(|i| {
        let r = cmap + 4 + 8 * i;
        let (platform, encoding) = (u16_at(r)?, u16_at(r + 2)?);
        let offset = cmap + u32_at(r + 4)? as usize;
        let unicode_bmp = (platform == 3 && encoding == 1) || platform == 0;
        (unicode_bmp && u16_at(offset)? == 4).then_some(offset)
    })?;
    let segments = u16_at(sub + 6)? as usize / 2;
    let ends = sub + 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    for s in 0..segments {
        let end = u16_at(ends + 2 * s)?;
        if end < code {
            continue;
        }
        let start = u16_at(starts + 2 * s)?;
        if start > code {
            return None;
        }
        let delta = u16_at(deltas + 2 * s)?;
        let range_offset = u16_at(range_offsets + 2 * s)? as usize;
        if range_offset == 0 {
            return Some(code.wrapping_add(delta));
        }
        let at = range_offsets + 2 * s + range_offset + 2 * (code - start) as usize;
        let glyph = u16_at(at)?;
        return Some(if glyph == 0 {
            0
        } else {
            glyph.wrapping_add(delta)
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_names_subscripts_and_plain_text() {
        assert_eq!(math_to_unicode("$\\pi$"), "π");
        assert_eq!(math_to_unicode("$\\phi$"), "ϕ");
        assert_eq!(math_to_unicode("$e$"), "e");
        assert_eq!(
            math_to_unicode("$\\theta_i$ and $\\delta_{12}$"),
            "θᵢ and δ₁₂"
        );
        assert_eq!(math_to_unicode("$x^2$"), "x²");
        assert_eq!(math_to_unicode("$\\Psi\\mu = 1$"), "Ψμ = 1");
        // No subscript for `q`: the characters stay as written.
        assert_eq!(math_to_unicode("$p_q$"), "p_q");
        assert_eq!(math_to_unicode("$\\foo$"), "\\foo");
        // Outside `$...$` and an unpaired `$` are left alone.
        assert_eq!(math_to_unicode("Tit For Tat"), "Tit For Tat");
        assert_eq!(math_to_unicode("costs $5"), "costs $5");
        assert_eq!(math_to_unicode("a_1 $\\lambda$"), "a_1 λ");
    }

    #[test]
    fn glyph_lookup_tells_present_from_absent() {
        assert!(font_has_glyph('A'));
        assert!(font_has_glyph('θ'));
        // DejaVu Sans has no CJK ideographs nor this private-use code point.
        assert!(!font_has_glyph('漢'));
        assert!(!font_has_glyph('\u{E000}'));
    }

    #[test]
    fn every_translated_character_is_in_the_font() {
        let produced = COMMANDS
            .iter()
            .map(|(_, c)| *c)
            .chain(SUBSCRIPTS.iter().map(|(_, s)| *s))
            .chain(SUPERSCRIPTS.iter().map(|(_, s)| *s));
        for c in produced {
            assert!(
                font_has_glyph(c),
                "DejaVu Sans lacks {c} (U+{:04X})",
                c as u32
            );
        }
    }
}
