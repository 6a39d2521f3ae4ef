//! Contact details as people type them on forms: 通讯地址, 邮政编码, 联系电话, 电子邮箱.
//!
//! Each parser trims, refuses control characters and over-long input, and returns the value to
//! store; an empty value is allowed where the field is optional (the caller decides). The
//! messages are Chinese and name the field, so a form can show them beside it.

/// The longest address kept (a full Chinese postal address fits in 120 characters).
pub const MAX_ADDRESS_CHARS: usize = 120;

/// Why a contact field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    /// Not an e-mail address.
    #[error("电子邮箱格式不正确（例如 gkb@example.gov.cn）")]
    Email,
    /// Not a telephone number.
    #[error(
        "联系电话格式不正确：请填写手机号（11 位）、带区号的固定电话（如 0795-3561234）或服务热线"
    )]
    Phone,
    /// Not a six-digit postcode.
    #[error("邮政编码应为 6 位数字")]
    Postcode,
    /// Too long or with control characters.
    #[error("通讯地址不超过 120 字，且不能包含控制字符")]
    Address,
}

fn clean(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.chars().any(char::is_control)).then_some(s)
}

/// An e-mail address: one `@`, a local part of printable ASCII, a domain of dot-separated
/// labels (letters, digits, hyphens; IDN domains in punycode), at most 254 characters.
pub fn parse_email(s: &str) -> Result<String, ContactError> {
    let s = clean(s).ok_or(ContactError::Email)?;
    if s.is_empty() {
        return Ok(String::new());
    }
    let (local, domain) = s.split_once('@').ok_or(ContactError::Email)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    if s.len() > 254 || !local_ok || !domain_ok {
        return Err(ContactError::Email);
    }
    Ok(s.to_owned())
}

/// A Chinese telephone number: a mobile number (1[3-9] + 9 digits), a landline with its area
/// code (0 + 2–3 digits, 7–8 digits, an optional extension after `-` or `转`), a 400/800
/// number, or a short service line such as 12345; `+86` may lead. Spaces, hyphens and
/// brackets are kept as typed.
pub fn parse_phone(s: &str) -> Result<String, ContactError> {
    let s = clean(s).ok_or(ContactError::Phone)?;
    if s.is_empty() {
        return Ok(String::new());
    }
    if s.chars().count() > 32 {
        return Err(ContactError::Phone);
    }
    let (main, ext) = match s.split_once('转') {
        Some((m, e)) => (m, Some(e.trim())),
        None => (s, None),
    };
    if ext.is_some_and(|e| e.is_empty() || e.len() > 6 || !e.chars().all(|c| c.is_ascii_digit())) {
        return Err(ContactError::Phone);
    }
    if !main
        .chars()
        .all(|c| c.is_ascii_digit() || " -()（）+".contains(c))
    {
        return Err(ContactError::Phone);
    }
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    let digits = match main.trim_start().strip_prefix('+') {
        Some(_) => digits
            .strip_prefix("86")
            .ok_or(ContactError::Phone)?
            .to_owned(),
        None => digits,
    };
    if is_phone_number(&digits) {
        Ok(s.to_owned())
    } else {
        Err(ContactError::Phone)
    }
}

fn is_phone_number(d: &str) -> bool {
    let b = d.as_bytes();
    let mobile = d.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    // Area code 0 + 2–3 digits, number 7–8 digits; an extension may follow the number.
    let landline = b.first() == Some(&b'0') && (10..=18).contains(&d.len());
    let toll_free = d.len() == 10 && (d.starts_with("400") || d.starts_with("800"));
    let service = (5..=6).contains(&d.len()) && b[0] == b'1';
    mobile || landline || toll_free || service
}

/// A postcode (邮政编码): six digits.
pub fn parse_postcode(s: &str) -> Result<String, ContactError> {
    let s = clean(s).ok_or(ContactError::Postcode)?;
    if s.is_empty() || (s.len() == 6 && s.chars().all(|c| c.is_ascii_digit())) {
        Ok(s.to_owned())
    } else {
        Err(ContactError::Postcode)
    }
}

/// A postal address (通讯地址): at most 120 characters, no control characters.
pub fn parse_address(s: &str) -> Result<String, ContactError> {
    let s = clean(s).ok_or(ContactError::Address)?;
    if s.chars().count() > MAX_ADDRESS_CHARS {
        return Err(ContactError::Address);
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_accepted_only_in_address_form() {
        for ok in ["gkb@yichun.gov.cn", "a.b+c@example.com", ""] {
            assert!(parse_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "gkb", "a@b", "a@@b.cn", "a b@c.cn", "a@-b.cn", "<x>@a.cn", "a@b.cn\0",
        ] {
            assert_eq!(parse_email(bad), Err(ContactError::Email), "{bad}");
        }
    }

    #[test]
    fn phones_take_the_forms_agencies_publish() {
        for ok in [
            "13800138000",
            "0795-3561234",
            "(0795)3561234",
            "010-12345678转123",
            "+86 138 0013 8000",
            "400-123-4567",
            "12345",
            "",
        ] {
            assert!(parse_phone(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12",
            "abc",
            "1234567",
            "23800138000",
            "0795-35612a",
            "+1 555 1234567",
        ] {
            assert_eq!(parse_phone(bad), Err(ContactError::Phone), "{bad}");
        }
    }

    #[test]
    fn postcodes_are_six_digits_and_addresses_bounded() {
        assert!(parse_postcode("336000").is_ok());
        assert_eq!(parse_postcode("33600"), Err(ContactError::Postcode));
        assert_eq!(parse_postcode("33600a"), Err(ContactError::Postcode));
        assert!(parse_address("江西省宜春市袁州区").is_ok());
        assert_eq!(parse_address(&"路".repeat(121)), Err(ContactError::Address));
        assert_eq!(parse_address("a\u{0}b"), Err(ContactError::Address));
    }
}
