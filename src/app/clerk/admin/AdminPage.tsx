import { Link } from 'wouter';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { zhCN } from '../../messages/zh-cn';
import { useClerkFrame } from '../clerk-frame';
import { ClerkShell } from '../ClerkShell';
import { DevicesPanel } from './DevicesPanel';
import { PlacesPanel } from './PlacesPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

const t = zhCN.admin;
const TABS = ['villages', 'windows', 'users', 'devices'] as const;
type Tab = (typeof TABS)[number];

function tabOf(value: string | undefined): Tab {
  return TABS.find((tab) => tab === value) ?? 'users';
}

/** /clerk/admin/:tab — 乡镇管理 for the township administrator: 村 · 窗口 · 人员 · 设备. */
export function AdminPage({ tab }: { tab: string | undefined }) {
  return (
    <ClerkShell section="admin">
      <AdminScreen tab={tabOf(tab)} />
    </ClerkShell>
  );
}

function AdminScreen({ tab }: { tab: Tab }) {
  useDocumentTitle(`${t.title} · ${t.tabs[tab]}`);
  const frame = useClerkFrame();
  if (frame.user.role !== 'admin') {
    return (
      <main className="page clerk-page">
        <p className="card" role="alert">
          {t.notAdmin}
        </p>
      </main>
    );
  }
  return (
    <main className="page clerk-page admin">
      <h1 className="page__title">{t.title}</h1>
      <nav className="queue-tabs" aria-label={t.tabs.label}>
        <ul className="queue-tabs__list">
          {TABS.map((each) => (
            <li key={each}>
              <Link
                href={`/clerk/admin/${each}`}
                className="queue-tabs__tab"
                aria-current={each === tab ? 'page' : undefined}
              >
                {t.tabs[each]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'villages' && <PlacesPanel kind="villages" />}
      {tab === 'windows' && <PlacesPanel kind="windows" />}
      {tab === 'users' && <UsersPanel />}
      {tab === 'devices' && <DevicesPanel />}
    </main>
  );
}
