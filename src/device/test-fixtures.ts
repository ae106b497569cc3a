import type { SessionUser } from '../domain/auth';

/** A village agent as the server describes one; for device tests only. */
export const agentUser: SessionUser = {
  id: '01900000-0000-7000-8000-000000000011',
  role: 'agent',
  name: '张建国',
  phoneMasked: '139****0011',
  township: { id: 'township-1', name: '示范镇' },
  village: { id: 'village-1', name: '东坡村' },
  windows: [],
};

/** A service-centre clerk; for device tests only. */
export const clerkUser: SessionUser = {
  id: '01900000-0000-7000-8000-000000000001',
  role: 'clerk',
  name: '李娜',
  phoneMasked: '139****0001',
  township: { id: 'township-1', name: '示范镇' },
  village: null,
  windows: [{ id: 'window-1', name: '社保窗口' }],
};
