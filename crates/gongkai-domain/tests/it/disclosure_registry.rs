//! The registry's vocabulary: 索引号 patterns and numbers (REGULATION.md §5.3), the shipped and
//! edited classification trees, and the 第二十条 / 第二十一条 items as old systems write them.

use gongkai_domain::agency::{AgencyCode, AgencyLevel};
use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::{
    Art20Item, Art21Item, Art21Scope, Category, CategoryCode, Classification, ClassificationError,
    IndexNo, IndexNoError, IndexNoPattern, IndexParts, Scheme, StatutoryItem,
};

fn code(s: &str) -> AgencyCode {
    AgencyCode::parse(s).expect("a valid agency code")
}

fn cat(s: &str) -> CategoryCode {
    CategoryCode::parse(s).expect("a valid category code")
}

#[test]
fn patterns_print_and_read_back_the_styles_seen_on_government_sites() {
    let cases = [
        (
            "{机构代码}/{年份}-{五位流水号}",
            "000014349",
            2018,
            1,
            222,
            "000014349/2018-00222",
        ),
        (
            "{机构代码}/{年份}{月份}-{流水号:5}",
            "11341702486344515H",
            2021,
            10,
            13,
            "11341702486344515H/202110-00013",
        ),
        (
            "{机构代码}-{年份}-{流水号}",
            "01527918X",
            2020,
            5,
            153_077,
            "01527918X-2020-153077",
        ),
        (
            "YZ-{年份}-{三位流水号}",
            "737407952",
            2026,
            1,
            1234,
            "YZ-2026-1234",
        ),
    ];
    for (pattern, agency, year, month, serial, expected) in cases {
        let p = IndexNoPattern::parse(pattern).unwrap();
        let i = p.format(&code(agency), year, month, serial).unwrap();
        assert_eq!(i.as_str(), expected, "{pattern}");
        let month = p.has_month().then_some(month);
        let parts = IndexParts {
            year,
            month,
            serial,
        };
        assert_eq!(p.read(&code(agency), &i), Some(parts), "{pattern}");
    }
}

#[test]
fn a_number_from_another_pattern_or_agency_is_not_read_as_ours() {
    let p = IndexNoPattern::default();
    let ours = code("737407952");
    for other in [
        "000014349/2018-00222",
        "737407952-2018-00222",
        "737407952/2018-",
        "737407952/2018-00000",
        "737407952/18-00001",
    ] {
        assert_eq!(
            p.read(&ours, &IndexNo::parse(other).unwrap()),
            None,
            "{other}"
        );
    }
    let month = IndexNoPattern::parse("{机构代码}/{年份}{月份}-{流水号}").unwrap();
    assert_eq!(
        month.read(&ours, &IndexNo::parse("737407952/202113-7").unwrap()),
        None
    );
}

#[test]
fn bad_patterns_are_refused_with_the_reason() {
    let msg = |p: &str| IndexNoPattern::parse(p).unwrap_err().to_string();
    assert_eq!(msg(" "), "索引号格式不能为空");
    assert_eq!(
        msg("{机构代码}/{流水号}"),
        "索引号格式须包含且只包含一个{年份}"
    );
    assert_eq!(
        msg("{年份}-{流水号}-{流水号}"),
        "索引号格式须包含且只包含一个{流水号}"
    );
    assert_eq!(
        msg("{年份}{月份}{月份}-{流水号}"),
        "索引号格式须至多包含一个{机构代码}和一个{月份}"
    );
    assert_eq!(
        msg("{流水号}{年份}"),
        "索引号格式中流水号之后须有分隔符（如“-”），不能紧接年份或月份"
    );
    assert_eq!(
        msg("{年份}-{流水号:12}"),
        "索引号格式“{流水号:12}”中的流水号位数应为1至9"
    );
    assert!(msg("{年份}-{序号}").starts_with("索引号格式中有未知的占位符“{序号}”"));
    assert_eq!(
        msg("{年份-{流水号}"),
        "索引号格式“{年份-{流水号}”中的花括号不成对"
    );
    assert_eq!(
        msg("{年份} {流水号}"),
        "索引号格式中的文字“ ”不能包含空格或控制字符，且不超过24个字符"
    );
}

#[test]
fn a_pattern_is_stored_as_its_text_and_checked_when_read() {
    let p = IndexNoPattern::parse("{机构代码}/{年份}-{流水号:5}").unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, "\"{机构代码}/{年份}-{流水号:5}\"");
    assert_eq!(serde_json::from_str::<IndexNoPattern>(&json).unwrap(), p);
    assert!(serde_json::from_str::<IndexNoPattern>("\"{流水号}\"").is_err());
}

#[test]
fn formatting_refuses_impossible_values() {
    let p = IndexNoPattern::default();
    let c = code("737407952");
    assert_eq!(p.format(&c, 2026, 1, 0), Err(IndexNoError::SerialZero));
    assert_eq!(p.format(&c, 2026, 13, 1), Err(IndexNoError::Month(13)));
    assert_eq!(p.format(&c, 99, 1, 1), Err(IndexNoError::Year(99)));
    assert_eq!(
        p.format(&c, 2026, 1, 123_456).unwrap().as_str(),
        "737407952/2026-123456"
    );
}

#[test]
fn existing_numbers_fold_full_width_and_refuse_spaces() {
    assert_eq!(
        IndexNo::parse(" ７３７４０７９５２／２０２１－００００１ ")
            .unwrap()
            .as_str(),
        "737407952/2021-00001"
    );
    assert_eq!(
        IndexNo::parse("").unwrap_err().to_string(),
        "索引号不能为空"
    );
    assert!(IndexNo::parse("737407952 2021").is_err());
    assert_eq!(IndexNo::parse(&"1".repeat(81)), Err(IndexNoError::TooLong));
    let json = serde_json::to_string(&IndexNo::parse("A/2021-1").unwrap()).unwrap();
    assert_eq!(json, "\"A/2021-1\"");
    assert!(serde_json::from_str::<IndexNo>("\"a b\"").is_err());
}

#[test]
fn the_shipped_trees_load_and_print_gov_cn_paths() {
    let topics = Classification::shipped(Scheme::Topic);
    assert_eq!(topics.children(None).count(), 22);
    assert_eq!(
        topics.path(&cat("02.02")).as_deref(),
        Some("综合政务\\政务公开")
    );
    assert_eq!(
        topics.resolve("综合政务/政务公开").map(|c| c.code.as_str()),
        Some("02.02")
    );
    assert_eq!(
        topics.resolve("政务公开").map(|c| c.code.as_str()),
        Some("02.02")
    );
    let code_of = |t: &Classification, s: &str| t.resolve(s).map(|c| c.code.as_str().to_owned());
    assert_eq!(code_of(&topics, "综合政务\\其他").as_deref(), Some("02.99"));
    assert_eq!(
        code_of(&topics, "其他").as_deref(),
        Some("22"),
        "a one-name path: the top level"
    );
    let named = |code: &str, name: &str| Category {
        code: cat(code),
        name: name.to_owned(),
    };
    let parts = vec![
        named("01", "甲"),
        named("02", "乙"),
        named("01.01", "统计"),
        named("02.01", "统计"),
    ];
    let tree = Classification::new(Scheme::Topic, parts).unwrap();
    assert_eq!(
        code_of(&tree, "统计"),
        None,
        "a name under two subjects is ambiguous"
    );
    assert_eq!(code_of(&tree, "甲/统计").as_deref(), Some("01.01"));
    let genres = Classification::shipped(Scheme::Genre);
    let names: Vec<&str> = genres
        .categories()
        .iter()
        .take(15)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names.join("、"),
        "决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要"
    );
    assert_eq!(
        Classification::load_toml(Scheme::Genre, &genres.to_toml()).unwrap(),
        genres
    );
}

#[test]
fn an_agency_edits_its_tree_without_breaking_it() {
    let topics = Classification::shipped(Scheme::Topic);
    let (t, added) = topics.add(Some(&cat("02")), "网站建设").unwrap();
    assert_eq!(
        added.as_str(),
        "02.100",
        "one above the last sibling, 02.99"
    );
    let t = t.rename(&added, "政府网站").unwrap();
    assert_eq!(t.path(&added).as_deref(), Some("综合政务\\政府网站"));
    assert_eq!(
        t.add(Some(&cat("02")), "政府网站").unwrap_err(),
        ClassificationError::DuplicateName("政府网站".into())
    );
    assert_eq!(
        t.remove(&cat("02")).unwrap_err().to_string(),
        "分类“综合政务”下还有下级分类，须先删除下级分类"
    );
    let t = t.remove(&added).unwrap();
    assert_eq!(t, topics);
    assert!(Classification::load_toml(Scheme::Topic, "[topic]\n\"01.01\" = \"孤儿\"").is_err());
    assert!(CategoryCode::parse("01..02").is_err());
    let json = serde_json::to_string(&topics).unwrap();
    assert_eq!(
        serde_json::from_str::<Classification>(&json).unwrap(),
        topics
    );
    let orphan = json.replace("\"code\":\"02\",", "\"code\":\"98\",");
    assert!(
        serde_json::from_str::<Classification>(&orphan).is_err(),
        "02.01 lost its parent"
    );
}

#[test]
fn statutory_items_are_read_in_every_usual_spelling() {
    let one = Some(StatutoryItem::Art20(Art20Item::Rules));
    for s in [
        "art20_1",
        "第二十条第（一）项",
        "第二十条第(一)项",
        "第二十条第一项",
        "（一）",
        "20-1",
        "（一）行政法规、规章和规范性文件",
    ] {
        assert_eq!(StatutoryItem::parse(s), one, "{s}");
    }
    assert_eq!(
        StatutoryItem::parse("第二十条第（十四）项"),
        Some(StatutoryItem::Art20(Art20Item::CivilService))
    );
    let land = Some(StatutoryItem::Art21(Art21Item::LandExpropriation));
    for s in [
        "土地征收",
        "第二十一条（土地征收）",
        "art21_land_expropriation",
    ] {
        assert_eq!(StatutoryItem::parse(s), land, "{s}");
    }
    assert_eq!(StatutoryItem::parse("第二十条第（十六）项"), None);
    assert_eq!(
        StatutoryItem::Art21(Art21Item::Homesteads).caption(),
        "第二十一条（宅基地使用情况审核）"
    );
    assert_eq!(Art20Item::all().count(), 15);
}

#[test]
fn article_21_applies_to_city_county_and_township_governments_only() {
    use AgencyLevel as L;
    assert_eq!(
        Art21Scope::of(L::County, Some(L::City)),
        Some(Art21Scope::CityCounty)
    );
    assert_eq!(
        Art21Scope::of(L::Department, Some(L::County)),
        Some(Art21Scope::CityCounty)
    );
    assert_eq!(Art21Scope::of(L::Department, Some(L::Province)), None);
    assert_eq!(Art21Scope::of(L::Province, None), None);
    assert_eq!(
        Art21Scope::of(L::Township, Some(L::County)),
        Some(Art21Scope::Township)
    );
    assert_eq!(Art21Scope::CityCounty.items().len(), 7);
    assert!(
        Art21Scope::Township
            .items()
            .contains(&Art21Item::FundsAndLabour)
    );
    assert!(
        !Art21Scope::CityCounty
            .items()
            .contains(&Art21Item::Homesteads)
    );
}
