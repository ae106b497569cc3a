/** The PIN lock's words: setup, lock screen, forgotten PIN, settings (part of the zh-CN catalogue). */
export const lockMessages = {
  setupTitle: '设置解锁 PIN',
  setupIntro:
    '本机保存的居民信息和照片都用这个 6 位数字 PIN 加密。每次打开代办通和一段时间不操作后，需要输入 PIN 才能查看。',
  setupWarning: 'PIN 只保存在这部手机上，任何人都无法帮你找回。忘记 PIN 时，本机还没上传的办件将无法恢复。',
  pinLabel: 'PIN（6 位数字）',
  repeatLabel: '再次输入 PIN',
  pinFormat: '请输入 6 位数字',
  pinMismatch: '两次输入的 PIN 不一致',
  setupSubmit: '设置 PIN',
  setupWorking: '正在设置…',
  lockedTitle: '输入 PIN 解锁',
  lockedIntro: '为保护居民信息，代办通已锁定。',
  revokedLocked: (n: number) =>
    n > 0
      ? `此设备已被停用。输入 PIN 后，将先上传 ${String(n)} 件未交的办件，再清除本机数据。`
      : '此设备已被停用。本机没有未交的办件，联网后将自动清除本机数据，无需输入 PIN。',
  unlock: '解锁',
  unlocking: '正在解锁…',
  wrongPin: (left: number) => (left > 0 ? `PIN 不正确，还可以再试 ${String(left)} 次` : 'PIN 不正确'),
  waitTitle: '输错次数过多',
  wait: (time: string) => `请 ${time} 后再试`,
  duration: (seconds: number) =>
    seconds >= 60
      ? `${String(Math.floor(seconds / 60))} 分 ${String(seconds % 60).padStart(2, '0')} 秒`
      : `${String(seconds)} 秒`,
  forgot: '忘记 PIN？',
  forgotTitle: '忘记 PIN',
  forgotText:
    '没有 PIN，本机上的办件无法解密，也就无法再上传。唯一的办法是重新登记本机：删除本机的全部数据，然后重新登录并设置新的 PIN。',
  forgotUnsent: (n: number) =>
    n > 0 ? `本机有 ${String(n)} 件办件还没有上传，重新登记后将永久丢失，需要重新采集。` : '本机没有未上传的办件。',
  forgotNudge: '已多次输错。如果确实忘记了 PIN，可以重新登记本机。',
  reregister: '重新登记本机',
  reregisterConfirmTitle: (n: number) =>
    n > 0 ? `确定删除本机数据？${String(n)} 件未上传的办件将无法恢复` : '确定删除本机数据并重新登录？',
  reregisterConfirm: '删除并重新登录',
  reregistering: '正在删除…',
  cancel: '取消',
  settingsTitle: '锁屏与 PIN',
  lockAfterLabel: '不操作多久后锁定',
  minutes: (n: number) => `${String(n)} 分钟`,
  lockNow: '立即锁定',
  changeTitle: '修改 PIN',
  currentLabel: '当前 PIN',
  newLabel: '新 PIN（6 位数字）',
  changeSubmit: '修改 PIN',
  changed: 'PIN 已修改',
  syncLocked: '解锁后继续上传',
  failed: '操作失败，请重试',
} as const;
