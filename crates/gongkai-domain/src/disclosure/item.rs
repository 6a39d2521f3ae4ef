//! The statutory list of proactively disclosed information (REGULATION.md §3.2): the fifteen items
//! of 《条例》第二十条, which every agency discloses, and the topics 第二十一条 adds for 设区的市级、
//! 县级人民政府及其部门 and for 乡（镇）人民政府. The 专栏's 法定主动公开内容 is arranged by them.

use serde::{Deserialize, Serialize};

use super::index_no::half_width;
use crate::agency::AgencyLevel;
use crate::choice::Choice;

/// An item of 《条例》第二十条 (一)–(十五), with its statutory wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Art20Item {
    /// （一）行政法规、规章和规范性文件.
    Rules,
    /// （二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名.
    Organisation,
    /// （三）国民经济和社会发展规划、专项规划、区域规划及相关政策.
    Plans,
    /// （四）国民经济和社会发展统计信息.
    Statistics,
    /// （五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果.
    Licensing,
    /// （六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定.
    Enforcement,
    /// （七）财政预算、决算信息.
    Budget,
    /// （八）行政事业性收费项目及其依据、标准.
    Fees,
    /// （九）政府集中采购项目的目录、标准及实施情况.
    Procurement,
    /// （十）重大建设项目的批准和实施情况.
    MajorProjects,
    /// （十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况.
    Welfare,
    /// （十二）突发公共事件的应急预案、预警信息及应对情况.
    Emergencies,
    /// （十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况.
    Inspections,
    /// （十四）公务员招考的职位、名额、报考条件等事项以及录用结果.
    CivilService,
    /// （十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息.
    Other,
}

impl Choice for Art20Item {
    const TABLE: &'static [(Art20Item, &'static str, &'static str)] = &[
        (
            Art20Item::Rules,
            "art20_1",
            "（一）行政法规、规章和规范性文件",
        ),
        (
            Art20Item::Organisation,
            "art20_2",
            "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
        ),
        (
            Art20Item::Plans,
            "art20_3",
            "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策",
        ),
        (
            Art20Item::Statistics,
            "art20_4",
            "（四）国民经济和社会发展统计信息",
        ),
        (
            Art20Item::Licensing,
            "art20_5",
            "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        ),
        (
            Art20Item::Enforcement,
            "art20_6",
            "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        ),
        (Art20Item::Budget, "art20_7", "（七）财政预算、决算信息"),
        (
            Art20Item::Fees,
            "art20_8",
            "（八）行政事业性收费项目及其依据、标准",
        ),
        (
            Art20Item::Procurement,
            "art20_9",
            "（九）政府集中采购项目的目录、标准及实施情况",
        ),
        (
            Art20Item::MajorProjects,
            "art20_10",
            "（十）重大建设项目的批准和实施情况",
        ),
        (
            Art20Item::Welfare,
            "art20_11",
            "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        ),
        (
            Art20Item::Emergencies,
            "art20_12",
            "（十二）突发公共事件的应急预案、预警信息及应对情况",
        ),
        (
            Art20Item::Inspections,
            "art20_13",
            "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
        ),
        (
            Art20Item::CivilService,
            "art20_14",
            "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果",
        ),
        (
            Art20Item::Other,
            "art20_15",
            "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
        ),
    ];
}

/// Chinese numerals 1–15 as the 条例 writes item numbers.
const NUMERALS: [&str; 15] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五",
];

impl Art20Item {
    /// The item's number, 1–15.
    pub fn number(self) -> u32 {
        Self::TABLE
            .iter()
            .position(|e| e.0 == self)
            .map_or(0, |i| i as u32 + 1)
    }

    /// The item numbered `n` (1–15).
    pub fn from_number(n: u32) -> Option<Art20Item> {
        let i = usize::try_from(n).ok()?.checked_sub(1)?;
        Self::TABLE.get(i).map(|e| e.0)
    }

    /// The caption as table 二 and the 专栏 print it: “第二十条第（一）项”.
    pub fn caption(self) -> String {
        format!("第二十条第（{}）项", NUMERALS[self.number() as usize - 1])
    }
}

/// A topic 《条例》第二十一条 adds to the list for local governments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Art21Item {
    /// 市政建设 (市、县).
    MunicipalConstruction,
    /// 公共服务 (市、县).
    PublicServices,
    /// 公益事业 (市、县).
    PublicWelfare,
    /// 治安管理 (市、县).
    PublicOrder,
    /// 贯彻落实农业农村政策 (乡镇).
    RuralPolicy,
    /// 农田水利工程建设运营 (乡镇).
    Irrigation,
    /// 农村土地承包经营权流转 (乡镇).
    LandContracts,
    /// 宅基地使用情况审核 (乡镇).
    Homesteads,
    /// 筹资筹劳 (乡镇).
    FundsAndLabour,
    /// 土地征收 (both).
    LandExpropriation,
    /// 房屋征收 (both).
    HousingExpropriation,
    /// 社会救助 (both).
    SocialAssistance,
}

impl Choice for Art21Item {
    const TABLE: &'static [(Art21Item, &'static str, &'static str)] = &[
        (
            Art21Item::MunicipalConstruction,
            "art21_municipal_construction",
            "市政建设",
        ),
        (
            Art21Item::PublicServices,
            "art21_public_services",
            "公共服务",
        ),
        (Art21Item::PublicWelfare, "art21_public_welfare", "公益事业"),
        (Art21Item::PublicOrder, "art21_public_order", "治安管理"),
        (
            Art21Item::RuralPolicy,
            "art21_rural_policy",
            "贯彻落实农业农村政策",
        ),
        (
            Art21Item::Irrigation,
            "art21_irrigation",
            "农田水利工程建设运营",
        ),
        (
            Art21Item::LandContracts,
            "art21_land_contracts",
            "农村土地承包经营权流转",
        ),
        (
            Art21Item::Homesteads,
            "art21_homesteads",
            "宅基地使用情况审核",
        ),
        (
            Art21Item::FundsAndLabour,
            "art21_funds_and_labour",
            "筹资筹劳",
        ),
        (
            Art21Item::LandExpropriation,
            "art21_land_expropriation",
            "土地征收",
        ),
        (
            Art21Item::HousingExpropriation,
            "art21_housing_expropriation",
            "房屋征收",
        ),
        (
            Art21Item::SocialAssistance,
            "art21_social_assistance",
            "社会救助",
        ),
    ];
}

/// Which half of 第二十一条 applies to an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Art21Scope {
    /// 设区的市级、县级人民政府及其部门.
    CityCounty,
    /// 乡（镇）人民政府 (the platform's 乡镇（街道） level).
    Township,
}

impl Art21Scope {
    /// The scope of an agency at `level` whose parent is at `parent` (a department counts
    /// under a city or county government only); `None` when 第二十一条 does not apply.
    pub fn of(level: AgencyLevel, parent: Option<AgencyLevel>) -> Option<Art21Scope> {
        use AgencyLevel as L;
        match (level, parent) {
            (L::City | L::County, _) => Some(Art21Scope::CityCounty),
            (L::Department, Some(L::City | L::County)) => Some(Art21Scope::CityCounty),
            (L::Township, _) => Some(Art21Scope::Township),
            _ => None,
        }
    }

    /// The topics in the order the article lists them.
    pub fn items(self) -> &'static [Art21Item] {
        use Art21Item as I;
        match self {
            Art21Scope::CityCounty => &[
                I::MunicipalConstruction,
                I::PublicServices,
                I::PublicWelfare,
                I::LandExpropriation,
                I::HousingExpropriation,
                I::PublicOrder,
                I::SocialAssistance,
            ],
            Art21Scope::Township => &[
                I::RuralPolicy,
                I::Irrigation,
                I::LandContracts,
                I::Homesteads,
                I::LandExpropriation,
                I::HousingExpropriation,
                I::FundsAndLabour,
                I::SocialAssistance,
            ],
        }
    }

    /// The article's wording for this scope.
    pub fn wording(self) -> &'static str {
        match self {
            Art21Scope::CityCounty => {
                "设区的市级、县级人民政府及其部门还应当根据本地方的具体情况，主动公开涉及市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面的政府信息"
            }
            Art21Scope::Township => {
                "乡（镇）人民政府还应当根据本地方的具体情况，主动公开贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助等方面的政府信息"
            }
        }
    }
}

/// The statutory item a document falls under: an item of 第二十条 or a topic of 第二十一条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "article", content = "item")]
pub enum StatutoryItem {
    /// 《条例》第二十条.
    Art20(Art20Item),
    /// 《条例》第二十一条.
    Art21(Art21Item),
}

impl StatutoryItem {
    /// The stable identifier (`art20_1`, `art21_land_expropriation`).
    pub fn id(self) -> &'static str {
        match self {
            StatutoryItem::Art20(i) => i.id(),
            StatutoryItem::Art21(i) => i.id(),
        }
    }

    /// The statutory wording (第二十条) or topic (第二十一条).
    pub fn label(self) -> &'static str {
        match self {
            StatutoryItem::Art20(i) => i.label(),
            StatutoryItem::Art21(i) => i.label(),
        }
    }

    /// “第二十条第（一）项” or “第二十一条（土地征收）”.
    pub fn caption(self) -> String {
        match self {
            StatutoryItem::Art20(i) => i.caption(),
            StatutoryItem::Art21(i) => format!("第二十一条（{}）", i.label()),
        }
    }

    /// Reads an item as typed or as an old system exported it: the id, the wording, the caption
    /// (“第二十条第（一）项”, “第二十条第一项”, “20-1”, “（一）”), or for 第二十一条 a topic with or
    /// without the article (“第二十一条土地征收”).
    pub fn parse(s: &str) -> Option<StatutoryItem> {
        let s: String = s
            .trim()
            .chars()
            .map(|c| match half_width(c) {
                '(' => '（',
                ')' => '）',
                other => other,
            })
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some(i) = Art20Item::parse(&s) {
            return Some(StatutoryItem::Art20(i));
        }
        if let Some(i) = Art21Item::parse(&s) {
            return Some(StatutoryItem::Art21(i));
        }
        let strip = |s: &str, heads: &[&str]| {
            heads
                .iter()
                .find_map(|h| s.strip_prefix(h).map(str::to_owned))
        };
        if let Some(rest) = strip(&s, &["第二十一条", "二十一条", "21."]) {
            let rest = rest.trim_matches(|c| "（）：:-、".contains(c));
            return Art21Item::parse(rest).map(StatutoryItem::Art21);
        }
        let rest = strip(&s, &["第二十条", "二十条", "20.", "20-"]).unwrap_or(s);
        art20_number(&rest)
            .and_then(Art20Item::from_number)
            .map(StatutoryItem::Art20)
    }
}

/// The number in “第（一）项”, “第一项”, “(一)”, “一”, “1”.
fn art20_number(s: &str) -> Option<u32> {
    let core = s
        .trim_start_matches('第')
        .trim_end_matches('项')
        .trim_matches(|c| c == '（' || c == '）');
    if let Ok(n) = core.parse::<u32>() {
        return Some(n);
    }
    NUMERALS
        .iter()
        .position(|n| *n == core)
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_and_captions_follow_the_article() {
        assert_eq!(Art20Item::Rules.number(), 1);
        assert_eq!(Art20Item::Other.number(), 15);
        assert_eq!(Art20Item::from_number(11), Some(Art20Item::Welfare));
        assert_eq!(Art20Item::from_number(16), None);
        assert_eq!(Art20Item::Fees.caption(), "第二十条第（八）项");
        assert_eq!(Art20Item::CivilService.caption(), "第二十条第（十四）项");
    }
}
