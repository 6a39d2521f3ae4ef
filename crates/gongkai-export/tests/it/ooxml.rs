//! Reading OOXML packages back: unzip, and a tiny element tree over quick-xml (names keep their
//! prefix, e.g. `w:tc`; entity references are resolved — quick-xml 0.42 reports them as separate
//! events, `DEPENDENCIES.md` §3.6).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Every part of the package, by name, as text.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            out.insert(file.name().unwrap().into_owned(), text);
        }
    }
    out
}

/// An element with its attributes and children.
#[derive(Debug, Default, Clone)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<Node>,
}

/// A child: an element or text.
#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }

    /// Direct child elements named `name`.
    pub fn kids(&self, name: &str) -> Vec<&El> {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::El(e) if e.name == name => Some(e),
                _ => None,
            })
            .collect()
    }

    /// All descendant elements named `name`, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        for n in &self.children {
            if let Node::El(e) = n {
                if e.name == name {
                    out.push(e);
                }
                out.extend(e.all(name));
            }
        }
        out
    }

    /// The first descendant named `name`.
    pub fn first(&self, name: &str) -> Option<&El> {
        self.all(name).into_iter().next()
    }

    /// All text below this element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .map(|n| match n {
                Node::El(e) => e.text(),
                Node::Text(t) => t.clone(),
            })
            .collect()
    }
}

fn element(start: &BytesStart<'_>) -> El {
    let attrs = start
        .attributes()
        .map(|a| {
            let a = a.unwrap();
            (
                a.key.as_ref().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned(),
            )
        })
        .collect();
    El {
        name: start.name().as_ref().to_owned(),
        attrs,
        children: Vec::new(),
    }
}

fn push(stack: &mut [El], node: Node) {
    stack.last_mut().unwrap().children.push(node);
}

/// Parses `xml` into a tree under a synthetic root.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().unwrap() {
            Event::Start(s) => stack.push(element(&s)),
            Event::Empty(s) => push(&mut stack, Node::El(element(&s))),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                push(&mut stack, Node::El(done));
            }
            Event::Text(t) => push(&mut stack, Node::Text(t.html_content().into_owned())),
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("entity {other}"),
                    },
                };
                push(&mut stack, Node::Text(ch.to_string()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap()
}
