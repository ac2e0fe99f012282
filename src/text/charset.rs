//! Named character classes of the Arabic script and friends.

/// Combining marks and tatweel that belong to the word they sit in.
#[inline(always)]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}'
        | '\u{0640}' /* tatweel */ | '\u{200C}' | '\u{200D}' /* ZWNJ, ZWJ inside words */)
}

/// Letters of the Arabic script (Arabic, Persian, Urdu), presentation forms included.
#[inline(always)]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// A decimal digit in ASCII, Arabic-Indic or Persian form: its value.
#[inline(always)]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Separators allowed inside a number between digits: `1.3`, `2,000`, `١٫٥`, `١٬٠٠٠`.
pub fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

/// Proclitic letters that attach to the next word: و ف ب ل ك س.
pub const PROCLITIC_LETTERS: [char; 6] = ['و', 'ف', 'ب', 'ل', 'ك', 'س'];
