import { useEffect, useRef } from 'react';

export interface MenuEntry {
  label: string;
  disabled?: boolean;
  run(): void;
}

interface Props {
  x: number;
  y: number;
  entries: MenuEntry[];
  onClose(): void;
}

/** A small popup menu at the pointer; closes on Escape, on a click elsewhere, or after a choice. */
export function ContextMenu({ x, y, entries, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div ref={menu} role="menu" className="context-menu" style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <div
          key={entry.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={entry.disabled || undefined}
          className="context-menu-item"
          onClick={() => {
            if (entry.disabled) return;
            onClose();
            entry.run();
          }}
          onKeyDown={(event) => {
            if ((event.key === 'Enter' || event.key === ' ') && !entry.disabled) {
              event.preventDefault();
              onClose();
              entry.run();
            }
          }}
        >
          {entry.label}
        </div>
      ))}
    </div>
  );
}
