//! The shape of a profanity rule [A4]: a stem, the word forms allowed after it, where it may
//! stand in a word, its exceptions and whether masks may stand for its letters, with the
//! constructors the tables use.

/// Where a stem may stand in a word.
#[derive(Clone, Copy)]
pub(super) enum Left {
    /// At the start of the word (after a leading `@`/`$` too).
    Start,
    /// At the start, or after a sequence of these prefixes (`ъ` also stands for `ь` and `'`).
    Prefix(&'static [&'static str]),
    /// Anywhere in the word.
    Anywhere,
}

/// One rule: a stem, then (if `forms` is not empty) one of the forms must match at the same
/// place; a form ending in `$` must reach the end of the word. No exception in `deny` may
/// match at that place.
pub(super) struct Rule {
    pub(super) lang: &'static str,
    pub(super) root: &'static str,
    pub(super) left: Left,
    pub(super) stem: &'static str,
    pub(super) forms: &'static [&'static str],
    pub(super) deny: &'static [&'static str],
    /// Whether masks may stand for its letters.
    pub(super) masks: Masks,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Masks {
    /// Masks may stand for letters.
    Allowed,
    /// No masks (stems that are already abbreviations: `fck`).
    Forbidden,
    /// Only masked spellings (`у**бок`, `на*уй`; the plain words match other rules).
    Required,
}

pub(super) const fn rule(
    lang: &'static str,
    root: &'static str,
    left: Left,
    stem: &'static str,
    forms: &'static [&'static str],
    deny: &'static [&'static str],
) -> Rule {
    Rule {
        lang,
        root,
        left,
        stem,
        forms,
        deny,
        masks: Masks::Allowed,
    }
}

/// A [`rule`] for a stem that is an abbreviation or a misspelling: no masks in it.
pub(super) const fn exact(
    lang: &'static str,
    root: &'static str,
    left: Left,
    stem: &'static str,
    forms: &'static [&'static str],
) -> Rule {
    Rule {
        masks: Masks::Forbidden,
        ..rule(lang, root, left, stem, forms, &[])
    }
}

/// A [`rule`] for masked spellings only, where a mask hides the stem's first letter.
pub(super) const fn masked(
    lang: &'static str,
    root: &'static str,
    stem: &'static str,
    forms: &'static [&'static str],
) -> Rule {
    Rule {
        masks: Masks::Required,
        ..rule(lang, root, Left::Start, stem, forms, &[])
    }
}
