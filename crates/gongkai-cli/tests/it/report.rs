//! `gongkai report check | render` on the shipped example and on broken input.

use crate::{gongkai, text};

#[test]
fn check_passes_the_yuanzhou_example_with_exit_0() {
    let out = gongkai(&["report", "check", "examples/yuanzhou-2020.json"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("袁州区2020年政府信息公开工作年度报告") && stdout.contains("通过"),
        "{stdout}"
    );
}

#[test]
fn check_exits_1_and_names_the_broken_column_when_a_sum_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let text_in =
        std::fs::read_to_string(crate::repo_root().join("examples/yuanzhou-2020.json")).unwrap();
    let broken = text_in.replacen(
        "\"carried_forward\": [\n      0,",
        "\"carried_forward\": [\n      3,",
        1,
    );
    assert_ne!(
        broken, text_in,
        "the example's layout changed; adjust the edit"
    );
    let path = dir.path().join("broken.json");
    std::fs::write(&path, broken).unwrap();
    let out = gongkai(&["report", "check", path.to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("T3-01") && stdout.contains("第一列（自然人）"),
        "{stdout}"
    );
}

#[test]
fn malformed_json_exits_2_with_a_chinese_message_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let json = r#"{"schema":"gongkai.annual-report/1","format":"2021","year":2021,"table3":{"new_received":[1,2]}}"#;
    std::fs::write(&path, json).unwrap();
    let out = gongkai(&["report", "check", path.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("字段 table3.new_received：应有 7 个单元格，实际有 2 个"),
        "{stderr}"
    );
}

#[test]
fn render_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let magic: [(&str, &[u8]); 5] = [
        ("html", b"<!DOCTYPE html"),
        ("md", "# 袁州区".as_bytes()),
        ("docx", b"PK"),
        ("xlsx", b"PK"),
        ("pdf", b"%PDF"),
    ];
    for (to, head) in magic {
        let path = dir.path().join(format!("out.{to}"));
        let out = gongkai(&[
            "report",
            "render",
            "examples/yuanzhou-2020.json",
            "--to",
            to,
            "-o",
            path.to_str().unwrap(),
        ]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(0), "{to}: {stderr}");
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(head),
            "{to} starts with {:?}",
            &bytes[..bytes.len().min(16)]
        );
    }
}

#[test]
fn render_refuses_an_unknown_format_with_exit_2() {
    let out = gongkai(&[
        "report",
        "render",
        "examples/yuanzhou-2020.json",
        "--to",
        "odt",
        "-o",
        "/dev/null",
    ]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("odt"), "{stderr}");
}
