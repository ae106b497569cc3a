/** The workbench's 回访 screen (差评 and complaints followed up until closed), part of zhCN.clerk. */
import type { FollowUp } from '../../domain/tracking';
import type { FollowUpFilter } from '../../device/sync-follow-ups';

const tabs = {
  open: '待回访',
  called_back: '已回访待办结',
  closed: '已办结',
  all: '全部',
} as const satisfies Record<FollowUpFilter, string>;

const tabEmpty = {
  open: '没有待回访的任务',
  called_back: '没有已回访、待办结的任务',
  closed: '还没有办结的回访任务',
  all: '还没有回访任务',
} as const satisfies Record<FollowUpFilter, string>;

const kinds = {
  bad_rating: '差评',
  complaint: '投诉',
} as const satisfies Record<FollowUp['kind'], string>;

export const followUpMessages = {
  title: '群众回访',
  intro: '群众给出“不满意”“非常不满意”的评价或提出投诉后，在这里回访：1 个工作日内回电话，整改后办结并写明结果。',
  tabs,
  tabsLabel: '回访任务分类',
  tabEmpty,
  tabEmptyHint: '群众的差评和投诉会出现在这里。',
  kinds,
  loadFailedTitle: '回访任务加载失败',
  caseNumber: '办件编号',
  item: '事项',
  applicant: '申请人',
  window: '窗口',
  agent: '代办员',
  createdAt: '提出时间',
  satisfaction: '评价',
  text: '群众原话',
  noText: '（没有留下文字）',
  callbackDue: '回电期限',
  fixDue: '整改期限',
  overdue: '已超期',
  followUpComment: (text: string) => `追加评价：${text}`,
  contactPhone: '群众留的回电号码',
  calledBack: (time: string, by: string | null) => (by ? `已回电：${time}（${by}）` : `已回电：${time}`),
  callbackNote: (text: string) => `回访记录：${text}`,
  closed: (time: string, by: string | null) => (by ? `已办结：${time}（${by}）` : `已办结：${time}`),
  outcome: (text: string) => `办理结果：${text}`,
  openCase: '查看办件',
  recordCallback: '记录回访',
  callbackLabel: '回访情况（和群众通话的内容）',
  callbackSubmit: '保存回访记录',
  close: '办结',
  outcomeLabel: '整改和办理结果（将记入档案）',
  closeSubmit: '确认办结',
  submitting: '正在提交…',
  cancel: '取消',
  callbackDone: '回访已记录，任务已移到“已回访待办结”',
  closeDone: '已办结',
  total: (n: number) => `共 ${n} 件`,
} as const;
