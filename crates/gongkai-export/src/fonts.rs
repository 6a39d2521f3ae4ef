//! Fonts for every PDF (annual report and letters), loaded once per process.
//!
//! Four faces ship inside the binary: OFL subsets of Noto Serif CJK SC (≈ 宋体, Regular and Bold)
//! and Noto Sans CJK SC (≈ 黑体), covering GB 2312, the 通用规范汉字表 and common symbols
//! (`fonts/README.md` says how they were made; `fonts/OFL.txt` is their licence). So a PDF renders
//! on a fresh machine with no font installed, and no system font is read.
//!
//! A deployer with licensed 公文 fonts (方正小标宋简体, `仿宋_GB2312`, 黑体, `楷体_GB2312`) puts them in
//! the directory named by `GONGKAI_FONT_DIR`: each family is matched to its role by name and used
//! before the embedded face of that role, and any of its glyphs fill gaps in the subsets. A
//! character that no loaded font has is not drawn as a box: [`FontSet::missing`] finds it, and
//! the PDF renderers refuse with the list ([`crate::ExportError::MissingGlyphs`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use typst::foundations::Bytes;
use typst::text::Font;

/// Environment variable naming a directory of extra (licensed) fonts.
pub const FONT_DIR_ENV: &str = "GONGKAI_FONT_DIR";
/// The embedded serif family (text, titles).
pub const SERIF: &str = "Noto Serif CJK SC";
/// The embedded sans family (headings).
pub const SANS: &str = "Noto Sans CJK SC";

/// The embedded faces (SIL Open Font License 1.1, `fonts/OFL.txt`).
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/NotoSerifSC-Regular.otf"),
    include_bytes!("../fonts/NotoSerifSC-Bold.otf"),
    include_bytes!("../fonts/NotoSansSC-Regular.otf"),
    include_bytes!("../fonts/NotoSansSC-Bold.otf"),
];

/// Font family lists by role, most preferred first, passed to the typst templates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Families {
    /// 宋体-like: the annual report's text and tables.
    pub serif: Vec<String>,
    /// 黑体-like: headings and table headers.
    pub sans: Vec<String>,
    /// 仿宋-like: a letter's body (公文 正文).
    pub fangsong: Vec<String>,
    /// 小标宋-like: a letter's title.
    pub title: Vec<String>,
    /// 楷体-like: second-level headings of a letter.
    pub kai: Vec<String>,
}

/// The loaded fonts of the process.
pub struct FontSet {
    /// Every face: the deployer's first, then the embedded ones.
    pub fonts: Vec<Font>,
    /// Families by role.
    pub families: Families,
    /// The font files read from [`FONT_DIR_ENV`].
    pub user_files: Vec<PathBuf>,
    /// How long loading took.
    pub load_time: Duration,
    /// Every code point some font covers, sorted (typst's own coverage test is a linear scan).
    covered: Vec<u32>,
}

static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    let dir = std::env::var_os(FONT_DIR_ENV).map(PathBuf::from);
    FontSet::load(dir.as_deref())
});

/// The fonts of this process, loaded on first use.
pub fn fonts() -> &'static FontSet {
    &FONTS
}

impl FontSet {
    /// Loads the font files directly in `user_dir` (unreadable ones are skipped) and the
    /// embedded faces.
    pub fn load(user_dir: Option<&Path>) -> FontSet {
        let start = Instant::now();
        let user_files = user_dir.map(font_files).unwrap_or_default();
        let mut fonts: Vec<Font> = user_files
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let user_families = cjk_families(&fonts);
        fonts.extend(
            EMBEDDED
                .iter()
                .flat_map(|data| Font::iter(Bytes::new(*data))),
        );
        let mut covered: Vec<u32> = fonts
            .iter()
            .flat_map(|f| f.info().coverage.iter())
            .collect();
        covered.sort_unstable();
        covered.dedup();
        FontSet {
            families: families(&user_families),
            fonts,
            user_files,
            load_time: start.elapsed(),
            covered,
        }
    }

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.covered.binary_search(&u32::from(c)).is_ok()
    }

    /// The characters of `texts` that no loaded font can draw, each once, in code-point order.
    /// Whitespace, controls and invisible format characters are not drawn and never missing.
    pub fn missing<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<char> {
        let distinct: BTreeSet<char> = texts
            .into_iter()
            .flat_map(str::chars)
            .filter(|c| !invisible(*c))
            .collect();
        distinct.into_iter().filter(|c| !self.covers(*c)).collect()
    }
}

/// Characters that take no glyph: whitespace, controls, zero-width and variation selectors.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
}

/// The roles, in the order a family name is tested against them, with their name keywords
/// (lower case; Chinese and the English names the fonts carry, e.g. `FZXiaoBiaoSong-B05S`).
const ROLES: [(Role, &[&str]); 5] = [
    (Role::Title, &["小标宋", "标宋", "xiaobiaosong", "biaosong"]),
    (Role::FangSong, &["仿宋", "fangsong"]),
    (Role::Kai, &["楷", "kai"]),
    (Role::Sans, &["黑", "hei", "sans", "gothic"]),
    (
        Role::Serif,
        &["宋", "song", "simsun", "serif", "明", "ming"],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    FangSong,
    Kai,
    Sans,
    Serif,
}

/// Each role's list: the deployer's families of that role, then the embedded default.
fn families(user: &[String]) -> Families {
    let of = |role: Role, default: &str| {
        let mut list: Vec<String> = user
            .iter()
            .filter(|f| role_of(f) == Some(role))
            .cloned()
            .collect();
        if !list.iter().any(|f| f == default) {
            list.push(default.to_owned());
        }
        list
    };
    Families {
        serif: of(Role::Serif, SERIF),
        sans: of(Role::Sans, SANS),
        fangsong: of(Role::FangSong, SERIF),
        title: of(Role::Title, SERIF),
        kai: of(Role::Kai, SERIF),
    }
}

fn role_of(family: &str) -> Option<Role> {
    let name = family.to_lowercase();
    ROLES
        .iter()
        .find(|(_, keys)| keys.iter().any(|k| name.contains(k)))
        .map(|(role, _)| *role)
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

    #[test]
    fn the_embedded_faces_load_with_both_weights_and_no_user_directory() {
        let set = FontSet::load(Some(Path::new("/nonexistent/gongkai-fonts")));

        assert!(set.user_files.is_empty());
        assert_eq!(set.families.serif, [SERIF]);
        assert_eq!(set.families.sans, [SANS]);
        let bold = |family: &str| {
            set.fonts
                .iter()
                .any(|f| f.info().family == family && f.info().variant.weight.to_number() >= 700)
        };
        assert!(bold(SERIF) && bold(SANS));
        assert!(
            set.missing(["中华人民共和国政府信息公开条例〔2026〕第5号“”《》—①㎡"])
                .is_empty()
        );
    }

    #[test]
    fn a_rare_character_outside_the_subsets_is_reported_once() {
        let set = fonts();

        let missing = set.missing(["申请人：𠮷田", "𠮷", "\u{3000}\t\n\u{200B}"]);

        assert_eq!(missing, ['𠮷']);
    }

    #[test]
    fn the_deployers_gongwen_fonts_take_their_roles_before_the_embedded_ones() {
        let user = [
            "FZXiaoBiaoSong-B05S",
            "FangSong_GB2312",
            "KaiTi_GB2312",
            "SimHei",
            "SimSun",
            "Noto Serif CJK SC",
        ]
        .map(String::from);

        let f = families(&user);

        assert_eq!(f.title, ["FZXiaoBiaoSong-B05S", SERIF]);
        assert_eq!(f.fangsong, ["FangSong_GB2312", SERIF]);
        assert_eq!(f.kai, ["KaiTi_GB2312", SERIF]);
        assert_eq!(f.sans, ["SimHei", SANS]);
        assert_eq!(f.serif, ["SimSun", SERIF]);
    }
}
