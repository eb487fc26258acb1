import { useEffect, useRef, type ReactNode } from 'react';
import { useText } from '../i18n/index';
import { useDialogs } from '../state/dialog-store';

interface Props {
  title: string;
  /** CSS class for size (e.g. "wide"). */
  className?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** A modal dialog over the window: Escape or the close button closes it; focus moves inside. */
export function Dialog({ title, className, children, footer }: Props) {
  const t = useText();
  const box = useRef<HTMLDivElement>(null);
  const close = useDialogs((state) => state.close);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    box.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        className={`dialog${className ? ` ${className}` : ''}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
      >
        <header className="dialog-title">
          <h2>{title}</h2>
          <button type="button" className="dialog-close" aria-label={t('close')} onClick={close}>×</button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}
