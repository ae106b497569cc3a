import type { ReactNode } from 'react';
import { Link } from 'wouter';

type ScreenHeaderProps = { backHref: string; backLabel: string; title: string; aside?: ReactNode };

/** The header of a signed-in sub-screen: a large back link, the title, and an optional status on the right. */
export function ScreenHeader({ backHref, backLabel, title, aside }: ScreenHeaderProps) {
  return (
    <header className="subbar">
      <div className="subbar__row">
        <Link href={backHref} className="subbar__back">
          {backLabel}
        </Link>
        {aside}
      </div>
      <h1 className="subbar__title">{title}</h1>
    </header>
  );
}
