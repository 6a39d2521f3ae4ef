//! PDF reports: the glyphs with their positions and the table rulings, rebuilt into lines of
//! cells in the crate itself (no external tool), then read like any text layout.
//!
//! `pdf-extract` interprets the content streams and hands every glyph (with its text matrix) and
//! every stroked or filled path to [`Collector`]. Content streams draw in any order (Word emits a
//! table cell by cell, a wrapped label before the numbers of its row), so the page is rebuilt
//! from coordinates: glyphs are grouped into lines by baseline, and a line is cut into cells where
//! a vertical table ruling passes between two glyphs or the gap is wider than a character. The
//! result is written as column-aligned text, the layout [`from_text`] already reads (wrapped
//! labels, page numbers, repeated headers). `pdf-extract` may panic on damaged files
//! (DEPENDENCIES.md §3.6), so it runs under `catch_unwind`.

use crate::error::ImportError;
use crate::layout::{Line, from_text, is_page_mark};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// The lines of a PDF file.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let text = layout_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::Pdf(
            "没有可提取的文字（可能是扫描件）".to_owned(),
        ));
    }
    Ok(from_text(&text))
}

/// The PDF's pages as column-aligned text: one text line per printed line, cells separated by
/// two or more spaces, pages separated by a blank line.
pub fn layout_text(bytes: &[u8]) -> Result<String, ImportError> {
    let pages = collect(bytes)?;
    let lines: Vec<Vec<Vec<&Glyph>>> = pages.iter().map(Page::lines).collect();
    let margins = prose_margins(&pages, &lines);
    let mut w = TextWriter::default();
    for (page, lines) in pages.iter().zip(&lines) {
        page.write_text(lines, &mut w, margins);
    }
    w.out.push('\n');
    Ok(w.out)
}

/// The text written so far, and the type size of its last line if that line is prose wrapped
/// at the right margin (its paragraph may carry on).
#[derive(Default)]
struct TextWriter {
    out: String,
    wrapped: Option<f64>,
}

/// The left and right margins of the document's prose: where most of its lines start and end
/// (whole points, at least three lines each), so that a wrapped line can be told from a short
/// last line. `None` when there is too little prose to tell.
fn prose_margins(pages: &[Page], lines: &[Vec<Vec<&Glyph>>]) -> Option<(f64, f64)> {
    let mut starts = std::collections::BTreeMap::<i64, usize>::new();
    let mut ends = std::collections::BTreeMap::<i64, usize>::new();
    for (page, lines) in pages.iter().zip(lines) {
        for line in lines
            .iter()
            .filter(|l| l.len() >= MARGIN_LINE_GLYPHS && page.is_prose(l))
        {
            *starts.entry(line[0].x0.round() as i64).or_default() += 1;
            *ends
                .entry(line[line.len() - 1].x1.round() as i64)
                .or_default() += 1;
        }
    }
    let mode = |counts: std::collections::BTreeMap<i64, usize>| {
        counts
            .into_iter()
            .filter(|(_, n)| *n >= MARGIN_LINES)
            .max_by_key(|(x, n)| (*n, *x))
            .map(|(x, _)| x as f64)
    };
    Some((mode(starts)?, mode(ends)?))
}

/// Runs the PDF interpreter over every page, with panics turned into errors.
fn collect(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    let run = || -> Result<Vec<Page>, OutputError> {
        let mut doc = pdf_extract::Document::load_mem(bytes)?;
        if doc.is_encrypted() {
            doc.decrypt("")?;
        }
        expand_cid_widths(&mut doc);
        trim_to_unicode(&mut doc);
        interpret(&doc)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(ImportError::Pdf(e.to_string())),
        Err(_) => Err(ImportError::Pdf("解析器内部错误".to_owned())),
    }
}

/// The glyphs and rulings of every page.
fn interpret(doc: &pdf_extract::Document) -> Result<Vec<Page>, OutputError> {
    let mut collector = Collector::default();
    pdf_extract::output_doc(doc, &mut collector)?;
    Ok(collector.pages)
}

/// A ToUnicode CMap as `adobe_cmap_parser` reads it: character code → UTF-16BE bytes.
type UnicodeMap = std::collections::HashMap<u32, Vec<u8>>;

/// Gives each page its own copy of the CID fonts in its resources, each with a ToUnicode CMap
/// cut down to the character codes in that page's text.
///
/// `pdf-extract` 0.12 forgets its fonts at every page and so parses every font's ToUnicode CMap
/// again on each page, with a slow combinator parser: two thirds of the reading time of a
/// typical report. Here each CMap is parsed once per document, by the same parser, and every
/// page gets one holding only the codes in its own text (about a third of the entries), which
/// decodes the page exactly as the full CMap does.
///
/// Only what is provably the same is touched: `Type0` fonts with an `Identity-H`/`Identity-V`
/// encoding (every code is two bytes, so the codes a page can show are the byte pairs of its
/// strings), on pages with their own `/Resources` whose text is all in hex strings (see
/// [`shown_codes`]). Anything else keeps its fonts as they are.
fn trim_to_unicode(doc: &mut pdf_extract::Document) {
    // Parsed CMaps by object id, `None` for one the parser rejects (left for `pdf-extract` to
    // report as it always has).
    let mut maps = std::collections::HashMap::new();
    for page in doc.get_pages().into_values() {
        if let Some(resources) = trimmed_resources(doc, page, &mut maps)
            && let Ok(dict) = doc.get_dictionary_mut(page)
        {
            dict.set("Resources", resources);
        }
    }
}

/// A copy of the page's resources whose fonts carry trimmed CMaps (added to `doc`), or `None`
/// when the page is left as it is.
fn trimmed_resources(
    doc: &mut pdf_extract::Document,
    page: pdf_extract::ObjectId,
    maps: &mut std::collections::HashMap<pdf_extract::ObjectId, Option<UnicodeMap>>,
) -> Option<pdf_extract::Dictionary> {
    use pdf_extract::Object;
    let shown = shown_codes(&doc.get_page_content(page).ok()?)?;
    let resources = doc.get_dictionary(page).ok()?.get(b"Resources").ok()?;
    let mut resources = as_dict(doc, resources)?.clone();
    let mut fonts = as_dict(doc, resources.get(b"Font").ok()?)?.clone();
    let mut trimmed = Vec::new();
    for (name, font) in fonts.iter() {
        let Some(font) = as_dict(doc, font) else {
            continue;
        };
        let Ok(Object::Reference(cmap_id)) = font.get(b"ToUnicode") else {
            continue;
        };
        if !is_identity_cid_font(doc, font) {
            continue;
        }
        let map = maps
            .entry(*cmap_id)
            .or_insert_with(|| unicode_map(doc, *cmap_id));
        if let Some(map) = map {
            trimmed.push((name.clone(), font.clone(), trimmed_cmap(map, &shown)));
        }
    }
    if trimmed.is_empty() {
        return None;
    }
    for (name, mut font, cmap) in trimmed {
        let cmap = doc.add_object(pdf_extract::Stream::new(
            pdf_extract::Dictionary::new(),
            cmap,
        ));
        font.set("ToUnicode", cmap);
        fonts.set(name, doc.add_object(font));
    }
    resources.set("Font", fonts);
    Some(resources)
}

/// The dictionary `object` is or refers to.
fn as_dict<'a>(
    doc: &'a pdf_extract::Document,
    object: &'a pdf_extract::Object,
) -> Option<&'a pdf_extract::Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// PDF white space, which a hex string may contain between its digits.
const PDF_WHITE_SPACE: &[u8] = b" \t\n\r\0\x0C";

/// The two-byte codes of every hex string in a page's content: a superset of the codes its
/// text shows in a two-byte font. `None` when the page may show text some other way, so that it
/// keeps its fonts whole: a `(` anywhere (a literal string) or a `Do` anywhere (a form or image,
/// whose text `pdf-extract` decodes with the fonts cached under this page's font names).
///
/// A scan of the bytes, not a content parse (which would double the parsing `pdf-extract` does
/// anyway): every `<` is tried as the start of a hex string, so none is missed (in `<<`, the
/// second `<` is tried next), and a span that only looks like one merely adds codes.
fn shown_codes(content: &[u8]) -> Option<std::collections::HashSet<u32>> {
    if content.contains(&b'(') || content.windows(2).any(|w| w == b"Do") {
        return None;
    }
    let mut codes = std::collections::HashSet::new();
    let mut rest = content;
    while let Some(open) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[open + 1..];
        let Some(len) = rest
            .iter()
            .position(|b| !b.is_ascii_hexdigit() && !PDF_WHITE_SPACE.contains(b))
        else {
            break;
        };
        if rest[len] != b'>' {
            continue;
        }
        let nibbles: Vec<u8> = rest[..len]
            .iter()
            .filter_map(|&b| char::from(b).to_digit(16))
            .map(|d| d as u8)
            .collect();
        // An odd last digit is followed by a 0, as in the PDF format (and `lopdf`).
        let bytes: Vec<u8> = nibbles
            .chunks(2)
            .map(|d| (d[0] << 4) | d.get(1).copied().unwrap_or(0))
            .collect();
        codes.extend(
            bytes
                .chunks_exact(2)
                .map(|p| (u32::from(p[0]) << 8) | u32::from(p[1])),
        );
        rest = &rest[len + 1..];
    }
    Some(codes)
}

/// A `Type0` font whose codes are its CIDs, two bytes each (`pdf-extract` reads the codes of
/// other encodings through their own CMap, which the byte pairs of a string may not match).
fn is_identity_cid_font(doc: &pdf_extract::Document, font: &pdf_extract::Dictionary) -> bool {
    let name = |key: &[u8]| {
        font.get(key)
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_name())
            .ok()
    };
    name(b"Subtype") == Some(b"Type0")
        && matches!(name(b"Encoding"), Some(b"Identity-H" | b"Identity-V"))
}

/// The ToUnicode CMap in object `id`, read as `pdf-extract` reads it (decompressed if it can
/// be, with the same parser); `None` if it is not a stream or the parser rejects it.
fn unicode_map(doc: &pdf_extract::Document, id: pdf_extract::ObjectId) -> Option<UnicodeMap> {
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let bytes = match stream.filters() {
        Ok(_) => stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
        Err(_) => stream.content.clone(),
    };
    // The parser panics on input it cannot lex; that font is then left as it is.
    std::panic::catch_unwind(|| adobe_cmap_parser::get_unicode_map(&bytes))
        .ok()?
        .ok()
}

/// Mappings per `beginbfchar` section (the limit the CMap format sets).
const BFCHAR_SECTION: usize = 100;

/// A ToUnicode CMap with the entries of `map` for the codes in `shown`, and those that
/// `pdf-extract` rejects (odd length, broken UTF-16) so that a damaged font still fails as it
/// did. Entries are sorted, so the same input always gives the same stream.
///
/// Codes and values are written as literal strings, `(…)`, not the usual hex strings: the
/// parser reads them 1.4 to 2.4 times as fast (measured), and this CMap is parsed again on
/// every page.
fn trimmed_cmap(map: &UnicodeMap, shown: &std::collections::HashSet<u32>) -> Vec<u8> {
    let mut entries: Vec<(&u32, &Vec<u8>)> = map
        .iter()
        .filter(|(code, value)| shown.contains(code) || !decodes(value))
        .collect();
    entries.sort();
    let mut out = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CMapName /Trimmed-UCS def\n/CMapType 2 def\n\
        1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        .to_vec();
    for section in entries.chunks(BFCHAR_SECTION) {
        out.extend_from_slice(format!("{} beginbfchar\n", section.len()).as_bytes());
        for (code, value) in section {
            // A code is written in as many bytes as it needs, at least two.
            let code = code.to_be_bytes();
            let code = if code[..2] == [0, 0] {
                &code[2..]
            } else {
                &code[..]
            };
            push_literal(&mut out, code);
            out.push(b' ');
            push_literal(&mut out, value);
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Appends `bytes` as a PDF literal string: raw, with `\`, `(` and `)` escaped.
fn push_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        if matches!(b, b'\\' | b'(' | b')') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
}

/// Whether `pdf-extract` accepts a ToUnicode value: whole UTF-16BE code units forming valid
/// UTF-16, or a lone surrogate (which it skips).
fn decodes(value: &[u8]) -> bool {
    let units = value
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    let lone_surrogate = value.len() == 2 && units.clone().all(|u| (0xD800..=0xDFFF).contains(&u));
    value.len().is_multiple_of(2)
        && (lone_surrogate || char::decode_utf16(units).all(|c| c.is_ok()))
}

/// Rewrites every CID font's `W` array into the `first [w w …]` form. `pdf-extract` 0.12 misreads
/// the equally valid `first last w` form (it inserts no width at all), so the glyphs of fonts
/// written that way (typst, many subsetting tools) would all have width 0 and every line would
/// collapse onto its first position.
fn expand_cid_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let mut fonts = Vec::new();
    for (id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        let subtype = dict.get(b"Subtype").and_then(Object::as_name);
        if subtype.is_ok_and(|n| n == b"CIDFontType0" || n == b"CIDFontType2") {
            match dict.get(b"W") {
                Ok(Object::Reference(r)) => fonts.push((*r, false)),
                Ok(Object::Array(_)) => fonts.push((*id, true)),
                _ => {}
            }
        }
    }
    // (the object holding the array, whether that object is the font itself)
    for (id, in_font) in fonts {
        let Ok(obj) = doc.get_object_mut(id) else {
            continue;
        };
        let array = if in_font {
            obj.as_dict_mut()
                .ok()
                .and_then(|d| d.get_mut(b"W").ok())
                .and_then(|w| w.as_array_mut().ok())
        } else {
            obj.as_array_mut().ok()
        };
        if let Some(array) = array {
            *array = expanded_widths(array);
        }
    }
}

/// `W` entries in the `first [widths]` form only.
fn expanded_widths(w: &[pdf_extract::Object]) -> Vec<pdf_extract::Object> {
    use pdf_extract::Object;
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i + 1 < w.len() {
        if let Object::Array(_) = w[i + 1] {
            out.extend_from_slice(&w[i..i + 2]);
            i += 2;
            continue;
        }
        let (Some(width), Ok(first), Ok(last)) = (w.get(i + 2), w[i].as_i64(), w[i + 1].as_i64())
        else {
            break;
        };
        // A CID is at most 16 bits; a longer run is damage, not a font.
        let n = (last - first + 1).clamp(0, 65_536);
        out.push(w[i].clone());
        out.push(Object::Array(vec![width.clone(); n as usize]));
        i += 3;
    }
    out
}

/// One glyph in page space (points, y growing downwards).
#[derive(Debug, Clone)]
struct Glyph {
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    size: f64,
    text: String,
}

/// A vertical ruling: x and its extent.
#[derive(Debug, Clone, Copy)]
struct Rule {
    x: f64,
    top: f64,
    bottom: f64,
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
}

impl Collector {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Records the vertical edges of a path: table cell borders are stroked lines or thin filled
    /// rectangles (Word), or the sides of rectangles.
    fn path(&mut self, ctm: &Transform, path: &Path) {
        let height = self.page().height;
        let to_page = |x: f64, y: f64| {
            let (px, py) = apply(ctm, x, y);
            (px, height - py)
        };
        let mut rules = Vec::new();
        let mut current = None;
        let mut start = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    current = Some(to_page(x, y));
                    start = current;
                }
                PathOp::LineTo(x, y) => {
                    let p = to_page(x, y);
                    if let Some(c) = current {
                        push_vertical(&mut rules, c, p);
                    }
                    current = Some(p);
                }
                PathOp::CurveTo(.., x, y) => current = Some(to_page(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = to_page(x, y);
                    let b = to_page(x + w, y + h);
                    let (left, right) = (a.0.min(b.0), a.0.max(b.0));
                    let (top, bottom) = (a.1.min(b.1), a.1.max(b.1));
                    if right - left < HAIRLINE_PT {
                        push_vertical(
                            &mut rules,
                            ((left + right) / 2.0, top),
                            ((left + right) / 2.0, bottom),
                        );
                    } else if bottom - top >= HAIRLINE_PT {
                        push_vertical(&mut rules, (left, top), (left, bottom));
                        push_vertical(&mut rules, (right, top), (right, bottom));
                    }
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        push_vertical(&mut rules, c, s);
                    }
                    current = start;
                }
            }
        }
        self.page().rules.extend(rules);
    }
}

// Tuning of the layout reconstruction, in points (pt) or in multiples of the type size. The
// values were fitted on real published reports (the 洪泽区 PDFs, typst- and Word-made files).

/// A filled rectangle thinner than this is a ruling (pt).
const HAIRLINE_PT: f64 = 2.0;
/// A segment is vertical if its ends are less than this apart horizontally (pt)…
const RULE_SLANT_PT: f64 = 1.0;
/// …and a ruling if it is longer than this (pt).
const RULE_MIN_PT: f64 = 4.0;
/// How far either side of a gap between glyphs a ruling may stand and still split them (pt).
const RULE_SLACK_PT: f64 = 0.5;
/// A baseline gap of more than this many type sizes is a paragraph break.
const PARAGRAPH_GAP: f64 = 2.2;
/// Two lines are in the same type when their sizes differ by less than this (pt).
const SAME_SIZE_PT: f64 = 0.5;
/// A numbered line up to this many characters (without 。) is a heading, never joined.
const HEADING_CHARS: usize = 30;
/// Where a glyph's middle lies below its baseline, in type sizes (to test rulings across it).
const MID_HEIGHT: f64 = 0.3;
/// Glyphs whose baselines differ by less than this many type sizes are on one line.
const SAME_LINE: f64 = 0.4;
/// The same glyph printed again within this many type sizes is fake bold.
const FAKE_BOLD: f64 = 0.3;
/// A gap wider than this many type sizes starts a new cell…
const CELL_GAP: f64 = 1.2;
/// …and one wider than this is a space inside the cell.
const SPACE_GAP: f64 = 0.2;
/// A line that ends within this many type sizes of the right margin was wrapped there.
const MARGIN_REACH: f64 = 0.6;
/// A line that starts within this many type sizes of the left margin is not indented.
const MARGIN_START: f64 = 0.5;
/// Lines of at least this many glyphs tell where the prose margins are…
const MARGIN_LINE_GLYPHS: usize = 10;
/// …and a margin is where at least this many of them start (or end).
const MARGIN_LINES: usize = 3;

/// Applies a PDF matrix to a point.
fn apply(m: &Transform, x: f64, y: f64) -> (f64, f64) {
    (x * m.m11 + y * m.m21 + m.m31, x * m.m12 + y * m.m22 + m.m32)
}

/// Keeps the segment `a`–`b` if it is vertical and longer than a few points.
fn push_vertical(rules: &mut Vec<Rule>, a: (f64, f64), b: (f64, f64)) {
    if (a.0 - b.0).abs() < RULE_SLANT_PT && (a.1 - b.1).abs() > RULE_MIN_PT {
        rules.push(Rule {
            x: (a.0 + b.0) / 2.0,
            top: a.1.min(b.1),
            bottom: a.1.max(b.1),
        });
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: media_box.ury - media_box.lly,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        if !(size.is_finite() && trm.m31.is_finite() && trm.m32.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let page = self.page();
        let x0 = trm.m31;
        page.glyphs.push(Glyph {
            x0,
            x1: x0 + (width * size).max(0.0),
            y: page.height - trm.m32,
            size,
            text: text.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path);
        Ok(())
    }
}

impl Page {
    /// Writes the page as column-aligned text. Prose wrapped at the right margin is joined
    /// back into its paragraph, also across a page break, so that section text does not break
    /// mid-word at every printed line; page numbers are left out.
    fn write_text(&self, lines: &[Vec<&Glyph>], w: &mut TextWriter, margins: Option<(f64, f64)>) {
        let mut previous: Option<(f64, f64)> = None;
        for line in lines {
            let text = self.cells(line).join("    ");
            if is_page_mark(&text) {
                continue;
            }
            let (y, size) = (line[0].y, line[0].size);
            // A gap of more than two lines is a paragraph break, as in `pdftotext -layout`; so
            // is a new page, unless the paragraph carries on in the same type size.
            let gap = previous.is_none_or(|(py, ps)| y - py > PARAGRAPH_GAP * ps.max(size));
            let carried = w.wrapped.is_some_and(|s| (s - size).abs() < SAME_SIZE_PT);
            let new_page = previous.is_none();
            if carried && (!gap || new_page) && continues(line, &text, margins) {
                if w.out.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && text.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    w.out.push(' ');
                }
            } else if !w.out.is_empty() {
                w.out.push_str(if gap { "\n\n" } else { "\n" });
            }
            w.out.push_str(&text);
            previous = Some((y, size));
            let heading =
                is_numbered(&text) && text.chars().count() <= HEADING_CHARS && !text.contains('。');
            let wrapped = self.is_prose(line)
                && margins.is_some_and(|(_, right)| reaches(line, right))
                && !heading
                && !text.ends_with(['。', '：', ':', '；']);
            w.wrapped = wrapped.then_some(size);
        }
    }

    /// Whether no table ruling crosses the line.
    fn is_prose(&self, line: &[&Glyph]) -> bool {
        let mid = line[0].y - line[0].size * MID_HEIGHT;
        !self.rules.iter().any(|r| r.top <= mid && r.bottom >= mid)
    }

    /// The glyphs grouped into printed lines (by baseline), top to bottom, each left to right.
    fn lines(&self) -> Vec<Vec<&Glyph>> {
        let mut glyphs: Vec<&Glyph> = self
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .collect();
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        let mut lines: Vec<Vec<&Glyph>> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(line) if (g.y - line[0].y).abs() < SAME_LINE * g.size.max(line[0].size) => {
                    line.push(g);
                }
                _ => lines.push(vec![g]),
            }
        }
        for line in &mut lines {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            // Fake bold prints a glyph twice, a fraction of a point apart.
            line.dedup_by(|b, a| a.text == b.text && (a.x0 - b.x0).abs() < FAKE_BOLD * a.size);
        }
        lines
    }

    /// Cuts a line into cells: at a vertical ruling between two glyphs, or at a gap wider than
    /// a character; a narrower gap of more than a fifth of a character is a space.
    fn cells(&self, line: &[&Glyph]) -> Vec<String> {
        let Some(first) = line.first() else {
            return Vec::new();
        };
        let mut cells = vec![first.text.clone()];
        for pair in line.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let gap = b.x0 - a.x1;
            let size = a.size.max(b.size);
            if gap > CELL_GAP * size || self.ruled_between(a, b) {
                cells.push(String::new());
            }
            let cell = cells.last_mut().expect("cells start with one");
            if gap > SPACE_GAP * size && !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&b.text);
        }
        cells
    }

    fn ruled_between(&self, a: &Glyph, b: &Glyph) -> bool {
        let mid = a.y - a.size * MID_HEIGHT;
        let (left, right) = (a.x1.min(b.x0) - RULE_SLACK_PT, b.x0 + RULE_SLACK_PT);
        self.rules
            .iter()
            .any(|r| r.x > left && r.x < right && r.top <= mid && r.bottom >= mid)
    }
}

/// Whether the line ends within a character of the right margin.
fn reaches(line: &[&Glyph], right: f64) -> bool {
    line.last()
        .is_some_and(|g| g.x1 >= right - MARGIN_REACH * g.size)
}

/// Whether `line` carries on the paragraph of a line that reached the right margin: it starts
/// at the left margin (a new paragraph is indented) and is not a numbered heading.
fn continues(line: &[&Glyph], text: &str, margins: Option<(f64, f64)>) -> bool {
    let Some((left, _)) = margins else {
        return false;
    };
    let at_margin = (line[0].x0 - left).abs() < MARGIN_START * line[0].size;
    at_margin && !is_numbered(text)
}

/// “一、…”, “（一）…”, “1.…”, “第…”: the start of a heading or list item.
fn is_numbered(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let after_numerals = t.trim_start_matches(numeral);
    let chinese = after_numerals.len() < t.len() && after_numerals.starts_with(['、', '.', '．']);
    let bracketed = t
        .strip_prefix(['（', '('])
        .is_some_and(|r| r.starts_with(|c: char| numeral(c) || c.is_ascii_digit()));
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let arabic = digits.len() < t.len() && digits.starts_with(['.', '、', '．']);
    chinese || bracketed || arabic || t.starts_with('第')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x0: f64, text: &str) -> Glyph {
        Glyph {
            x0,
            x1: x0 + 10.0,
            y: 100.0,
            size: 10.0,
            text: text.to_owned(),
        }
    }

    #[test]
    fn rulings_and_wide_gaps_cut_cells() {
        let page = Page {
            height: 800.0,
            glyphs: vec![
                glyph(0.0, "规"),
                glyph(10.0, "章"),
                glyph(21.0, "1"),
                glyph(60.0, "2"),
                glyph(73.0, "0"),
            ],
            rules: vec![Rule {
                x: 20.5,
                top: 80.0,
                bottom: 110.0,
            }],
        };
        let lines = page.lines();
        assert_eq!(lines.len(), 1);
        assert_eq!(page.cells(&lines[0]), vec!["规章", "1", "2 0"]);
    }

    #[test]
    fn trimmed_cmaps_read_back_as_the_shown_entries() {
        let map: UnicodeMap = [
            (0x0011, vec![0x00, 0x30]),
            // Bytes that a literal string must escape, and line ends, kept as they are.
            (0x285C, vec![0x00, 0x29]),
            (0x0D0A, vec![0x0A, 0x0D]),
            (0x032C, vec![0x4E, 0x00]),
            (0x0104, vec![0x20, 0x1C]),
            // A ligature, an empty value, a lone surrogate and a code wider than two bytes.
            (0x0200, vec![0x00, 0x66, 0x00, 0x69]),
            (0x0201, vec![]),
            (0x0202, vec![0xD8, 0x00]),
            (0x1_0000, vec![0x00, 0x41]),
            // Broken values: kept whether shown or not, so that the font fails as before.
            (0x0300, vec![0x00]),
            (0x0301, vec![0xD8, 0x00, 0x00, 0x41]),
        ]
        .into_iter()
        .collect();
        let shown = [
            0x285C, 0x0D0A, 0x0011, 0x0104, 0x0200, 0x0201, 0x0202, 0x1_0000, 0x9999,
        ]
        .into_iter()
        .collect();
        let read = adobe_cmap_parser::get_unicode_map(&trimmed_cmap(&map, &shown))
            .expect("the trimmed CMap parses");
        let mut expected = map.clone();
        expected.remove(&0x032C);
        assert_eq!(read, expected);
    }

    #[test]
    fn trimmed_cmaps_change_no_glyph_of_the_samples() {
        let samples =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
        for name in ["hongze-2023.pdf", "hongze-2024.pdf"] {
            let bytes = std::fs::read(samples.join(name)).expect("sample");
            let mut doc = pdf_extract::Document::load_mem(&bytes).expect("loads");
            expand_cid_widths(&mut doc);
            let full = interpret(&doc).expect("reads");
            let objects = doc.objects.len();
            trim_to_unicode(&mut doc);
            assert!(doc.objects.len() > objects, "{name}: no CMap was trimmed");
            let trimmed = interpret(&doc).expect("reads trimmed");
            assert_eq!(format!("{trimmed:?}"), format!("{full:?}"), "{name}");
        }
    }

    #[test]
    fn shown_codes_are_every_hex_strings_byte_pairs() {
        let content = b"BT /F1 12 Tf <0011 0104>Tj [<02 00>-250<0201>]TJ <<</MCID 0>>BDC <9>Tj ET";
        let codes = shown_codes(content).expect("hex strings only");
        let expected = [0x0011, 0x0104, 0x0200, 0x0201].into_iter().collect();
        assert_eq!(codes, expected);
        assert_eq!(shown_codes(b"BT (ab) Tj ET"), None);
        assert_eq!(shown_codes(b"q /Im0 Do Q <0011>Tj"), None);
    }

    #[test]
    fn damaged_pdfs_are_errors_not_panics() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj",
        ] {
            assert!(lines(bytes).is_err());
        }
    }
}
