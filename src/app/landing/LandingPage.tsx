import { Link, Redirect } from 'wouter';
import { Splash } from '../components/Splash';
import { useDocumentTitle } from '../hooks/use-document-title';
import { zhCN } from '../messages/zh-cn';
import { useDeviceSession } from '../session/use-device-session';

const t = zhCN.landing;

type EntryProps = { href: string; title: string; hint: string; tone: 'primary' | 'secondary' };

function Entry({ href, title, hint, tone }: EntryProps) {
  return (
    <Link href={href} className={`entry entry--${tone}`}>
      <span className="entry__title">{title}</span>
      <span className="entry__hint">{hint}</span>
    </Link>
  );
}

/**
 * The start URL of the installed app. A phone with an agent signed in goes straight to the agent
 * home, so opening the app with no signal lands where the work is.
 */
export function LandingPage() {
  useDocumentTitle();
  const session = useDeviceSession();
  if (session.status === 'loading') return <Splash />;
  if (session.status === 'ready' && session.value?.user.role === 'agent') {
    return <Redirect to="/agent" replace />;
  }

  return (
    <main className="page page--narrow landing">
      <header className="landing__header">
        <img className="landing__logo" src="/favicon.svg" width="72" height="72" alt="" />
        <h1 className="landing__title">{zhCN.appName}</h1>
        <p className="landing__tagline">{t.tagline}</p>
      </header>
      <nav className="landing__entries" aria-label={zhCN.appName}>
        <Entry href="/agent/login" title={t.agentLogin} hint={t.agentLoginHint} tone="primary" />
        <Entry href="/clerk/login" title={t.clerkLogin} hint={t.clerkLoginHint} tone="secondary" />
        <Entry href="/track" title={t.track} hint={t.trackHint} tone="secondary" />
      </nav>
    </main>
  );
}
