//! Why a step of a case is refused: one variant per rule, each with a specific Chinese message.

use chrono::NaiveDate;

use crate::calendar::CalendarError;
use crate::deadline::DeadlineError;

/// A refused transition of an application case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The step is not possible in the case's current status.
    #[error("申请当前状态为“{status}”，不能{action}")]
    WrongStatus {
        /// The step.
        action: &'static str,
        /// The current status.
        status: &'static str,
    },
    /// A date after today.
    #[error("日期{date}晚于今天（{today}），不能登记尚未发生的事项")]
    FutureDate {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A date before the previous event.
    #[error("日期{date}早于本申请上一环节的日期（{previous}）")]
    BeforePrevious {
        /// The date given.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// 平信/互联网/传真 without the confirmation day (第三十一条).
    #[error("通过{channel}提交的申请须登记与申请人确认之日（《条例》第三十一条）")]
    ConfirmationMissing {
        /// The channel.
        channel: &'static str,
    },
    /// A confirmation before arrival.
    #[error("确认日期{confirmed}早于申请到达日期{arrived}")]
    ConfirmationBeforeArrival {
        /// Confirmation day.
        confirmed: NaiveDate,
        /// Arrival day.
        arrived: NaiveDate,
    },
    /// 签收 twice.
    #[error("本申请已签收")]
    AlreadySigned,
    /// 转办 to the unit that already has it.
    #[error("本申请已在{unit}办理")]
    AlreadyThere {
        /// The unit.
        unit: String,
    },
    /// 退回 of a case that was never transferred.
    #[error("本申请未转办，无需退回")]
    NothingToReturn,
    /// An empty request.
    #[error("申请内容（所需政府信息的名称、文号或特征性描述）不能为空（《条例》第二十九条）")]
    EmptyRequest,
    /// A required text field left empty.
    #[error("{what}不能为空")]
    Empty {
        /// The field.
        what: &'static str,
    },
    /// 补正 already requested: it is one-time (一次性告知).
    #[error("补正须一次性告知（《条例》第三十条），本申请已于{on}告知补正")]
    CorrectionTwice {
        /// The earlier request.
        on: NaiveDate,
    },
    /// 补正 notice later than 7 working days after receipt.
    #[error("补正告知须在收到申请之日起7个工作日内发出（《条例》第三十条），最迟为{latest}")]
    CorrectionTooLate {
        /// The last permitted day.
        latest: NaiveDate,
    },
    /// A supplement after the 补正 period without a justified reason.
    #[error("补正期限已过（{due}），申请人无正当理由逾期不补正的视为放弃申请（《条例》第三十条）")]
    CorrectionLapsed {
        /// The period's last day.
        due: NaiveDate,
    },
    /// Recording a lapse before the period ended.
    #[error("{what}尚未届满（{due}），不能按逾期处理")]
    NotLapsed {
        /// Which period.
        what: &'static str,
        /// Its last day.
        due: NaiveDate,
    },
    /// A second extension.
    #[error("答复期限只能延长一次（《条例》第三十三条第二款），本申请已于{on}延期")]
    ExtensionTwice {
        /// The earlier extension.
        on: NaiveDate,
    },
    /// An extension of 0 or more than 20 working days.
    #[error("延长答复期限须为1至20个工作日（《条例》第三十三条第二款），申请延长{days}个工作日")]
    ExtensionLength {
        /// Days asked for.
        days: u32,
    },
    /// An extension decided after the period ended.
    #[error("答复期限已于{due}届满，不能再延期")]
    PeriodExpired {
        /// The period's last day.
        due: NaiveDate,
    },
    /// A second fee notice.
    #[error("本申请已于{on}发出收费通知")]
    FeeTwice {
        /// The earlier notice.
        on: NaiveDate,
    },
    /// A zero fee.
    #[error("收费通知的金额必须大于零")]
    FeeZero,
    /// Payment after the 20-working-day payment period.
    #[error("缴费期限已过（{due}），申请人逾期未缴费的视为放弃申请")]
    FeePaidLate {
        /// The period's last day.
        due: NaiveDate,
    },
    /// No consultation with that number.
    #[error("没有第{number}项征求意见")]
    NoSuchConsultation {
        /// 1-based.
        number: usize,
    },
    /// The consultation has already ended.
    #[error("第{number}项征求意见已于{on}结束")]
    ConsultationEnded {
        /// 1-based.
        number: usize,
        /// When it ended.
        on: NaiveDate,
    },
    /// 逾期未答复 recorded without knowing when the party received the letter.
    #[error("未登记对方收到征求意见书的日期，无法认定其逾期未提出意见")]
    DeliveryUnknown,
    /// Consultations still open at decision time.
    #[error("尚有{count}项征求意见未结束，不能作出答复")]
    ConsultationsOpen {
        /// How many.
        count: usize,
    },
    /// A reply lacking a field its type requires.
    #[error("答复“{reply}”必须写明{field}")]
    MissingField {
        /// The reply type.
        reply: String,
        /// The field.
        field: &'static str,
    },
    /// （四）3 without a 补正 and its supplement.
    #[error("“补正后申请内容仍不明确”须以已告知补正并收到补正材料为前提（《条例》第三十条）")]
    NoSupplement,
    /// （五）4 without first asking for reasons.
    #[error("以“无正当理由大量反复申请”不予处理前，须先要求申请人说明理由（《条例》第三十五条）")]
    NoReasonsRequested,
    /// A deferred deadline that is not later than the statutory one.
    #[error("延迟答复期限{given}须晚于法定答复期限{due}（《条例》第三十五条）")]
    DeferredNotLater {
        /// Given.
        given: NaiveDate,
        /// Statutory.
        due: NaiveDate,
    },
    /// The answer period cannot be computed.
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
}

impl From<CalendarError> for TransitionError {
    fn from(e: CalendarError) -> Self {
        TransitionError::Deadline(DeadlineError::Calendar(e))
    }
}
