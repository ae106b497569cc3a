/**
 * Routes. Only the landing page is in the first bundle; every other screen is its own chunk, loaded
 * on demand and precached by the service worker so it also opens offline.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { NotFound } from './components/NotFound';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { Splash } from './components/Splash';
import { UpdatePrompt } from './components/UpdatePrompt';
import { LandingPage } from './landing/LandingPage';

const LoginPage = lazy(() => import('./auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AgentHome = lazy(() => import('./agent/AgentHome').then((m) => ({ default: m.AgentHome })));
const ItemSearchPage = lazy(() => import('./agent/ItemSearchPage').then((m) => ({ default: m.ItemSearchPage })));
const GuidePage = lazy(() => import('./agent/GuidePage').then((m) => ({ default: m.GuidePage })));
const CaseEditorPage = lazy(() => import('./agent/case/CaseEditorPage').then((m) => ({ default: m.CaseEditorPage })));
const ReceiptPage = lazy(() => import('./agent/ReceiptPage').then((m) => ({ default: m.ReceiptPage })));
const SettingsPage = lazy(() => import('./agent/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const SyncPage = lazy(() => import('./agent/SyncPage').then((m) => ({ default: m.SyncPage })));
const ClerkHome = lazy(() => import('./clerk/ClerkHome').then((m) => ({ default: m.ClerkHome })));
const CaseDetailPage = lazy(() => import('./clerk/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const NoticePage = lazy(() => import('./clerk/NoticePage').then((m) => ({ default: m.NoticePage })));
const StatisticsPage = lazy(() => import('./clerk/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const FollowUpsPage = lazy(() => import('./clerk/FollowUpsPage').then((m) => ({ default: m.FollowUpsPage })));
const CalendarPage = lazy(() => import('./clerk/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('./clerk/AuditPage').then((m) => ({ default: m.AuditPage })));
const EnrolPage = lazy(() => import('./enrol/EnrolPage').then((m) => ({ default: m.EnrolPage })));
const AdminPage = lazy(() => import('./clerk/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const TrackPage = lazy(() => import('./track/TrackPage').then((m) => ({ default: m.TrackPage })));

/** The whole app: routed screens plus the update banner. */
export function App() {
  return (
    <>
      <ScreenErrorBoundary>
        <Suspense fallback={<Splash />}>
          <Switch>
            <Route path="/">
              <LandingPage />
            </Route>
            <Route path="/agent/login">
              <LoginPage portal="agent" />
            </Route>
            <Route path="/agent">
              <AgentHome />
            </Route>
            <Route path="/agent/items">
              <ItemSearchPage />
            </Route>
            <Route path="/agent/items/:code">{(params) => <GuidePage code={params.code} />}</Route>
            <Route path="/agent/cases/:id/receipt">{(params) => <ReceiptPage id={params.id} />}</Route>
            <Route path="/agent/cases/:id/:step?">
              {(params) => <CaseEditorPage id={params.id} step={params.step} />}
            </Route>
            <Route path="/agent/sync">
              <SyncPage />
            </Route>
            <Route path="/agent/settings">
              <SettingsPage />
            </Route>
            <Route path="/clerk/login">
              <LoginPage portal="clerk" />
            </Route>
            <Route path="/clerk">
              <ClerkHome />
            </Route>
            <Route path="/clerk/stats">
              <StatisticsPage />
            </Route>
            <Route path="/clerk/follow-ups">
              <FollowUpsPage />
            </Route>
            <Route path="/clerk/calendar">
              <CalendarPage />
            </Route>
            <Route path="/clerk/admin/:tab?">{(params) => <AdminPage tab={params.tab} />}</Route>
            <Route path="/enrol">
              <EnrolPage />
            </Route>
            <Route path="/clerk/audit">
              <AuditPage />
            </Route>
            <Route path="/clerk/cases/:id/notice/:kind">
              {(params) => <NoticePage id={params.id} kind={params.kind} />}
            </Route>
            <Route path="/clerk/cases/:id">{(params) => <CaseDetailPage id={params.id} />}</Route>
            <Route path="/track">
              <TrackPage />
            </Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </ScreenErrorBoundary>
      <UpdatePrompt />
    </>
  );
}
