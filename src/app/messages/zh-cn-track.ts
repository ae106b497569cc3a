/**
 * The resident's progress page (群众查询进度), part of zhCN. Plain words for people who may be elderly
 * and read on a relative's phone: no office jargon where an everyday word will do.
 */
import type { Satisfaction, TrackStep } from '../../domain/tracking';

/** The five 好差评 choices, best first (also used by the workbench and the agent's list). */
export const satisfactionLabels = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
} as const satisfies Record<Satisfaction, string>;

const steps = {
  with_agent: '已交给代办员',
  reached_township: '已送到乡镇',
  accepted: '已受理',
  supplement: '需要补充材料',
  in_progress: '办理中',
  completed: '已办结',
  rejected: '不予受理',
} as const satisfies Record<TrackStep, string>;

/** What each step means, in one sentence under it. */
const stepHints = {
  with_agent: '代办员已收下您的申请，有信号时会送到乡镇便民服务中心。',
  reached_township: '乡镇便民服务中心已收到，正在审查材料。',
  accepted: '材料齐全，已经正式受理。',
  supplement: '还缺材料或材料不合格，请联系代办员补交下面这些：',
  in_progress: '正在办理。',
  completed: '已经办完。结果请向代办员或窗口领取。',
  rejected: '没有受理，原因如下：',
} as const satisfies Record<TrackStep, string>;

/** Problem codes of the page's forms (domain schemas and its own), as shown at the field. */
const problems = {
  CODE_REQUIRED: '请输入回执上的回执号或办件编号',
  RECEIPT_CODE_INVALID: '回执号是 8 位字母和数字，如 7KQ4-M2XD，请对照回执核对',
  TRACK_CODE_INVALID:
    '请输入回执号（8 位字母和数字，如 7KQ4-M2XD）或办件编号（如 999001-20260302-00001），请对照回执或通知书核对',
  PHONE_LAST4_REQUIRED: '请输入申请人手机号的后 4 位',
  PHONE_LAST4_INVALID: '请输入 4 位数字，即申请人手机号的最后 4 位',
  REQUIRED: '此项必须填写',
  TOO_SHORT: '请多写几个字，说清楚情况（至少 5 个字）',
  TOO_LONG: '内容太长，请精简',
  PHONE_INVALID: '请输入正确的 11 位手机号码，或者不填',
  SATISFACTION_REQUIRED: '请选择一项评价',
} as const;

export const trackMessages = {
  title: '群众查询进度',
  intro: '不用登录。输入回执上的回执号（或通知书上的办件编号）和申请人手机号的后 4 位，就能看到办到哪一步了。',
  largeText: '大字模式',
  largeTextOn: '大字模式：开',
  largeTextOff: '大字模式：关',
  codeLabel: '回执号或办件编号',
  codeHint:
    '回执号在代办员给您的回执上，如 7KQ4-M2XD（大小写都可以，不输入“-”也可以）；办件编号如 999001-20260302-00001',
  codePlaceholder: '如 7KQ4-M2XD',
  phoneLabel: '申请人手机号后 4 位',
  phonePlaceholder: '4 位数字',
  submit: '查询',
  submitting: '正在查询…',
  lookingUpQr: '正在打开您扫码的办件…',
  problems,
  invalid: '请检查此项',
  notFoundTitle: '代办员尚未上传，请稍后再查',
  notFoundText:
    '如果回执是刚拿到的，办件可能还在代办员的手机上，等有信号时会自动送到乡镇，请过几个小时再查。也请核对回执号（或办件编号）和手机号后 4 位是否正确。',
  notFoundQr: '如果回执是刚拿到的，办件可能还在代办员的手机上，等有信号时会自动送到乡镇，请过几个小时再扫码查询。',
  lockedTitle: '查询失败次数太多，已暂时锁定',
  lockedFor: (minutes: number) => `为保护群众信息，请 ${minutes} 分钟后再查。`,
  offlineTitle: '没有网络',
  offlineText: '手机现在没有连上网络（或信号太弱）。请到有信号的地方再查。',
  timeoutText: '网络太慢，服务器没有回应。请稍后再查。',
  failedTitle: '查询没有成功',
  expired: '查询已过期，为保护群众信息，请重新输入回执号和手机号后 4 位。',
  again: '查询其他办件',
  refresh: '刷新',
  refreshing: '正在刷新…',
  refreshFailed: (reason: string) => `刷新失败：${reason}`,
  caseTitle: '办理进度',
  caseNumber: '办件编号',
  receiptCode: '回执号',
  item: '办理事项',
  applicant: '申请人',
  now: '现在',
  steps,
  stepHints,
  suspended: '特别程序中，暂停计时',
  suspendedHint: '依法需要公示、听证、检验等，这段时间不计入办理时限，办完后继续办理。',
  nextSteps: '接下来',
  expected: '预计办结日期',
  expectedAcceptBy: '窗口答复期限',
  expectedHint: '如遇特别程序或依法延期，日期会相应推后。',
  contactsTitle: '联系人',
  agent: '代办员',
  window: '办理窗口',
  noPhone: '暂无电话',
  call: (phone: string) => `拨打 ${phone}`,
  supervisionTitle: '监督电话',
  supervisionText: (township: string) => `对办理有意见，可以拨打${township}便民服务中心监督电话：`,
  supervisionNone: '监督电话暂未公布，可以使用下面的投诉表。',
  rating: {
    title: '评价服务（好差评）',
    intro: '事情办完了，请您给这次服务打个分。每件事项只能评价一次。',
    legend: '您对这次服务满意吗？',
    choices: satisfactionLabels,
    comment: '想说的话（选填）',
    commentHint: '最多 500 字',
    submit: '提交评价',
    submitting: '正在提交…',
    yours: '您的评价',
    ratedAt: (time: string) => `评价时间：${time}`,
    commentShown: (text: string) => `您说：${text}`,
    thanks: '谢谢您的评价！',
    callback: (days: number) =>
      `很抱歉这次没有让您满意。乡镇便民服务中心会在 ${days} 个工作日内给您回电话，了解情况并尽快解决。`,
    followUpTitle: '追加评价',
    followUpIntro: '还有话想说，可以追加一次。',
    followUpLabel: '追加的内容',
    followUpSubmit: '提交追加评价',
    followUpShown: (text: string) => `追加评价：${text}`,
    alreadyRated: '这件事项已经评价过了，下面是已有的评价。',
  },
  complaint: {
    title: '投诉',
    intro: '对代办员或窗口的服务有意见，可以在这里投诉。乡镇便民服务中心会联系您。',
    open: '我要投诉',
    text: '投诉内容',
    textHint: '请写明什么事、什么时候（5–1000 字）',
    phone: '联系电话（选填）',
    phoneHint: '不填也可以，乡镇会按申请时留的电话联系您',
    submit: '提交投诉',
    submitting: '正在提交…',
    cancel: '取消',
    done: '投诉已收到。乡镇便民服务中心会尽快与您联系。',
  },
} as const;
