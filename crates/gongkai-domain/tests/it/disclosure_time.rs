//! 《条例》第二十六条 (publication within 20 working days of 形成或者变更) on the shipped calendar,
//! the late / nearly-late verdicts, the yearly count, and 第十八条 re-assessment dates.

use gongkai_domain::account::Role;
use gongkai_domain::deadline::Mode;
use gongkai_domain::disclosure::{
    Command, Lateness, Openness, ReassessInterval, ReassessOutcome, WithholdGround, lateness,
    publication_due, reassessment_due, tally_timeliness,
};

use crate::calendar::shipped;
use crate::disclosure_workflow::{content, d, draft, filed, open_correction, publish, step};

fn verdict(doc: &gongkai_domain::disclosure::Document, today: &str) -> Option<Lateness> {
    lateness(doc, shipped(), d(today), Mode::Strict)
        .expect("the calendar covers the period")
        .map(|t| t.lateness)
}

#[test]
fn publication_is_due_twenty_working_days_after_formation_across_the_spring_festival() {
    // 2026-02-10 → 11, 12, 13, 14 (调休上班), 春节 15–23 off, 24–27, 28 (调休上班),
    // 3月2–6, 9–13, 16: the 20th working day.
    let due = publication_due(shipped(), d("2026-02-10"), Mode::Strict).unwrap();
    assert_eq!(due.value, d("2026-03-16"));
    assert!(due.provisional.is_none());
}

#[test]
fn a_draft_is_on_time_then_due_soon_then_late() {
    let doc = draft("X/2026-00001", content("通知", d("2026-02-10")));
    assert_eq!(verdict(&doc, "2026-03-02"), Some(Lateness::OnTime));
    // 3月10、11、12、13、16: five working days left.
    assert_eq!(
        verdict(&doc, "2026-03-09"),
        Some(Lateness::DueSoon { days_left: 5 })
    );
    assert_eq!(
        verdict(&doc, "2026-03-16"),
        Some(Lateness::DueSoon { days_left: 0 })
    );
    assert_eq!(
        verdict(&doc, "2026-03-17"),
        Some(Lateness::Late { days: 1 })
    );
}

#[test]
fn a_published_document_is_judged_by_its_publication_date() {
    let doc = draft("X/2026-00001", content("通知", d("2026-02-10")));
    let in_time = publish(&doc, d("2026-03-16"));
    assert_eq!(verdict(&in_time, "2026-06-01"), Some(Lateness::OnTime));
    let late = publish(&doc, d("2026-03-18"));
    let t = lateness(&late, shipped(), d("2026-06-01"), Mode::Strict)
        .unwrap()
        .unwrap();
    assert_eq!(t.lateness, Lateness::Late { days: 2 });
    assert_eq!(
        (t.formed_on, t.due, t.published_on),
        (d("2026-02-10"), d("2026-03-16"), Some(d("2026-03-18")))
    );
}

#[test]
fn a_correction_runs_its_own_clock_from_the_day_it_was_opened() {
    let doc = publish(
        &draft("X/2026-00001", content("通知", d("2026-02-10"))),
        d("2026-03-02"),
    );
    let open = open_correction("数字有误", "更正数字");
    let correcting = step(&doc, d("2026-04-01"), Role::Clerk, open);
    let t = lateness(&correcting, shipped(), d("2026-04-02"), Mode::Strict)
        .unwrap()
        .unwrap();
    assert_eq!(t.formed_on, d("2026-04-01"));
    assert_eq!(t.published_on, None);
}

#[test]
fn the_article_does_not_apply_to_filed_documents_or_drafts_not_meant_for_proactive_disclosure() {
    let mut c = content("内部请示", d("2026-03-02"));
    c.openness = Openness::OnRequest;
    let doc = draft("X/2026-00001", c);
    assert_eq!(verdict(&doc, "2026-06-01"), None);
    assert_eq!(verdict(&filed(Openness::OnRequest), "2026-06-01"), None);
}

#[test]
fn a_deadline_past_the_loaded_calendar_is_provisional_in_provisional_mode_only() {
    let doc = draft("X/2026-00099", content("年末文件", d("2026-12-20")));
    assert!(lateness(&doc, shipped(), d("2026-12-21"), Mode::Strict).is_err());
    let t = lateness(&doc, shipped(), d("2026-12-21"), Mode::Provisional)
        .unwrap()
        .unwrap();
    // 12月21–25, 28–31, 2027年1月1日 (not known as 元旦 without the 2027 circular: 暂定), 4–8, 11–15.
    assert_eq!(t.due, d("2027-01-15"));
    assert!(t.provisional.expect("暂定").missing.contains(&2027));
}

#[test]
fn the_yearly_count_covers_every_version_published_in_the_year() {
    // 2026: A on time (03-16 = due), B late (03-18), B's correction on time. C, formed
    // 2026-12-15, is due 2027-01-12 (暂定) and published 2027-01-04.
    let a = publish(
        &draft("X/2026-00001", content("甲", d("2026-02-10"))),
        d("2026-03-16"),
    );
    let b = publish(
        &draft("X/2026-00002", content("乙", d("2026-02-10"))),
        d("2026-03-18"),
    );
    let open = open_correction("错字", "更正错字");
    let b = publish(
        &step(&b, d("2026-04-01"), Role::Clerk, open),
        d("2026-04-02"),
    );
    let c = publish(
        &draft("X/2026-00003", content("丙", d("2026-12-15"))),
        d("2027-01-04"),
    );
    let docs = [a, b, c];
    let y = tally_timeliness(&docs, shipped(), 2026, Mode::Strict).unwrap();
    assert_eq!((y.published, y.late), (3, 1));
    let y = tally_timeliness(&docs, shipped(), 2027, Mode::Provisional).unwrap();
    assert_eq!((y.published, y.late), (1, 0));
}

#[test]
fn a_withheld_record_is_due_for_reassessment_one_interval_after_the_last_assessment() {
    let filed = filed(Openness::Withheld(WithholdGround::InternalAffairs));
    assert_eq!(
        reassessment_due(&filed, ReassessInterval::default()),
        Some(d("2027-03-04"))
    );
    let six = ReassessInterval::months(6).unwrap();
    assert_eq!(reassessment_due(&filed, six), Some(d("2026-09-04")));
    let keep = Command::Reassess {
        basis: "仍属内部事务".into(),
        outcome: ReassessOutcome::Keep,
    };
    let kept = step(&filed, d("2027-02-20"), Role::Reviewer, keep);
    assert_eq!(
        reassessment_due(&kept, ReassessInterval::default()),
        Some(d("2028-02-20"))
    );
    assert_eq!(
        ReassessInterval::months(0).unwrap_err().to_string(),
        "不予公开信息的评估周期应为1至60个月，设定为0个月"
    );
    let published = publish(
        &draft("X/2026-00002", content("通知", d("2026-03-02"))),
        d("2026-03-03"),
    );
    assert_eq!(
        reassessment_due(&published, ReassessInterval::default()),
        None
    );
}
