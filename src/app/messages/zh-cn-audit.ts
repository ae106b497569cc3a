/** The administrator's 审计日志 screen (the audit trail viewer), part of zhCN.clerk. */
import type { AuditAction, AuditSubjectType } from '../../domain/audit';

const actions = {
  'auth.sign_in': '登录',
  'auth.sign_in_failed': '登录失败',
  'auth.sign_out': '退出登录',
  'device.enrol_code': '生成设备登记码',
  'device.enrol': '登记设备',
  'device.revoke': '停用设备',
  'device.wiped': '设备已清除本机数据',
  'admin.user': '管理用户',
  'admin.village': '管理村',
  'admin.window': '管理窗口',
  'case.event': '办件状态变更',
  'case.reveal': '查看完整个人信息',
  'export.cases': '导出办件清单',
  'export.statistics': '导出统计表',
} as const satisfies Record<AuditAction, string>;

const subjectTypes = {
  user: '用户',
  device: '设备',
  case: '办件',
  village: '村',
  window: '窗口',
  export: '导出',
} as const satisfies Record<AuditSubjectType, string>;

export const auditMessages = {
  title: '审计日志',
  intro:
    '本镇的登录、设备登记与停用、办件状态变更、查看完整身份证号或电话、导出等操作都记录在这里。记录只能追加，每条与前一条共同计算校验值，任何修改、删除或调换都能被核查出来。',
  actions,
  subjectTypes,
  filtersTitle: '筛选审计日志',
  action: '操作',
  allActions: '全部操作',
  actor: '操作人',
  allActors: '全部人员',
  subject: '对象（办件编号或编号）',
  subjectPlaceholder: '如 999001-20260302-00001',
  from: '起始日期',
  to: '截止日期',
  apply: '查询',
  clearFilters: '清除筛选',
  filtersActive: (n: number) => `已筛选 ${n} 项`,
  township: '乡镇',
  allTownships: '全部乡镇',
  noTownship: '无所属乡镇（县级账号、未知号码）',
  countyIntro:
    '全县各乡镇的审计记录，以及不属于任何乡镇的记录（县级管理员的登录与导出、用不存在的号码尝试登录）。记录只能追加，每条与前一条共同计算校验值，任何修改、删除或调换都能被核查出来。',
  columns: { at: '时间', township: '乡镇', actor: '操作人', action: '操作', subject: '对象', detail: '详情' },
  /** The 乡镇 column of an entry of no township. */
  noTownshipCell: '—',
  system: '系统',
  unknownActor: '（未登录）',
  noSubject: '—',
  empty: '还没有审计记录',
  emptyHint: '工作人员登录、处理办件或导出后，记录会出现在这里。',
  noMatch: '没有符合筛选条件的记录',
  noMatchHint: '可以放宽日期范围，或点“清除筛选”。',
  loadFailed: '无法读取审计日志',
  adminOnly: '只有乡镇管理员和县级管理员可以查看审计日志。',
  newest: '回到最新',
  older: '更早的记录',
  pagination: '审计日志翻页',
  detail: {
    field: { idNumber: '查看完整身份证号', phone: '查看完整联系电话' },
    client: { web: '工作台', device: '手机' },
    reason: { unknown_account: '账号不存在', disabled: '账号已停用', wrong_password: '密码错误', locked: '账号已锁定' },
    format: { csv: 'CSV', xlsx: 'Excel' },
    lockedNow: '已锁定账号',
    rows: (n: number) => `${n} 行`,
    search: '按关键词搜索',
    period: (from: string, to: string) => `${from} 至 ${to}`,
  },
} as const;
