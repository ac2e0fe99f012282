//! The only HTML escaper. Everything taken from article text goes through it.

/// Escape text for use in HTML element content and in double- or single-quoted attributes.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// [`escape_html`] into a new string.
pub fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_html(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escaped(r#"<img src=x onerror="a()">'&"#), "&lt;img src=x onerror=&quot;a()&quot;&gt;&#39;&amp;");
        assert_eq!(escaped("بوتين"), "بوتين");
    }
}
