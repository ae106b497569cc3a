import { Component, type ReactNode } from 'react';
import { zhCN } from '../messages/zh-cn';

type Props = { children: ReactNode };
type State = { failed: boolean };

/**
 * Catches a screen that failed to load or render — typically a lazy chunk fetched without signal
 * on a page the service worker does not control yet — and offers a reload instead of a blank page.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="page page--narrow">
        <section className="card" role="alert">
          <h1 className="card__title">{zhCN.common.chunkFailedTitle}</h1>
          <p>{zhCN.common.chunkFailedText}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              window.location.reload();
            }}
          >
            {zhCN.common.reload}
          </button>
        </section>
      </main>
    );
  }
}
