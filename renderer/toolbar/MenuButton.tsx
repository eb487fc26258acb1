import { useRef, useState } from 'react';
import { ContextMenu, type MenuEntry } from '../detail/ContextMenu';

/** A toolbar button that drops down a menu (Wireshark's Statistics and Analyze menus). */
export function MenuButton({ label, entries, disabled }: { label: string; entries: MenuEntry[]; disabled?: boolean }) {
  const button = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        disabled={disabled}
        onClick={() => {
          const box = button.current!.getBoundingClientRect();
          setAt(at ? null : { x: box.left, y: box.bottom });
        }}
      >
        {label} ▾
      </button>
      {at && <ContextMenu x={at.x} y={at.y} entries={entries} onClose={() => setAt(null)} />}
    </>
  );
}
