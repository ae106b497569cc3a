import { zhCN } from '../messages/zh-cn';

type LoadFailedProps = { title: string; message: string; onRetry: () => void; heading?: 'h1' | 'h2' };

/** A screen or panel that could not load: what happened and a 重试 button, never a dead end. */
export function LoadFailed({ title, message, onRetry, heading = 'h1' }: LoadFailedProps) {
  const Heading = heading;
  return (
    <section className="card" role="alert">
      <Heading className="card__title">{title}</Heading>
      <p>{message}</p>
      <button type="button" className="button button--primary clerk-retry" onClick={onRetry}>
        {zhCN.common.retry}
      </button>
    </section>
  );
}
