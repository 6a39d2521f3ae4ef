//! Fonts for the PDF: every font file in the directory named by `GONGKAI_FONT_DIR` (a deployer's
//! licensed 公文 fonts, used first), then the Noto CJK collections of Debian's `fonts-noto-cjk`
//! (Serif ≈ 宋体 for text, Sans ≈ 黑体 for headings, Regular and Bold of each, so bold text is
//! really bold).
//!
//! Only fonts that have Chinese glyphs count: without one the PDF would print boxes, so loading
//! fails with the list of places searched instead.

use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::Font;

/// Environment variable naming an extra font directory.
pub const FONT_DIR_ENV: &str = "GONGKAI_FONT_DIR";
/// Where Debian's `fonts-noto-cjk` installs its collections.
pub const SYSTEM_DIR: &str = "/usr/share/fonts/opentype/noto";
/// The preferred collections in [`SYSTEM_DIR`].
const SYSTEM_FILES: [&str; 4] = [
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
];
/// The families the template prefers for text and for headings.
const SERIF: &str = "Noto Serif CJK SC";
const SANS: &str = "Noto Sans CJK SC";

/// Font family lists, most preferred first, passed to the template.
#[derive(Debug, Clone, Default)]
pub struct Families {
    /// For body text and tables (宋体-like).
    pub serif: Vec<String>,
    /// For the title, headings and table headers (黑体-like).
    pub sans: Vec<String>,
}

/// Loaded fonts and the families to use.
pub struct Loaded {
    /// Every font face found.
    pub fonts: Vec<Font>,
    /// Families with Chinese glyphs, in order of preference.
    pub families: Families,
}

/// Loads the fonts, or returns the places searched when none has Chinese glyphs.
pub fn load() -> Result<Loaded, String> {
    let user_dir = std::env::var_os(FONT_DIR_ENV).map(PathBuf::from);
    load_from(user_dir.as_deref(), Path::new(SYSTEM_DIR))
}

/// [`load`] with explicit directories.
fn load_from(user_dir: Option<&Path>, system_dir: &Path) -> Result<Loaded, String> {
    let user_files = user_dir.map(font_files).unwrap_or_default();
    let system_files: Vec<PathBuf> = SYSTEM_FILES
        .iter()
        .map(|f| system_dir.join(f))
        .filter(|p| p.is_file())
        .collect();
    let user_fonts = read_fonts(&user_files);
    let system_fonts = read_fonts(&system_files);
    let user_cjk = cjk_families(&user_fonts);
    let system_cjk = cjk_families(&system_fonts);
    if user_cjk.is_empty() && system_cjk.is_empty() {
        let listed = SYSTEM_FILES.join(",");
        let mut searched = vec![format!("{}/{{{listed}}}", system_dir.display())];
        match user_dir {
            Some(dir) => searched.push(format!("{FONT_DIR_ENV}={}", dir.display())),
            None => searched.push(format!("{FONT_DIR_ENV}（未设置）")),
        }
        return Err(searched.join("；"));
    }
    let families = Families {
        serif: prefer(&user_cjk, SERIF, &system_cjk),
        sans: prefer(&user_cjk, SANS, &system_cjk),
    };
    let mut fonts = user_fonts;
    fonts.extend(system_fonts);
    Ok(Loaded { fonts, families })
}

/// The deployer's families, then `preferred` if present, then every other system family.
fn prefer(user: &[String], preferred: &str, system: &[String]) -> Vec<String> {
    let mut out: Vec<String> = user.to_vec();
    if system.iter().any(|f| f == preferred) {
        out.push(preferred.to_owned());
    }
    for f in system {
        if !out.contains(f) {
            out.push(f.clone());
        }
    }
    out
}

/// Font files directly in `dir`, sorted by name.
fn font_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            ["ttf", "otf", "ttc", "otc"].contains(&ext.to_ascii_lowercase().as_str())
        })
        .collect();
    files.sort();
    files
}

/// Every face of every readable file; unreadable files are skipped.
fn read_fonts(files: &[PathBuf]) -> Vec<Font> {
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
}

/// The distinct families of `fonts` that have Chinese glyphs (tested with 中 and 国).
fn cjk_families(fonts: &[Font]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for font in fonts {
        let info = font.info();
        let chinese = ['中', '国']
            .iter()
            .all(|c| info.coverage.contains(u32::from(*c)));
        if chinese && !out.contains(&info.family) {
            out.push(info.family.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExportError;

    #[test]
    fn without_a_chinese_font_the_error_names_the_package_and_the_places_searched() {
        let empty = std::env::temp_dir();
        let nowhere = Path::new("/nonexistent/gongkai-fonts");

        let searched = load_from(Some(nowhere), nowhere).err().unwrap_or_default();
        let message = ExportError::NoCjkFont { searched }.to_string();

        assert!(message.contains("fonts-noto-cjk") && message.contains("GONGKAI_FONT_DIR"));
        assert!(message.contains("/nonexistent/gongkai-fonts/{NotoSerifCJK-Regular.ttc"));
        assert!(load_from(None, &empty).is_err());
    }

    #[test]
    fn the_deployers_fonts_come_first_then_the_preferred_family() {
        let user = vec!["仿宋_GB2312".to_owned()];
        let system = vec!["Noto Serif CJK JP".to_owned(), SERIF.to_owned()];

        let order = prefer(&user, SERIF, &system);

        assert_eq!(order, ["仿宋_GB2312", SERIF, "Noto Serif CJK JP"]);
    }

    #[test]
    fn the_system_noto_collections_are_found_with_both_weights() {
        let loaded = load_from(None, Path::new(SYSTEM_DIR)).unwrap_or_else(|e| panic!("{e}"));

        assert_eq!(
            loaded.families.serif.first().map(String::as_str),
            Some(SERIF)
        );
        assert_eq!(loaded.families.sans.first().map(String::as_str), Some(SANS));
        let bold = loaded
            .fonts
            .iter()
            .any(|f| f.info().family == SANS && f.info().variant.weight.to_number() >= 700);
        assert!(bold, "Noto Sans CJK SC Bold");
    }
}
