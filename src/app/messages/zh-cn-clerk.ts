/** The township workbench's text (窗口工作台), part of zhCN. */
export const clerkMessages = {
  windowsTitle: '我的窗口',
  noWindows: '尚未分配窗口',
  queueTitle: '待办队列',
  queueEmpty: '队列为空',
  queueEmptyHint: '代办员提交的申请会出现在这里。',
  logout: '退出登录',
  loggingOut: '正在退出…',
  loadFailed: '无法连接服务器',
  logoutFailed: '退出失败：无法连接服务器，请联网后再试',
} as const;
