//! `gongkai documents import`: moving documents in from an old system. A table with problems
//! imports nothing and lists every problem by row and field; a dry run imports nothing; the
//! real run registers drafts with their files (text extracted for search); a second run skips
//! them all; the audit log still verifies.

use crate::server::{ADMIN_PASSWORD, audit_verify};
use gongkai_storage::testing::query_i64_at;
use std::path::Path;

const KEY: &str = "7b1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff04";

fn gongkai(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .args(["--data", data.to_str().unwrap()])
        .env("GONGKAI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("GONGKAI_AUDIT_KEY", KEY)
        .env("GONGKAI_TODAY", "2026-12-01")
        .output()
        .unwrap()
}

const HEADER: &str = "索引号,文号,名称,发文机关,生成日期,公开日期,主题,附件名称,正文";

fn import(data: &Path, table: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec![
        "documents",
        "import",
        table.to_str().unwrap(),
        "--agency",
        "JYJ",
        "--by",
        "jyj_clerk",
    ];
    args.extend_from_slice(extra);
    let out = gongkai(data, &args);
    let (stdout, stderr) = crate::text(&out);
    (out.status.code(), format!("{stdout}{stderr}"))
}

#[tokio::test]
async fn a_table_with_problems_imports_nothing_and_a_clean_one_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = gongkai(&data, &["demo"]);
    assert!(out.status.success(), "{:?}", crate::text(&out));
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let pdf = crate::repo_root().join("../shared/samples/hongze-2024.pdf");
    std::fs::copy(&pdf, files.join("年报.pdf")).unwrap();
    std::fs::write(files.join("伪装.pdf"), b"MZ\x90\x00 not a pdf").unwrap();
    let table = dir.path().join("目录.csv");

    // Row 3: a date that does not exist; row 4: a renamed file; row 5 repeats row 2.
    let bad = format!(
        "{HEADER}\n\
         JYJ-2019-00007,教体发〔2019〕3号,关于做好秋季开学工作的通知,某某区教育体育局,2019-08-20,2019-08-21,,年报.pdf,\n\
         ,,关于公布收费标准的公告,某某区教育体育局,2019-13-01,,,,见附件\n\
         ,,关于招生的通知,某某区教育体育局,2020-04-01,2020-04-02,,伪装.pdf,\n\
         JYJ-2019-00007,教体发〔2019〕3号,关于做好秋季开学工作的通知,某某区教育体育局,2019-08-20,2019-08-21,,年报.pdf,\n"
    );
    std::fs::write(&table, &bad).unwrap();
    let url = format!("sqlite://{}/gongkai.db?mode=ro", data.display());
    let documents = || query_i64_at(&url, "SELECT COUNT(*) FROM documents");
    let texts = || {
        let sql = "SELECT COUNT(*) FROM document_files WHERE text LIKE '%政府信息公开%'";
        query_i64_at(&url, sql)
    };
    // The demo has documents of its own.
    let (before, texts_before) = (documents().await, texts().await);
    let (code, text) = import(&data, &table, &["--files", files.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("第3行【成文日期】"), "{text}");
    assert!(text.contains("第4行【附件】附件“伪装.pdf”"), "{text}");
    assert!(
        text.contains("第5行") && text.contains("与第2行是同一文件"),
        "{text}"
    );
    assert!(text.contains("未导入任何文件"), "{text}");
    assert_eq!(documents().await, before);

    // Fixed: a dry run says what would happen and imports nothing.
    let good = format!(
        "{HEADER}\n\
         JYJ-2019-00007,教体发〔2019〕3号,关于做好秋季开学工作的通知,某某区教育体育局,2019-08-20,2019-08-21,,年报.pdf,\n\
         ,,关于公布收费标准的公告,某某区教育体育局,2019-12-01,,,,见附件\n"
    );
    std::fs::write(&table, &good).unwrap();
    let files_arg = files.to_str().unwrap();
    let (code, text) = import(&data, &table, &["--files", files_arg, "--dry-run"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("2 行可导入"), "{text}");
    assert_eq!(documents().await, before);

    let (code, text) = import(&data, &table, &["--files", files_arg]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("已导入 2 份"), "{text}");
    assert_eq!(documents().await, before + 2);
    // The row with its own 索引号 keeps it; the other gets the agency's next number.
    let kept = query_i64_at(
        &url,
        "SELECT COUNT(*) FROM documents WHERE index_no = 'JYJ-2019-00007'",
    );
    assert_eq!(kept.await, 1);
    let numbered = query_i64_at(
        &url,
        "SELECT COUNT(*) FROM documents WHERE index_no = 'JYJ/2019-00001'",
    );
    assert_eq!(numbered.await, 1);
    // Drafts: nothing public until reviewed and approved.
    let public = query_i64_at(
        &url,
        "SELECT COUNT(*) FROM documents WHERE public AND index_no IN ('JYJ-2019-00007', 'JYJ/2019-00001')",
    );
    assert_eq!(public.await, 0);
    // The PDF's text was taken out for search.
    assert_eq!(texts().await, texts_before + 1);

    // Again: everything is known, nothing is added.
    let (code, text) = import(&data, &table, &["--files", files_arg]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("2 行此前已导入"), "{text}");
    assert_eq!(documents().await, before + 2);

    let verify = audit_verify(&data, None, &[("GONGKAI_AUDIT_KEY", KEY)]);
    assert_eq!(verify.0, 0, "{verify:?}");
}

#[test]
fn an_unknown_clerk_or_agency_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = gongkai(&data, &["demo"]);
    assert!(out.status.success());
    let table = dir.path().join("t.csv");
    std::fs::write(&table, format!("{HEADER}\n")).unwrap();
    let (code, text) = import(&data, &table, &[]);
    assert_eq!(code, Some(0), "{text}");
    let mut args = vec!["documents", "import", table.to_str().unwrap()];
    args.extend(["--agency", "JYJ", "--by", "head"]);
    let out = gongkai(&data, &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::text(&out).1.contains("没有账号 head")
            || crate::text(&out).1.contains("不是在用的经办人")
    );
    let table2 = dir.path().join("t2.csv");
    std::fs::write(&table2, "文号,备注\n1,2\n").unwrap();
    let (code, text) = import(&data, &table2, &[]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("缺少“标题”列"), "{text}");
}
